// Rate limits (@fastify/rate-limit, counted in this process's memory — see docs/decisions.md):
// login and register per IP; forecasts and other writes per user (per IP when anonymous), lower
// for accounts younger than a day. Every unsafe-method route gets the `write` limit unless it
// attaches another one:
//
//   app.post('/api/v1/questions/:id/forecasts', { config: { rateLimit: rateLimits.forecast } }, …)
//
// Routes that must never be limited pass `config: { rateLimit: false }`.
import fastifyRateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { RateLimitConfig } from '../../config/config.ts';
import type { Clock } from '../../domain/clock.ts';
import { DomainError } from '../../domain/errors.ts';
import { isNewAccount } from '../../domain/user.ts';
import type { Deps } from '../../services/deps.ts';
import type { App } from '../app-type.ts';

const MINUTE_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Bucket = 'login' | 'register' | 'forecast' | 'write';

/** A route's limit; `bucket` names the counter it shares with other routes. */
export type RouteRateLimit = RateLimitOptions & { bucket: Bucket };

interface RateLimitPolicy {
  config: RateLimitConfig;
  clock: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimitPolicy: RateLimitPolicy;
  }
}

function byIp(bucket: Bucket) {
  return (request: FastifyRequest) => `${bucket}:ip:${request.ip}`;
}

function byUser(bucket: Bucket) {
  return (request: FastifyRequest) => {
    const actor = request.actor;
    return actor?.kind === 'user' ? `${bucket}:user:${actor.userId}` : `${bucket}:ip:${request.ip}`;
  };
}

function scaled(policy: RateLimitPolicy, perWindow: number): number {
  return Math.max(1, Math.floor(perWindow * policy.config.multiplier));
}

/** New accounts get `newAccountPercent` of the limit ("new accounts are rate-limited harder"). */
function perUserMaximum(pick: (config: RateLimitConfig) => number) {
  return (request: FastifyRequest) => {
    const policy = request.server.rateLimitPolicy;
    const full = scaled(policy, pick(policy.config));
    const createdAt = request.credentials?.accountCreatedAt;
    if (createdAt && isNewAccount(createdAt, policy.clock.now())) {
      return Math.max(1, Math.floor((full * policy.config.newAccountPercent) / 100));
    }
    return full;
  };
}

function perIpMaximum(pick: (config: RateLimitConfig) => number) {
  return (request: FastifyRequest) => {
    const policy = request.server.rateLimitPolicy;
    return scaled(policy, pick(policy.config));
  };
}

/** Route configs to attach with `config: { rateLimit: rateLimits.<name> }`. */
export const rateLimits = {
  login: {
    bucket: 'login',
    timeWindow: MINUTE_MS,
    keyGenerator: byIp('login'),
    max: perIpMaximum((config) => config.loginPerMinute),
  },
  register: {
    bucket: 'register',
    timeWindow: 10 * MINUTE_MS,
    keyGenerator: byIp('register'),
    max: perIpMaximum((config) => config.registerPerTenMinutes),
  },
  forecast: {
    bucket: 'forecast',
    timeWindow: MINUTE_MS,
    keyGenerator: byUser('forecast'),
    max: perUserMaximum((config) => config.forecastPerMinute),
  },
  write: {
    bucket: 'write',
    timeWindow: MINUTE_MS,
    keyGenerator: byUser('write'),
    max: perUserMaximum((config) => config.writePerMinute),
  },
} satisfies Record<Bucket, RouteRateLimit>;

/**
 * Fixed-window counters shared by every route of a bucket (the library's own store keeps one
 * counter set per route, which would make "writes per user" a per-route limit). Bounded: past
 * `capacity` keys the least recently used is dropped. Windows follow the injected clock.
 */
class Counters {
  private readonly entries = new Map<string, { count: number; startedAt: number }>();
  constructor(
    private readonly clock: Clock,
    private readonly capacity = 50_000,
  ) {}

  increment(key: string, windowMs: number): { current: number; ttl: number } {
    const now = this.clock.now().getTime();
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    if (!entry || entry.startedAt + windowMs <= now) entry = { count: 0, startedAt: now };
    entry.count += 1;
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return { current: entry.count, ttl: entry.startedAt + windowMs - now };
  }

  read(key: string, windowMs: number): { current: number; ttl: number } {
    const now = this.clock.now().getTime();
    const entry = this.entries.get(key);
    if (!entry || entry.startedAt + windowMs <= now) return { current: 0, ttl: 0 };
    return { current: entry.count, ttl: entry.startedAt + windowMs - now };
  }
}

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

function storeClass(counters: Counters) {
  return class BucketStore {
    constructor(
      _options: unknown,
      private readonly namespace = 'write',
    ) {}
    incr(key: string, callback: StoreCallback, timeWindow: number): void {
      callback(null, counters.increment(`${this.namespace}\u0000${key}`, timeWindow));
    }
    read(key: string, callback: StoreCallback, timeWindow: number): void {
      callback(null, counters.read(`${this.namespace}\u0000${key}`, timeWindow));
    }
    /** Route stores: one namespace per bucket, or per route for ad-hoc limits. */
    child(params: { bucket?: string; routeInfo?: { method?: unknown; url?: string } }) {
      const namespace =
        params.bucket ?? `route:${String(params.routeInfo?.method)} ${params.routeInfo?.url}`;
      return new BucketStore(params, namespace);
    }
  };
}

export async function registerRateLimits(app: App, deps: Deps): Promise<void> {
  app.decorate('rateLimitPolicy', { config: deps.config.rateLimits, clock: deps.clock });
  const { bucket: _bucket, ...writeDefaults } = rateLimits.write;
  await app.register(fastifyRateLimit, {
    global: true,
    ...writeDefaults,
    // Reads are never limited here; each route without its own config counts as a write.
    allowList: (request) => SAFE_METHODS.has(request.method),
    store: storeClass(new Counters(deps.clock)) as unknown as RateLimitOptions['store'],
    errorResponseBuilder: (_request, context) =>
      new DomainError('RATE_LIMITED', 'Too many requests; try again later.', {
        retry_after_seconds: Math.ceil(context.ttl / 1000),
      }),
  });
}
