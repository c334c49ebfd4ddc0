// Password change from a signed-in browser session: the current password proves it is the owner
// at the keyboard (not someone at an unlocked screen), the new one passes the same policy as at
// registration, and every other session ends (ASVS 3.3.3): whoever knew the old password and
// signed in elsewhere is out. API tokens stay; the settings page lists them for revoking.
import { deleteOtherSessions } from '../../db/repositories/session-repository.ts';
import { findUserById, updateUser } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { hashPassword, verifyPassword } from './password-hashing.ts';
import { checkNewPassword } from './password-policy.ts';
import { requireUser } from './require-user.ts';
import { notifyAuthChanged } from './token-cache.ts';

export interface ChangePasswordInput {
  actor: Actor | null;
  currentSessionId: string | null;
  currentPassword: string;
  newPassword: string;
}

/** Returns how many other sessions were signed out. */
export async function changePassword(deps: Deps, input: ChangePasswordInput): Promise<number> {
  const actor = requireUser(input.actor);
  if (actor.authMethod !== 'session' || input.currentSessionId === null) {
    throw new DomainError('FORBIDDEN', 'Passwords are changed from a signed-in browser session.');
  }
  const record = await findUserById(deps.database.db, actor.userId);
  if (!record) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this.');
  if (!(await verifyPassword(record.passwordHash, input.currentPassword))) {
    throw invalidField('/current_password', 'is not your current password');
  }
  const policy = await checkNewPassword(input.newPassword);
  if (!policy.ok) throw invalidField('/new_password', policy.reason);
  if (input.newPassword === input.currentPassword) {
    throw invalidField('/new_password', 'must differ from the current password');
  }
  const passwordHash = await hashPassword(deps.config, input.newPassword);
  return deps.database.db.transaction().execute(async (trx) => {
    await updateUser(trx, actor.userId, { passwordHash });
    const ended = await deleteOtherSessions(trx, actor.userId, input.currentSessionId);
    await notifyAuthChanged(trx, actor.userId);
    return ended;
  });
}
