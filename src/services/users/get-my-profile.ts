// The signed-in user's own account, including private fields (email).
import { findUserById, withoutSecrets } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';

export interface GetMyProfileInput {
  actor: Actor | null;
}

export async function getMyProfile(deps: Deps, input: GetMyProfileInput): Promise<User> {
  const actor = requireUser(input.actor, { scope: 'read' });
  const record = await findUserById(deps.database.db, actor.userId);
  if (!record) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists.');
  return withoutSecrets(record);
}
