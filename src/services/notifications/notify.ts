// Fan-out of one event to users, by each user's channel for the kind: an in-app notification
// (deduplicated per user by `dedupeKey`), and for the 'email' channel also an outbox e-mail.
// Call inside the transaction of the event, so notifications exist exactly when it commits.
import {
  insertNotification,
  selectPreferences,
} from '../../db/repositories/notification-repository.ts';
import type { Executor } from '../../db/repositories/question-repository.ts';
import {
  defaultChannel,
  describeNotification,
  type NotificationChannel,
} from '../../domain/notifications.ts';
import { questionPath } from '../../domain/question-path.ts';
import type { Deps } from '../deps.ts';
import { queueEmail } from './outbox.ts';

export interface NotifyInput {
  userIds: readonly number[];
  kind: string;
  questionId?: number | null;
  /** The question's title, for the e-mail (the page reads the current one). */
  question?: { id: number; title: string } | null;
  payload: Record<string, unknown>;
  /** Per user: one notification per key, however often the writer runs. */
  dedupeKey: string | null;
  /** Users who caused the event hear nothing of it. */
  exceptUserId?: number | null;
}

/** Each user's channel for `kind`: their choice, or the kind's default. */
export async function channelsFor(
  db: Executor,
  userIds: readonly number[],
  kind: string,
): Promise<Map<number, NotificationChannel>> {
  const channels = new Map<number, NotificationChannel>();
  for (const userId of userIds) channels.set(userId, defaultChannel(kind));
  const preferences = await selectPreferences(db, userIds);
  for (const preference of preferences) {
    if (preference.kind === kind) channels.set(preference.userId, preference.channel);
  }
  // "Unsubscribe from all e-mail" is stored as kind 'all' = in_app: e-mail becomes in-app.
  for (const preference of preferences) {
    if (preference.kind === 'all' && channels.get(preference.userId) === 'email') {
      channels.set(preference.userId, 'in_app');
    }
  }
  return channels;
}

/** Returns the ids of the users who got a new notification. */
export async function notifyUsers(tx: Executor, deps: Deps, input: NotifyInput): Promise<number[]> {
  const userIds = [...new Set(input.userIds)].filter((id) => id !== input.exceptUserId);
  if (userIds.length === 0) return [];
  const channels = await channelsFor(tx, userIds, input.kind);
  const now = deps.clock.now();
  const notified: number[] = [];
  const emailTo: number[] = [];
  for (const userId of userIds) {
    const channel = channels.get(userId) ?? 'in_app';
    if (channel === 'off') continue;
    const id = await insertNotification(tx, {
      userId,
      kind: input.kind,
      questionId: input.questionId ?? input.question?.id ?? null,
      payload: input.payload,
      dedupeKey: input.dedupeKey,
      createdAt: now,
    });
    if (id === null) continue;
    notified.push(userId);
    if (channel === 'email') emailTo.push(userId);
  }
  if (emailTo.length > 0) {
    const recipients = await tx
      .selectFrom('users')
      .select(['id', 'email', 'username'])
      .where('id', 'in', emailTo)
      .where('deleted_at', 'is', null)
      .execute();
    const question = input.question
      ? { title: input.question.title, path: questionPath(input.question) }
      : null;
    const described = describeNotification({ kind: input.kind, payload: input.payload, question });
    for (const recipient of recipients) {
      await queueEmail(tx, deps, {
        userId: recipient.id,
        to: recipient.email,
        kind: input.kind,
        content: {
          subject: described.text,
          paragraphs: [
            { text: `Hello ${recipient.username},` },
            {
              text: described.text,
              href: `${deps.config.baseUrl}${described.href}`,
              linkLabel: 'Open on Brier',
            },
            ...(described.excerpt ? [{ text: `“${described.excerpt}”` }] : []),
          ],
        },
      });
    }
  }
  return notified;
}
