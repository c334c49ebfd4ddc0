// The demo's accounts: the admin who claims the empty database (under an advisory lock, so that
// of several instances starting together exactly one loads the demo), the analyst who writes
// the questions, and the synthetic forecasters, whose random passwords are never shown to anyone.
import {
  ADVISORY_LOCKS,
  takeTransactionLock,
} from '../../db/repositories/advisory-lock-repository.ts';
import { hasAnyUser } from '../../db/repositories/user-repository.ts';
import { checkEmail, checkPassword, checkUsername } from '../../domain/account-rules.ts';
import { type Role, sessionActor } from '../../domain/actor.ts';
import { DomainError, type FieldProblem } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import { generatePassword } from '../auth/secrets.ts';
import type { Deps } from '../deps.ts';
import { insertNewUser, type PreparedUser, prepareNewUser } from '../users/create-user.ts';
import { updateMyProfile } from '../users/update-my-profile.ts';

export const DEMO_FORECASTER_COUNT = 25;
export const DEMO_ANALYST_USERNAME = 'demo-analyst';
/** Usernames of the synthetic accounts start with this; the admin's may not. */
export const DEMO_USERNAME_PREFIX = 'demo-';
/** A reserved domain (RFC 2606): mail to the demo accounts goes nowhere. */
const DEMO_EMAIL_DOMAIN = 'demo.invalid';

export const DEFAULT_DEMO_ADMIN = { username: 'admin', email: 'admin@example.org' } as const;

export interface DemoAdminInput {
  username?: string;
  email?: string;
  /** Generated when not given. */
  password?: string;
}

export interface DemoAdminLogin {
  id: number;
  username: string;
  email: string;
  password: string;
  isPasswordGenerated: boolean;
}

/** The admin's fields as given (defaults filled), or the problems with them. */
export function checkDemoAdmin(
  input: DemoAdminInput,
): { ok: true; username: string; email: string } | { ok: false; fields: FieldProblem[] } {
  const username = input.username ?? DEFAULT_DEMO_ADMIN.username;
  const email = input.email ?? DEFAULT_DEMO_ADMIN.email;
  const fields: FieldProblem[] = [];
  const usernameCheck = checkUsername(username);
  if (!usernameCheck.ok) fields.push({ path: '/username', message: usernameCheck.reason });
  else if (username.toLowerCase().startsWith(DEMO_USERNAME_PREFIX)) {
    fields.push({
      path: '/username',
      message: `must not start with "${DEMO_USERNAME_PREFIX}" (kept for the demo accounts)`,
    });
  }
  const emailCheck = checkEmail(email);
  if (!emailCheck.ok) fields.push({ path: '/email', message: emailCheck.reason });
  if (input.password !== undefined) {
    const passwordCheck = checkPassword(input.password);
    if (!passwordCheck.ok) fields.push({ path: '/password', message: passwordCheck.reason });
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, username, email };
}

/**
 * Creates the admin if and only if the database has no account yet; null when it has. The
 * emptiness check is repeated inside a transaction holding the demo's advisory lock, and the
 * admin is inserted in that transaction: whoever commits it owns the demo load.
 */
export async function claimEmptyDatabase(
  deps: Deps,
  input: DemoAdminInput,
): Promise<{ user: User; login: DemoAdminLogin } | null> {
  const db = deps.database.db;
  if (await hasAnyUser(db)) return null;
  const check = checkDemoAdmin(input);
  if (!check.ok) {
    const [first] = check.fields;
    throw new DomainError('VALIDATION_FAILED', `${first.path}: ${first.message}`, {
      fields: check.fields,
    });
  }
  const { username, email } = check;
  const password = input.password ?? generatePassword();
  let prepared: PreparedUser;
  try {
    prepared = await prepareNewUser(deps, { username, email, password, role: 'admin' });
  } catch (error) {
    // Another instance claimed the database between the first check and this one.
    if (error instanceof DomainError && error.code === 'ALREADY_EXISTS' && (await hasAnyUser(db))) {
      return null;
    }
    throw error;
  }
  const user = await db.transaction().execute(async (tx) => {
    await takeTransactionLock(tx, ADVISORY_LOCKS.demoContent);
    if (await hasAnyUser(tx)) return null;
    return insertNewUser(deps, tx, prepared);
  });
  if (user === null) return null;
  return {
    user,
    login: {
      id: user.id,
      username: user.username,
      email: user.email,
      password,
      isPasswordGenerated: input.password === undefined,
    },
  };
}

export function demoForecasterUsername(index: number): string {
  return `${DEMO_USERNAME_PREFIX}forecaster-${String(index + 1).padStart(2, '0')}`;
}

const DEMO_BIO =
  'Synthetic account of the demo content: its forecasts were generated when the demo was ' +
  'loaded, not made by a person. Nobody can sign in with it.';

interface DemoAccountSpec {
  username: string;
  displayName: string;
  role: Role;
}

/**
 * The analyst and the forecasters. Passwords are random and never told to anyone: the accounts
 * exist only to own demo content. Hashing runs in parallel (libuv's threads); inserts run in
 * order, so ids follow the names.
 */
export async function createDemoAccounts(
  deps: Deps,
): Promise<{ analyst: User; forecasters: User[] }> {
  const specs: DemoAccountSpec[] = [
    { username: DEMO_ANALYST_USERNAME, displayName: 'Demo analyst', role: 'analyst' },
    ...Array.from({ length: DEMO_FORECASTER_COUNT }, (_, index) => ({
      username: demoForecasterUsername(index),
      displayName: `Demo forecaster ${String(index + 1).padStart(2, '0')}`,
      role: 'reader' as const,
    })),
  ];
  const prepared = await Promise.all(
    specs.map((spec) =>
      prepareNewUser(deps, {
        username: spec.username,
        email: `${spec.username}@${DEMO_EMAIL_DOMAIN}`,
        password: generatePassword(),
        role: spec.role,
      }),
    ),
  );
  const users: User[] = [];
  for (const [index, spec] of specs.entries()) {
    const user = await insertNewUser(deps, deps.database.db, prepared[index]);
    users.push(
      await updateMyProfile(deps, {
        actor: sessionActor(user),
        displayName: spec.displayName,
        bio: DEMO_BIO,
      }),
    );
  }
  const [analyst, ...forecasters] = users;
  return { analyst, forecasters };
}
