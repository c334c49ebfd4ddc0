// Creates an account with a given role: used by registration (always `reader`), by
// `brier users create` and by test factories. Callers are trusted to pick the role.
import {
  type Executor,
  findTakenFields,
  insertUser,
  withoutSecrets,
} from '../../db/repositories/user-repository.ts';
import { checkEmail, checkUsername, type FieldCheck } from '../../domain/account-rules.ts';
import type { Role } from '../../domain/actor.ts';
import { DomainError, type FieldProblem } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import { hashPassword } from '../auth/password-hashing.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import type { Deps } from '../deps.ts';

export interface CreateUserInput {
  username: string;
  email: string;
  password: string;
  role?: Role;
}

export async function createUser(deps: Deps, input: CreateUserInput): Promise<User> {
  const prepared = await prepareNewUser(deps, input);
  return insertNewUser(deps, deps.database.db, prepared);
}

export interface PreparedUser {
  username: string;
  email: string;
  passwordHash: string;
  role: Role;
}

/** Checks the fields and that they are free, then hashes (slow, so outside any transaction). */
export async function prepareNewUser(deps: Deps, input: CreateUserInput): Promise<PreparedUser> {
  const problems: FieldProblem[] = [];
  const add = (path: string, check: FieldCheck) => {
    if (!check.ok) problems.push({ path, message: check.reason });
  };
  add('/username', checkUsername(input.username));
  add('/email', checkEmail(input.email));
  add('/password', await checkNewPassword(input.password));
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, {
      fields: problems,
    });
  }
  await assertAvailable(deps.database.db, input);
  return {
    username: input.username,
    email: input.email,
    passwordHash: await hashPassword(deps.config, input.password),
    role: input.role ?? 'reader',
  };
}

/**
 * Inserts; a concurrent registration of the same name surfaces as ALREADY_EXISTS too, told
 * apart by the unique index that refused it (no query: the transaction is aborted by then).
 */
export async function insertNewUser(
  deps: Deps,
  db: Executor,
  prepared: PreparedUser,
): Promise<User> {
  try {
    const record = await insertUser(db, { ...prepared, createdAt: deps.clock.now() });
    return withoutSecrets(record);
  } catch (error) {
    const violated = uniqueViolation(error);
    if (violated === null) throw error;
    if (violated.includes('email')) throw alreadyExists(['email']);
    if (violated.includes('username')) throw alreadyExists(['username']);
    throw alreadyExists(['username', 'email']);
  }
}

async function assertAvailable(
  db: Executor,
  input: { username: string; email: string },
): Promise<void> {
  const taken = await findTakenFields(db, input);
  if (taken.length > 0) throw alreadyExists(taken);
}

function alreadyExists(fields: Array<'username' | 'email'>): DomainError {
  const problems = fields.map((field) => ({ path: `/${field}`, message: 'is already taken' }));
  const subject = fields.length > 1 ? `${fields.join(' and ')} are` : `${fields[0]} is`;
  return new DomainError('ALREADY_EXISTS', `That ${subject} already taken.`, {
    fields: problems,
  });
}

/** The violated constraint's name for a unique violation (SQLSTATE 23505), else null. */
function uniqueViolation(error: unknown): string | null {
  const candidate = error as { code?: unknown; constraint?: unknown } | null;
  if (candidate?.code !== '23505') return null;
  return typeof candidate.constraint === 'string' ? candidate.constraint : '';
}
