// Resolves `Authorization: Bearer brier_…` to its user and scopes; unknown, revoked and banned
// owners' tokens are refused. Found tokens are cached for up to a minute (token-cache.ts), the
// same resolution as `last_used_at`, which every miss still records.
import { findActiveTokenWithUser } from '../../db/repositories/api-token-repository.ts';
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
  const found = await findActiveTokenWithUser(deps.database.db, tokenHash, {
    at: now,
    ifUsedBefore: new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
  });
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
