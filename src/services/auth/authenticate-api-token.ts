// Resolves `Authorization: Bearer brier_…` to its user and scopes; unknown, revoked and banned
// owners' tokens are refused. Found tokens are cached for up to a minute (token-cache.ts), the
// resolution of `last_used_at`, which every miss notes (written a few seconds later in bulk,
// token-uses.ts).

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
import { tokenUsesFor } from './token-uses.ts';

/**
 * Cache misses of concurrent requests share one statement (the first use of many tokens at
 * once, e.g. after a restart or when the entries of busy tokens expire together).
 */
export const tokenLookupBatcherFor = perDatabase(
  (database) =>
    new StatementBatcher<string, ApiTokenWithUser | undefined>(database, {
      // One lookup statement at a time, as the CP writes (cp-write-batcher.ts): bigger batches.
      maxInFlight: { postgres: 1, pglite: 1 },
      maxBatch: 100,
      run: async (tokenHashes) => {
        const found = await findActiveTokensWithUsers(database.db, tokenHashes);
        return tokenHashes.map((tokenHash) => found.get(tokenHash));
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
  const found = await tokenLookupBatcherFor(deps.database).submit(tokenHash);
  if (!found || found.user.isBanned) {
    // Not cached: a new token needs no invalidation, and bad tokens cannot fill the cache.
    throw new DomainError('UNAUTHENTICATED', 'This API token is unknown or revoked.');
  }
  tokenUsesFor(deps).note(found.id, now);
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
