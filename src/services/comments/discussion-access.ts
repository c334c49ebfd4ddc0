// What every discussion write checks first: a signed-in user with the write scope who is not
// suspended (a suspension stops writing, never reading).
import type { Actor, UserActor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';

export async function requireWriter(deps: Deps, actor: Actor | null): Promise<UserActor> {
  const user = requireUser(actor, { scope: 'write' });
  const until = await suspendedUntil(deps, user.userId);
  if (until !== null) {
    throw new DomainError('SUSPENDED', `Your account is suspended until ${until.toISOString()}.`, {
      suspended_until: until.toISOString(),
    });
  }
  return user;
}

/** The end of the user's current suspension, or null. */
export async function suspendedUntil(deps: Deps, userId: number): Promise<Date | null> {
  const row = await deps.database.db
    .selectFrom('users')
    .select('suspended_until')
    .where('id', '=', userId)
    .executeTakeFirst();
  const until = row?.suspended_until ?? null;
  return until !== null && until.getTime() > deps.clock.now().getTime() ? until : null;
}
