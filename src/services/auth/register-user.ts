// Self-service sign-up: a `reader` account (admins come from `brier users create`) and a session.
import type { User } from '../../domain/user.ts';
import type { Deps } from '../deps.ts';
import { insertNewUser, prepareNewUser } from '../users/create-user.ts';
import { type NewSession, startSession } from './start-session.ts';

export interface RegisterUserInput {
  email: string;
  username: string;
  password: string;
  userAgent?: string;
}

export async function registerUser(
  deps: Deps,
  input: RegisterUserInput,
): Promise<{ user: User; session: NewSession }> {
  const { userAgent, ...account } = input;
  const prepared = await prepareNewUser(deps, { ...account, role: 'reader' });
  return deps.database.db.transaction().execute(async (trx) => {
    const user = await insertNewUser(deps, trx, prepared);
    const session = await startSession(deps, { userId: user.id, userAgent }, trx);
    return { user, session };
  });
}
