// Resolves `Authorization: Bearer brier_…` to its user and scopes; unknown, revoked and banned
// owners' tokens are refused. Found tokens are cached for up to a minute (token-cache.ts), the
// same resolution as `last_used_at`, which every miss still records.

import { perDatabase } from '../../db/per-database.ts';
import {
  type ApiTokenWithUser,
  findActiveTokensWithUsers,
} from '../../db/repositories/api-token-repository.ts';
import { StatementBatcher } from '../../db/statement-batcher.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import type { Authentication } from './authentication.ts';
import { sha256 } from './secrets.ts';
import { type CachedToken, type TokenCache, tokenCacheFor } from './token-cache.ts';

/**
 * `last_used_at` is informational; recording it once a minute keeps reads write-free. The
 * cache's TTL equals it, so a token in use misses (and is touched) about once a minute.
 */
const LAST_USED_RESOLUTION_MS = 60 * 1000;

interface TokenLookup {
  tokenHash: string;
  now: Date;
}

/**
 * Cache misses of concurrent requests share one statement (the first use of many tokens at
 * once, e.g. after a restart or when the entries of busy tokens expire together).
 */
export const tokenLookupBatcherFor = perDatabase(
  (database) =>
    new StatementBatcher<TokenLookup, ApiTokenWithUser | undefined>(database, {
      maxInFlight: { postgres: 2, pglite: 1 },
      maxBatch: 100,
      run: async (lookups) => {
        // One instant for the batch: the latest, so no token is touched twice a minute.
        const at = new Date(Math.max(...lookups.map((lookup) => lookup.now.getTime())));
        const found = await findActiveTokensWithUsers(
          database.db,
          lookups.map((lookup) => lookup.tokenHash),
          { at, ifUsedBefore: new Date(at.getTime() - LAST_USED_RESOLUTION_MS) },
        );
        return lookups.map((lookup) => found.get(lookup.tokenHash));
      },
    }),
);

export interface AuthenticateApiTokenInput {
  token: string;
}

export async function authenticateApiToken(
  deps: Deps,
  input: AuthenticateApiTokenInput,
): Promise<Authentication> {
  const now = deps.clock.now();
  const tokenHash = sha256(input.token);
  const cache = tokenCacheFor(deps.database);
  const token = cache.get(tokenHash, now) ?? (await lookUpToken(deps, cache, tokenHash, now));
  return {
    actor: {
      kind: 'user',
      userId: token.userId,
      username: token.username,
      role: token.role,
      authMethod: 'token',
      scopes: token.scopes,
    },
    accountCreatedAt: token.accountCreatedAt,
    session: null,
  };
}

/** A cache miss: reads (and caches) the token, refusing unknown, revoked and banned ones. */
async function lookUpToken(
  deps: Deps,
  cache: TokenCache,
  tokenHash: string,
  now: Date,
): Promise<CachedToken> {
  const generation = cache.generation;
  // One statement reads the token and its owner and, at most once a minute, touches it.
  const found = await tokenLookupBatcherFor(deps.database).submit({ tokenHash, now });
  if (!found || found.user.isBanned) {
    // Not cached: a new token needs no invalidation, and bad tokens cannot fill the cache.
    throw new DomainError('UNAUTHENTICATED', 'This API token is unknown or revoked.');
  }
  const token: CachedToken = {
    userId: found.user.id,
    username: found.user.username,
    role: found.user.role,
    scopes: found.scopes,
    accountCreatedAt: found.user.createdAt,
  };
  cache.store(tokenHash, token, now, generation);
  return token;
}
