// Resolves `Authorization: Bearer brier_…` to its user and scopes; unknown, revoked and banned
// owners' tokens are refused.
import { findActiveTokenWithUser } from '../../db/repositories/api-token-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import type { Authentication } from './authentication.ts';
import { sha256 } from './secrets.ts';

/** `last_used_at` is informational; recording it once a minute keeps reads write-free. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;

export interface AuthenticateApiTokenInput {
  token: string;
}

export async function authenticateApiToken(
  deps: Deps,
  input: AuthenticateApiTokenInput,
): Promise<Authentication> {
  const now = deps.clock.now();
  // One statement reads the token and its owner and, at most once a minute, touches it.
  const found = await findActiveTokenWithUser(deps.database.db, sha256(input.token), {
    at: now,
    ifUsedBefore: new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
  });
  if (!found || found.user.isBanned) {
    throw new DomainError('UNAUTHENTICATED', 'This API token is unknown or revoked.');
  }
  return {
    actor: {
      kind: 'user',
      userId: found.user.id,
      username: found.user.username,
      role: found.user.role,
      authMethod: 'token',
      scopes: found.scopes,
    },
    accountCreatedAt: found.user.createdAt,
    session: null,
  };
}
