// Revokes one of the signed-in user's tokens; someone else's token is NOT_FOUND, not FORBIDDEN,
// so that token ids reveal nothing. The token stops working at once here and, through
// `NOTIFY auth_changed`, in every other instance's token cache.
import { revokeApiToken as revokeTokenRow } from '../../db/repositories/api-token-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { requireUser } from './require-user.ts';
import { forgetUserTokens, notifyAuthChanged } from './token-cache.ts';

export interface RevokeApiTokenInput {
  actor: Actor | null;
  tokenId: number;
}

export async function revokeApiToken(deps: Deps, input: RevokeApiTokenInput): Promise<void> {
  const actor = requireUser(input.actor, { scope: 'write' });
  const isRevoked = await deps.database.db.transaction().execute(async (trx) => {
    const revoked = await revokeTokenRow(trx, {
      id: input.tokenId,
      userId: actor.userId,
      revokedAt: deps.clock.now(),
    });
    // Other instances drop the owner's cached tokens when this commits.
    if (revoked) await notifyAuthChanged(trx, actor.userId);
    return revoked;
  });
  if (!isRevoked) throw new DomainError('NOT_FOUND', 'No such API token.');
  forgetUserTokens(deps.database, actor.userId);
}
