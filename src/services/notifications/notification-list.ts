// The signed-in user's notifications: list (unread first, then newest), unread count, mark read.
import {
  countUnread,
  listNotificationsOf,
  markRead,
  type NotificationRecord,
  notificationExists,
} from '../../db/repositories/notification-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { describeNotification, type NotificationText } from '../../domain/notifications.ts';
import { questionPath } from '../../domain/question-path.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';

export interface NotificationView extends NotificationText {
  id: number;
  kind: string;
  questionId: number | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export function notificationView(record: NotificationRecord): NotificationView {
  const described = describeNotification({
    kind: record.kind,
    payload: record.payload,
    question: record.question
      ? { title: record.question.title, path: questionPath(record.question) }
      : null,
  });
  return {
    id: record.id,
    kind: record.kind,
    questionId: record.questionId,
    payload: record.payload,
    createdAt: record.createdAt,
    readAt: record.readAt,
    ...described,
  };
}

function encodeCursor(last: NotificationRecord): string {
  return Buffer.from(`${last.readAt === null ? 'u' : 'r'}:${last.id}`, 'utf8').toString(
    'base64url',
  );
}

function decodeCursor(cursor: string | undefined): { isRead: boolean; id: number } | null {
  if (!cursor) return null;
  const match = /^([ur]):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'querystring/cursor: is not a valid cursor', {
      fields: [{ path: 'querystring/cursor', message: 'is not a valid cursor' }],
    });
  }
  return { isRead: match[1] === 'r', id: Number(match[2]) };
}

export async function listMyNotifications(
  deps: Deps,
  input: { actor: Actor | null; limit?: number; cursor?: string },
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const user = requireUser(input.actor, { scope: 'read' });
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 100);
  const rows = await listNotificationsOf(deps.database.db, user.userId, {
    after: decodeCursor(input.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(notificationView),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** For the site header: the signed-in user's unread count (0 for anyone else). */
export async function countMyUnread(deps: Deps, actor: Actor | null): Promise<number> {
  if (actor?.kind !== 'user') return 0;
  return countUnread(deps.database.db, actor.userId);
}

export async function markNotificationRead(
  deps: Deps,
  input: { actor: Actor | null; notificationId: number },
): Promise<void> {
  const user = requireUser(input.actor, { scope: 'write' });
  const db = deps.database.db;
  if (!(await notificationExists(db, user.userId, input.notificationId))) {
    throw new DomainError('NOT_FOUND', `There is no notification ${input.notificationId}.`);
  }
  await markRead(db, user.userId, [input.notificationId], deps.clock.now());
}

export async function markAllNotificationsRead(
  deps: Deps,
  input: { actor: Actor | null },
): Promise<number> {
  const user = requireUser(input.actor, { scope: 'write' });
  return markRead(deps.database.db, user.userId, null, deps.clock.now());
}
