// SQL for the users table: lookups by id, username or email (case-insensitive), inserts, updates.
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { Role } from '../../domain/actor.ts';
import type { User } from '../../domain/user.ts';
import type { DatabaseSchema, UsersTable } from '../schema.ts';

export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export interface UserRecord extends User {
  passwordHash: string;
}

/** The owner of a session or API token, as authentication needs it. */
export interface CredentialOwner {
  id: number;
  username: string;
  role: Role;
  isBanned: boolean;
  createdAt: Date;
}

/** The owner's columns a session or token lookup selects from its join with `users`. */
export interface CredentialOwnerColumns {
  user_id: number;
  username: string;
  role: string;
  is_banned: boolean;
  user_created_at: Date;
}

export function toCredentialOwner(row: CredentialOwnerColumns): CredentialOwner {
  return {
    id: row.user_id,
    username: row.username,
    role: row.role as Role,
    isBanned: row.is_banned,
    createdAt: row.user_created_at,
  };
}

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role as Role,
    displayName: row.display_name,
    bio: row.bio,
    isBanned: row.is_banned,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}

/** Drops the password hash: what leaves a service is a `User`. */
export function withoutSecrets(record: UserRecord): User {
  const { passwordHash: _passwordHash, ...user } = record;
  return user;
}

const lowerUsername = sql<string>`lower(username)`;
const lowerEmail = sql<string>`lower(email)`;

export async function insertUser(
  db: Executor,
  input: { username: string; email: string; passwordHash: string; role: Role; createdAt: Date },
): Promise<UserRecord> {
  const row = await db
    .insertInto('users')
    .values({
      username: input.username,
      email: input.email,
      password_hash: input.passwordHash,
      role: input.role,
      created_at: input.createdAt,
      display_name: null,
      email_verified_at: null,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function findUserById(db: Executor, id: number): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByUsername(
  db: Executor,
  username: string,
): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(lowerUsername, '=', username.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toUser(row);
}

/** `login` is a username or an email; usernames cannot contain "@", so the two never collide. */
export async function findUserByLogin(
  db: Executor,
  login: string,
): Promise<UserRecord | undefined> {
  const key = login.toLowerCase();
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(key.includes('@') ? lowerEmail : lowerUsername, '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toUser(row);
}

/** Which of the two unique fields are already taken (deleted accounts keep theirs). */
export async function findTakenFields(
  db: Executor,
  input: { username: string; email: string },
): Promise<Array<'username' | 'email'>> {
  const rows = await db
    .selectFrom('users')
    .select([lowerUsername.as('username'), lowerEmail.as('email')])
    .where((eb) =>
      eb.or([
        eb(lowerUsername, '=', input.username.toLowerCase()),
        eb(lowerEmail, '=', input.email.toLowerCase()),
      ]),
    )
    .execute();
  const taken: Array<'username' | 'email'> = [];
  if (rows.some((row) => row.username === input.username.toLowerCase())) taken.push('username');
  if (rows.some((row) => row.email === input.email.toLowerCase())) taken.push('email');
  return taken;
}

/** Users in id order, after the cursor. */
export async function listUsers(
  db: Executor,
  options: { afterId: number | null; limit: number },
): Promise<UserRecord[]> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(options.limit);
  if (options.afterId !== null) query = query.where('id', '>', options.afterId);
  const rows = await query.execute();
  return rows.map(toUser);
}

export async function updateUser(
  db: Executor,
  id: number,
  changes: {
    displayName?: string | null;
    bio?: string;
    role?: Role;
    isBanned?: boolean;
    passwordHash?: string;
  },
): Promise<UserRecord | undefined> {
  const values: Updateable<UsersTable> = {};
  if (changes.displayName !== undefined) values.display_name = changes.displayName;
  if (changes.bio !== undefined) values.bio = changes.bio;
  if (changes.role !== undefined) values.role = changes.role;
  if (changes.isBanned !== undefined) values.is_banned = changes.isBanned;
  if (changes.passwordHash !== undefined) values.password_hash = changes.passwordHash;
  if (Object.keys(values).length === 0) return findUserById(db, id);
  const row = await db
    .updateTable('users')
    .set(values)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toUser(row);
}

/** Whether any account exists, deleted ones included: "an empty database" has none. */
export async function hasAnyUser(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** NOTIFY `channel` with the user id as payload, delivered on commit (never on rollback). */
export async function notifyUserChanged(
  db: Executor,
  channel: string,
  userId: number,
): Promise<void> {
  await sql`select pg_notify(${channel}, ${String(userId)})`.execute(db);
}
