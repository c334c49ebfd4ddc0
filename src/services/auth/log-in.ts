// Password login by username or email. Every failure (unknown account, wrong password, banned)
// is the same INVALID_CREDENTIALS after the same amount of hashing work.
import {
  clearLoginFailures,
  findLoginLock,
  recordLoginFailure,
  setLoginLock,
} from '../../db/repositories/login-throttle-repository.ts';
import {
  findUserByLogin,
  updateUser,
  withoutSecrets,
} from '../../db/repositories/user-repository.ts';
import { isStorableLine } from '../../domain/account-rules.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  FREE_LOGIN_FAILURES,
  LOGIN_FAILURE_MEMORY_MS,
  loginWaitMs,
} from '../../domain/login-throttle.ts';
import type { User } from '../../domain/user.ts';
import type { Deps } from '../deps.ts';
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from './password-hashing.ts';
import { sha256 } from './secrets.ts';
import { type NewSession, startSession } from './start-session.ts';

export interface LogInInput {
  /** username or email */
  login: string;
  password: string;
  userAgent?: string;
}

function mustWait(lockedUntil: Date, now: Date): DomainError {
  const seconds = Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000);
  return new DomainError(
    'RATE_LIMITED',
    `Too many failed logins for this account; try again in ${seconds} s.`,
    { retry_after_seconds: seconds },
  );
}

/** Counts the failure and, past the free ones, makes the next login wait (loginWaitMs). */
async function countFailure(deps: Deps, key: string, now: Date): Promise<void> {
  const db = deps.database.db;
  const forgetBefore = new Date(now.getTime() - LOGIN_FAILURE_MEMORY_MS);
  const failures = await recordLoginFailure(db, { key, now, forgetBefore });
  const freeFailures = Math.round(FREE_LOGIN_FAILURES * deps.config.rateLimits.multiplier);
  const waitMs = loginWaitMs(failures, freeFailures);
  // Every row gets a lock time, even a past one: a later success then knows to clear the row.
  await setLoginLock(db, key, new Date(now.getTime() + waitMs));
}

export async function logIn(
  deps: Deps,
  input: LogInInput,
): Promise<{ user: User; session: NewSession }> {
  // A login with control characters names nobody (and NUL cannot even be sent to PostgreSQL).
  const record = isStorableLine(input.login)
    ? await findUserByLogin(deps.database.db, input.login)
    : undefined;
  // Known and unknown names are throttled alike, so the wait tells nobody an account exists.
  // An unknown name is keyed by its digest: any text (a NUL, 200 characters) makes a fine key.
  const throttleKey = record ? `user:${record.id}` : `login:${sha256(input.login.toLowerCase())}`;
  const lockedUntil = await findLoginLock(deps.database.db, throttleKey);
  const now = deps.clock.now();
  if (lockedUntil !== null && lockedUntil > now) throw mustWait(lockedUntil, now);
  const isPasswordRight = record
    ? await verifyPassword(record.passwordHash, input.password)
    : await verifyAgainstDummy(deps.config, input.password);
  if (!record || !isPasswordRight || record.isBanned) {
    await countFailure(deps, throttleKey, now);
    throw new DomainError('INVALID_CREDENTIALS', 'Wrong username, email or password.');
  }
  if (lockedUntil !== null) await clearLoginFailures(deps.database.db, throttleKey);
  if (needsRehash(deps.config, record.passwordHash)) {
    // The configured cost changed since this hash was made: upgrade it while we know the password.
    const passwordHash = await hashPassword(deps.config, input.password);
    await updateUser(deps.database.db, record.id, { passwordHash });
  }
  const session = await startSession(deps, { userId: record.id, userAgent: input.userAgent });
  return { user: withoutSecrets(record), session };
}
