// SQL for browser sessions: stored by the sha-256 of the cookie value, read with their user.
import { type CredentialOwner, type Executor, toCredentialOwner } from './user-repository.ts';

export interface SessionWithUser {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  createdAt: Date;
  user: CredentialOwner;
}

export async function insertSession(
  db: Executor,
  input: {
    id: string;
    userId: number;
    csrfToken: string;
    createdAt: Date;
    expiresAt: Date;
    userAgent: string;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: input.id,
      user_id: input.userId,
      csrf_token: input.csrfToken,
      created_at: input.createdAt,
      last_seen_at: input.createdAt,
      expires_at: input.expiresAt,
      user_agent: input.userAgent,
    })
    .execute();
}

/** A session as its owner sees it in the session list (never the cookie or CSRF token). */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
}

/** The user's live sessions, most recently used first. */
export async function listSessionsOfUser(
  db: Executor,
  userId: number,
  now: Date,
): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    userAgent: row.user_agent,
  }));
}

/** Deletes the user's sessions whose id starts with `prefix`; returns how many. */
export async function deleteSessionsByPrefix(
  db: Executor,
  userId: number,
  prefix: string,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session of the user except `keepId` (null: all of them). */
export async function deleteOtherSessions(
  db: Executor,
  userId: number,
  keepId: string | null,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId !== null) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findSessionWithUser(
  db: Executor,
  id: string,
): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as id',
      'sessions.csrf_token as csrf_token',
      'sessions.expires_at as expires_at',
      'sessions.last_seen_at as last_seen_at',
      'sessions.created_at as created_at',
      'users.id as user_id',
      'users.username as username',
      'users.role as role',
      'users.is_banned as is_banned',
      'users.created_at as user_created_at',
    ])
    .where('sessions.id', '=', id)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    createdAt: row.created_at,
    user: toCredentialOwner(row),
  };
}

export async function touchSession(
  db: Executor,
  id: string,
  times: { lastSeenAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: times.lastSeenAt, expires_at: times.expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
