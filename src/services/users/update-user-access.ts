// Admin: change another user's role or ban status, in one transaction with its audit-log entry.
// A ban also ends the user's sessions (their API tokens stop working while banned); both kinds of
// change reach cached API tokens at once here and, via `NOTIFY auth_changed`, elsewhere.
import { insertAuditEntry } from '../../db/repositories/audit-log-repository.ts';
import { deleteSessionsOfUser } from '../../db/repositories/session-repository.ts';
import { findUserById, updateUser, withoutSecrets } from '../../db/repositories/user-repository.ts';
import type { Actor, Role } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { canAdministerUser } from '../../domain/permissions.ts';
import type { User } from '../../domain/user.ts';
import { requireUser } from '../auth/require-user.ts';
import { forgetUserTokens, notifyAuthChanged } from '../auth/token-cache.ts';
import type { Deps } from '../deps.ts';

export interface UpdateUserAccessInput {
  actor: Actor | null;
  userId: number;
  role?: Role;
  isBanned?: boolean;
}

export async function updateUserAccess(deps: Deps, input: UpdateUserAccessInput): Promise<User> {
  const actor = requireUser(input.actor, { scope: 'write', role: 'admin' });
  const permission = canAdministerUser(actor, input.userId);
  if (!permission.ok) {
    switch (permission.reason) {
      case 'own_account':
        throw new DomainError('FORBIDDEN', 'Admins cannot change their own role or ban status.', {
          reason: 'own_account',
        });
      case 'not_signed_in':
      case 'not_owner':
      case 'missing_role':
        throw new DomainError('FORBIDDEN', 'Only an admin can do this.');
    }
  }
  const now = deps.clock.now();
  const updated = await deps.database.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, input.userId);
    if (!before) throw new DomainError('NOT_FOUND', 'No such user.');
    const after = await updateUser(trx, input.userId, {
      role: input.role,
      isBanned: input.isBanned,
    });
    if (!after) throw new DomainError('NOT_FOUND', 'No such user.');
    if (input.isBanned === true) await deleteSessionsOfUser(trx, input.userId);
    await insertAuditEntry(trx, {
      actorId: actor.userId,
      action: 'user.update_access',
      targetType: 'user',
      targetId: input.userId,
      details: {
        before: { role: before.role, is_banned: before.isBanned },
        after: { role: after.role, is_banned: after.isBanned },
      },
      createdAt: now,
    });
    // Other instances drop the user's cached API tokens when this commits.
    await notifyAuthChanged(trx, input.userId);
    return withoutSecrets(after);
  });
  forgetUserTokens(deps.database, input.userId);
  return updated;
}
