// Revokes one of the signed-in user's tokens; someone else's token is NOT_FOUND, not FORBIDDEN,
// so that token ids reveal nothing.
import { revokeApiToken as revokeTokenRow } from '../../db/repositories/api-token-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { requireUser } from './require-user.ts';

export interface RevokeApiTokenInput {
  actor: Actor | null;
  tokenId: number;
}

export async function revokeApiToken(deps: Deps, input: RevokeApiTokenInput): Promise<void> {
  const actor = requireUser(input.actor, { scope: 'write' });
  const isRevoked = await revokeTokenRow(deps.database.db, {
    id: input.tokenId,
    userId: actor.userId,
    revokedAt: deps.clock.now(),
  });
  if (!isRevoked) throw new DomainError('NOT_FOUND', 'No such API token.');
}
