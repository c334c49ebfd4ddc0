// Password login by username or email. Every failure (unknown account, wrong password, banned)
// is the same INVALID_CREDENTIALS after the same amount of hashing work.
import {
  findUserByLogin,
  updateUser,
  withoutSecrets,
} from '../../db/repositories/user-repository.ts';
import { isStorableLine } from '../../domain/account-rules.ts';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import type { Deps } from '../deps.ts';
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from './password-hashing.ts';
import { type NewSession, startSession } from './start-session.ts';

export interface LogInInput {
  /** username or email */
  login: string;
  password: string;
}

export async function logIn(
  deps: Deps,
  input: LogInInput,
): Promise<{ user: User; session: NewSession }> {
  // A login with control characters names nobody (and NUL cannot even be sent to PostgreSQL).
  const record = isStorableLine(input.login)
    ? await findUserByLogin(deps.database.db, input.login)
    : undefined;
  const isPasswordRight = record
    ? await verifyPassword(record.passwordHash, input.password)
    : await verifyAgainstDummy(deps.config, input.password);
  if (!record || !isPasswordRight || record.isBanned) {
    throw new DomainError('INVALID_CREDENTIALS', 'Wrong username, email or password.');
  }
  if (needsRehash(deps.config, record.passwordHash)) {
    // The configured cost changed since this hash was made: upgrade it while we know the password.
    const passwordHash = await hashPassword(deps.config, input.password);
    await updateUser(deps.database.db, record.id, { passwordHash });
  }
  const session = await startSession(deps, { userId: record.id });
  return { user: withoutSecrets(record), session };
}
