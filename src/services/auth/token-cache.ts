// API-token lookups kept in memory for up to a minute, so a Bearer request costs a hash and a
// Map read instead of a database round trip. Never trusted past what changes a token's power:
// revoking a token and changing a user's role or ban drop the owner's entries in this process
// at once and `NOTIFY auth_changed` (payload: the user id, delivered on commit) drops them in
// every other instance; a lost and re-established LISTEN connection clears everything, since
// notifications may have been missed. Unknown tokens and banned owners are never cached.

import type { Database } from '../../db/database.ts';
import { perDatabase } from '../../db/per-database.ts';
import { type Executor, notifyUserChanged } from '../../db/repositories/user-repository.ts';
import type { Role, TokenScope } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';

/**
 * How long an entry lives: the resolution of `last_used_at`, so a miss (which runs the lookup
 * that records it) comes often enough to keep `last_used_at` as accurate as without the cache.
 */
export const TOKEN_CACHE_TTL_MS = 60 * 1000;

/** Beyond this many entries the least recently used one is dropped (≈ 200 bytes each). */
export const TOKEN_CACHE_MAX_ENTRIES = 20_000;

export const AUTH_CHANGED_CHANNEL = 'auth_changed';

/** What authenticating a token needs to know about it and its owner. */
export interface CachedToken {
  userId: number;
  username: string;
  role: Role;
  scopes: readonly TokenScope[];
  accountCreatedAt: Date;
}

interface Entry {
  token: CachedToken;
  readAtMs: number;
}

export class TokenCache {
  /** Keyed by sha-256 of the token; Map order is use order (least recent first). */
  private readonly entries = new Map<string, Entry>();
  private invalidations = 0;

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number } = {
      ttlMs: TOKEN_CACHE_TTL_MS,
      maxEntries: TOKEN_CACHE_MAX_ENTRIES,
    },
  ) {}

  /**
   * Take this before reading the database and hand it to `store`: a read that overlapped an
   * invalidation may have seen the old state and must not be cached.
   */
  get generation(): number {
    return this.invalidations;
  }

  get size(): number {
    return this.entries.size;
  }

  get(tokenHash: string, now: Date): CachedToken | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    const age = now.getTime() - entry.readAtMs;
    // A clock that went backwards (tests set it) cannot vouch for the entry's age either.
    if (age >= this.options.ttlMs || age < 0) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    return entry.token;
  }

  /** Caches what was read at `readAt`, unless anything was invalidated since `generation`. */
  store(tokenHash: string, token: CachedToken, readAt: Date, generation: number): void {
    if (generation !== this.invalidations) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, {
      token: { ...token, scopes: Object.freeze([...token.scopes]) },
      readAtMs: readAt.getTime(),
    });
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  /** Drops every entry of the user (rare: a scan is cheaper than keeping a second index). */
  forgetUser(userId: number): void {
    this.invalidations += 1;
    for (const [tokenHash, entry] of this.entries) {
      if (entry.token.userId === userId) this.entries.delete(tokenHash);
    }
  }

  clear(): void {
    this.invalidations += 1;
    this.entries.clear();
  }
}

/** One cache per open database (per process in production; per app instance in tests). */
export const tokenCacheFor = perDatabase(() => new TokenCache());

/**
 * Tells every instance that what the user's tokens may do changed. Run it inside the changing
 * transaction: PostgreSQL delivers the notification on commit, and never on rollback. Call
 * `forgetUserTokens` after the commit as well: the notification reaches this process too, but
 * only asynchronously, and the next request must already see the change.
 */
export async function notifyAuthChanged(db: Executor, userId: number): Promise<void> {
  await notifyUserChanged(db, AUTH_CHANGED_CHANNEL, userId);
}

/** Drops the user's cached tokens in this process (after the change has committed). */
export function forgetUserTokens(database: Database, userId: number): void {
  tokenCacheFor(database).forgetUser(userId);
}

/** Handles one `auth_changed` payload: a user id, or anything else to be safe: clear all. */
export function applyAuthChanged(cache: TokenCache, payload: string): void {
  if (/^\d{1,15}$/.test(payload)) cache.forgetUser(Number(payload));
  else cache.clear();
}

/**
 * LISTENs on `auth_changed` for this database's cache, clearing it whenever the listening
 * connection had to be re-established. Returns the unsubscriber (call it when the app closes).
 */
export function listenForAuthChanges(deps: Pick<Deps, 'database'>): Promise<() => Promise<void>> {
  const cache = tokenCacheFor(deps.database);
  return deps.database.listen(AUTH_CHANGED_CHANNEL, (payload) => applyAuthChanged(cache, payload), {
    onReconnect: () => cache.clear(),
  });
}
