// Environment configuration: read once at start against ENV_SCHEMA (env-schema.ts, which also
// documents every variable and renders .env.example), then frozen and passed down as `deps.config`.
import { isIP } from 'node:net';
import type { LOG_LEVELS } from './env-schema.ts';
import { ConfigError, type RawEnv, readEnv } from './read-env.ts';

export { ConfigError };

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** null = embedded PGlite in `dataDir` */
  databaseUrl: string | null;
  dataDir: string;
  baseUrl: string;
  sessionSecret: string;
  /** true when the secret was generated for this process (development only) */
  isSessionSecretGenerated: boolean;
  logLevel: LogLevel;
  /** Which proxies may set X-Forwarded-For: none (false), a hop count, or addresses/ranges. */
  trustProxy: false | number | readonly string[];
  /** Time a client has to send a whole request. */
  requestTimeoutMs: number;
  bodyLimitBytes: number;
  liveStreams: LiveStreamConfig;
  shutdownTimeoutMs: number;
  /** Cookies get `Secure` when the public URL is https. */
  isSecureCookies: boolean;
  databasePoolSize: number;
  smtpUrl: string | null;
  loadDemoContent: boolean;
  /** How often each instance's job runner looks for due jobs. */
  jobPollIntervalMs: number;
  /** Default dispute window of a proposed resolution (a question may override it). */
  disputeWindowHours: number;
  /** argon2id cost (OWASP minimum: 19456 KiB, 2 passes); tests lower it for speed. */
  argon2MemoryKib: number;
  argon2TimeCost: number;
  rateLimits: RateLimitConfig;
  /** Bearer token that unlocks /metrics; null: /metrics is off (404). */
  metricsToken: string | null;
}

/** Caps on Server-Sent Events streams (http/plugins/live-updates.ts). */
export interface LiveStreamConfig {
  perClient: number;
  total: number;
  maxLifetimeMs: number;
}

/** Requests per window; every maximum is multiplied by `multiplier` (tests raise it). */
export interface RateLimitConfig {
  multiplier: number;
  loginPerMinute: number;
  registerPerTenMinutes: number;
  forecastPerMinute: number;
  writePerMinute: number;
  /** Accounts younger than a day get this percentage of the forecast and write limits. */
  newAccountPercent: number;
}

/** proxy-addr's names for address ranges, accepted beside addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  const text = value.trim();
  if (text === '' || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `must be at most 10 hops, got ${hops}`);
    return hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      `"${bad}" is not an IP address, a CIDR range or a range name`,
    );
  }
  return Object.freeze(entries);
}

/**
 * Reads and validates the environment. `generateSecret` is injected so this module stays free of
 * randomness; main passes a crypto-backed generator.
 */
export function loadConfig(raw: RawEnv, generateSecret: () => string = () => ''): Config {
  const env = readEnv(raw);
  let sessionSecret = env.SESSION_SECRET;
  if (sessionSecret === undefined && env.NODE_ENV === 'production') {
    throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production');
  }
  const baseUrl = env.BASE_URL ?? `http://localhost:${env.PORT}`;
  const isSessionSecretGenerated = sessionSecret === undefined;
  sessionSecret ??= generateSecret();
  const config: Config = {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: env.DATA_DIR,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    sessionSecret,
    isSessionSecretGenerated,
    logLevel: env.LOG_LEVEL,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    liveStreams: Object.freeze({
      perClient: env.LIVE_STREAMS_PER_CLIENT,
      total: env.LIVE_STREAMS_TOTAL,
      maxLifetimeMs: env.LIVE_STREAM_MAX_SECONDS * 1000,
    }),
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    isSecureCookies: baseUrl.startsWith('https:'),
    databasePoolSize: env.DATABASE_POOL_SIZE,
    smtpUrl: env.SMTP_URL ?? null,
    loadDemoContent: env.LOAD_DEMO_CONTENT,
    jobPollIntervalMs: env.JOB_POLL_INTERVAL_MS,
    disputeWindowHours: env.DISPUTE_WINDOW_HOURS,
    argon2MemoryKib: env.ARGON2_MEMORY_KIB,
    argon2TimeCost: env.ARGON2_TIME_COST,
    rateLimits: Object.freeze({
      multiplier: env.RATE_LIMIT_MULTIPLIER,
      loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE,
      registerPerTenMinutes: env.RATE_LIMIT_REGISTER_PER_10_MINUTES,
      forecastPerMinute: env.RATE_LIMIT_FORECAST_PER_MINUTE,
      writePerMinute: env.RATE_LIMIT_WRITE_PER_MINUTE,
      newAccountPercent: env.RATE_LIMIT_NEW_ACCOUNT_PERCENT,
    }),
    metricsToken: env.METRICS_TOKEN ?? null,
  };
  return Object.freeze(config);
}
