// SQL for in-app notifications, notification preferences and settings, and CP-move alert state.
import { sql } from 'kysely';
import type { Executor } from './question-repository.ts';

export interface NotificationRecord {
  id: number;
  userId: number;
  kind: string;
  questionId: number | null;
  /** The question's title and id fields for its link, when there is a question. */
  question: { id: number; title: string } | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  userId: number;
  kind: string;
  questionId: number | null;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  createdAt: Date;
}

/** Inserts one notification; false when its (user, dedupe_key) already exists. */
export async function insertNotification(
  db: Executor,
  notification: NewNotification,
): Promise<number | null> {
  const row = await db
    .insertInto('notifications')
    .values({
      user_id: notification.userId,
      kind: notification.kind,
      question_id: notification.questionId,
      payload: JSON.stringify(notification.payload),
      dedupe_key: notification.dedupeKey,
      created_at: notification.createdAt,
    })
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A user's notifications: unread first, then newest first. The cursor is the last row's
 * (is_read, id): unread rows sort before read ones, ids descending within each.
 */
export async function listNotificationsOf(
  db: Executor,
  userId: number,
  options: { after: { isRead: boolean; id: number } | null; limit: number },
): Promise<NotificationRecord[]> {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('questions as q', 'q.id', 'n.question_id')
    .select([
      'n.id',
      'n.user_id',
      'n.kind',
      'n.question_id',
      'n.payload',
      'n.created_at',
      'n.read_at',
      'q.title as question_title',
    ])
    .where('n.user_id', '=', userId);
  const after = options.after;
  if (after) {
    query = after.isRead
      ? query.where('n.read_at', 'is not', null).where('n.id', '<', after.id)
      : query.where((eb) =>
          eb.or([
            eb('n.read_at', 'is not', null),
            eb.and([eb('n.read_at', 'is', null), eb('n.id', '<', after.id)]),
          ]),
        );
  }
  const rows = await query
    .orderBy(sql`(n.read_at is not null)`)
    .orderBy('n.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    questionId: row.question_id,
    question:
      row.question_id !== null && row.question_title !== null
        ? { id: row.question_id, title: row.question_title }
        : null,
    payload: row.payload ?? {},
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the user's notifications read (all unread ones when `ids` is null); returns how many. */
export async function markRead(
  db: Executor,
  userId: number,
  ids: readonly number[] | null,
  at: Date,
): Promise<number> {
  if (ids !== null && ids.length === 0) return 0;
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== null) query = query.where('id', 'in', [...ids]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function notificationExists(db: Executor, userId: number, id: number) {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Notifications of a user since `since` (the weekly digest). */
export async function listNotificationsSince(
  db: Executor,
  userId: number,
  since: Date,
  limit: number,
): Promise<NotificationRecord[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('questions as q', 'q.id', 'n.question_id')
    .select([
      'n.id',
      'n.user_id',
      'n.kind',
      'n.question_id',
      'n.payload',
      'n.created_at',
      'n.read_at',
      'q.title as question_title',
    ])
    .where('n.user_id', '=', userId)
    .where('n.created_at', '>=', since)
    .where('n.kind', '!=', 'weekly_digest')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    questionId: row.question_id,
    question:
      row.question_id !== null && row.question_title !== null
        ? { id: row.question_id, title: row.question_title }
        : null,
    payload: row.payload ?? {},
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

// --- preferences and settings ---

export type StoredChannel = 'in_app' | 'email' | 'off';

export async function selectPreferences(
  db: Executor,
  userIds: readonly number[],
): Promise<Array<{ userId: number; kind: string; channel: StoredChannel }>> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .execute();
  return rows.map((row) => ({ userId: row.user_id, kind: row.kind, channel: row.channel }));
}

export async function upsertPreference(
  db: Executor,
  userId: number,
  kind: string,
  channel: StoredChannel,
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, kind, channel })
    .onConflict((conflict) => conflict.columns(['user_id', 'kind']).doUpdateSet({ channel }))
    .execute();
}

export async function selectSettings(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, { cpMoveThreshold: number; lastDigestAt: Date | null }>> {
  const result = new Map<number, { cpMoveThreshold: number; lastDigestAt: Date | null }>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('notification_settings')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .execute();
  for (const row of rows) {
    result.set(row.user_id, {
      cpMoveThreshold: row.cp_move_threshold,
      lastDigestAt: row.last_digest_at,
    });
  }
  return result;
}

export async function upsertSettings(
  db: Executor,
  userId: number,
  values: { cpMoveThreshold?: number; lastDigestAt?: Date },
): Promise<void> {
  const set: { cp_move_threshold?: number; last_digest_at?: Date } = {};
  if (values.cpMoveThreshold !== undefined) set.cp_move_threshold = values.cpMoveThreshold;
  if (values.lastDigestAt !== undefined) set.last_digest_at = values.lastDigestAt;
  await db
    .insertInto('notification_settings')
    .values({ user_id: userId, ...set })
    .onConflict((conflict) =>
      Object.keys(set).length === 0
        ? conflict.column('user_id').doNothing()
        : conflict.column('user_id').doUpdateSet(set),
    )
    .execute();
}

// --- CP-move alert state ---

export async function selectAlertStates(
  db: Executor,
  questionId: number,
  userIds: readonly number[],
): Promise<Map<number, { reference: number[]; lastAlertAt: Date | null }>> {
  const result = new Map<number, { reference: number[]; lastAlertAt: Date | null }>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('cp_move_alert_states')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('user_id', 'in', [...userIds])
    .execute();
  for (const row of rows) {
    result.set(row.user_id, {
      reference: row.reference_centers.map(Number),
      lastAlertAt: row.last_alert_at,
    });
  }
  return result;
}

export async function upsertAlertState(
  db: Executor,
  state: {
    userId: number;
    questionId: number;
    reference: readonly number[];
    lastAlertAt: Date | null;
  },
): Promise<void> {
  const values = {
    reference_centers: [...state.reference],
    last_alert_at: state.lastAlertAt,
  };
  await db
    .insertInto('cp_move_alert_states')
    .values({ user_id: state.userId, question_id: state.questionId, ...values })
    .onConflict((conflict) => conflict.columns(['user_id', 'question_id']).doUpdateSet(values))
    .execute();
}
