// The hourly notification job (`notifications.hourly@1`, one pending job shared by every
// instance, rescheduling itself like the purge job): new comments on followed items batched per
// target, forecasts about to withdraw themselves, and the weekly digest e-mail.
import { sql } from 'kysely';
import { selectFollowerIds } from '../../db/repositories/follow-repository.ts';
import {
  listNotificationsSince,
  upsertSettings,
} from '../../db/repositories/notification-repository.ts';
import type { Executor } from '../../db/repositories/question-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { describeNotification, type FollowTargetType } from '../../domain/notifications.ts';
import { questionPath } from '../../domain/question-path.ts';
import type { Deps } from '../deps.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';
import { channelsFor, notifyUsers } from './notify.ts';
import { queueEmail } from './outbox.ts';

export const HOURLY_NOTIFICATIONS_JOB = 'notifications.hourly@1';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Forecasts whose end_time is this close get their "about to withdraw" notice. */
export const EXPIRY_NOTICE_MS = DAY_MS;
export const DIGEST_INTERVAL_MS = 7 * DAY_MS;
const DIGEST_USERS_PER_RUN = 500;
const DIGEST_ITEMS = 20;

export async function scheduleHourlyNotifications(db: Executor, runAt: Date): Promise<void> {
  await enqueueJob(db, {
    type: HOURLY_NOTIFICATIONS_JOB,
    payload: {},
    runAt,
    dedupeKey: HOURLY_NOTIFICATIONS_JOB,
    keepPending: true,
  });
}

export interface NewCommentEvent {
  targetType: FollowTargetType;
  targetId: number;
  commentId: number;
  /** The comment's author: not told of their own comment. */
  authorId: number | null;
  /** The page the batch links to (a path on this site, e.g. the comment's anchor). */
  url: string;
  /** What the notification names, e.g. the article's or question's title. */
  targetTitle?: string;
}

/**
 * For the discussion module: call in the transaction that creates a comment. Followers of the
 * target hear of new comments once an hour, one notification per target ("3 new comments on
 * …"). Idempotent per comment id.
 */
export async function notifyFollowersOfNewComment(
  tx: Executor,
  deps: Deps,
  event: NewCommentEvent,
): Promise<void> {
  if (!event.url.startsWith('/') || event.url.startsWith('//')) {
    throw new DomainError('VALIDATION_FAILED', 'url: must be a path on this site');
  }
  await tx
    .insertInto('pending_comment_notifications')
    .values({
      target_type: event.targetType,
      target_id: event.targetId,
      comment_id: event.commentId,
      author_id: event.authorId,
      target_title: event.targetTitle ?? '',
      url: event.url,
      created_at: deps.clock.now(),
    })
    .onConflict((conflict) => conflict.column('comment_id').doNothing())
    .execute();
}

async function batchNewComments(tx: Executor, deps: Deps, now: Date): Promise<number> {
  const pending = await tx
    .selectFrom('pending_comment_notifications')
    .selectAll()
    .where('created_at', '<=', now)
    .orderBy('id')
    .limit(5000)
    .forUpdate()
    .execute();
  const byTarget = new Map<string, typeof pending>();
  for (const row of pending) {
    const key = `${row.target_type}:${row.target_id}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), row]);
  }
  let sent = 0;
  for (const [key, rows] of byTarget) {
    const first = rows[0]!;
    const followers = await selectFollowerIds(tx, first.target_type, first.target_id);
    const last = rows[rows.length - 1]!;
    for (const userId of followers) {
      // Your own comments are not news to you.
      const count = rows.filter((row) => row.author_id !== userId).length;
      if (count === 0) continue;
      const notified = await notifyUsers(tx, deps, {
        userIds: [userId],
        kind: 'new_comments',
        questionId: first.target_type === 'question' ? first.target_id : null,
        payload: {
          count,
          target_type: first.target_type,
          target_id: first.target_id,
          target_title: last.target_title || null,
          url: rows.find((row) => row.author_id !== userId)!.url,
        },
        dedupeKey: `new_comments:${key}:${last.id}`,
      });
      sent += notified.length;
    }
  }
  if (pending.length > 0) {
    await tx
      .deleteFrom('pending_comment_notifications')
      .where(
        'id',
        'in',
        pending.map((row) => row.id),
      )
      .execute();
  }
  return sent;
}

async function noticeExpiringForecasts(tx: Executor, deps: Deps, now: Date): Promise<number> {
  const rows = await tx
    .selectFrom('forecasts as f')
    .innerJoin('questions as q', 'q.id', 'f.question_id')
    .select(['f.id', 'f.user_id', 'f.end_time', 'q.id as question_id', 'q.title'])
    .where('f.end_time', '>', now)
    .where('f.end_time', '<=', new Date(now.getTime() + EXPIRY_NOTICE_MS))
    .where('q.status', '=', 'open')
    .orderBy('f.id')
    .limit(5000)
    .execute();
  let sent = 0;
  for (const row of rows) {
    const notified = await notifyUsers(tx, deps, {
      userIds: [row.user_id],
      kind: 'forecast_expiring',
      question: { id: row.question_id, title: row.title },
      payload: { forecast_id: row.id, end_time: row.end_time?.toISOString() ?? null },
      dedupeKey: `forecast_expiring:${row.id}`,
    });
    sent += notified.length;
  }
  return sent;
}

async function sendWeeklyDigests(tx: Executor, deps: Deps, now: Date): Promise<number> {
  const weekAgo = new Date(now.getTime() - DIGEST_INTERVAL_MS);
  // Users with unread notifications from the last week whose last digest is a week old.
  const candidates = await tx
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('notification_settings as s', 's.user_id', 'n.user_id')
    .select(['u.id', 'u.email', 'u.username', 's.last_digest_at'])
    .distinct()
    .where('n.read_at', 'is', null)
    .where('n.created_at', '>', weekAgo)
    .where('n.kind', '!=', 'weekly_digest')
    .where('u.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([eb('s.last_digest_at', 'is', null), eb('s.last_digest_at', '<=', weekAgo)]),
    )
    .orderBy('u.id')
    .limit(DIGEST_USERS_PER_RUN)
    .execute();
  if (candidates.length === 0) return 0;
  const channels = await channelsFor(
    tx,
    candidates.map((user) => user.id),
    'weekly_digest',
  );
  let sent = 0;
  for (const user of candidates) {
    await upsertSettings(tx, user.id, { lastDigestAt: now });
    // The first time starts the week: the first digest comes a week later.
    if (user.last_digest_at === null) continue;
    if (channels.get(user.id) !== 'email') continue;
    const since =
      user.last_digest_at && user.last_digest_at > weekAgo ? user.last_digest_at : weekAgo;
    const items = (await listNotificationsSince(tx, user.id, since, DIGEST_ITEMS * 2)).filter(
      (item) => item.readAt === null,
    );
    if (items.length === 0) continue;
    const lines = items.slice(0, DIGEST_ITEMS).map((item) => {
      const described = describeNotification({
        kind: item.kind,
        payload: item.payload,
        question: item.question
          ? { title: item.question.title, path: questionPath(item.question) }
          : null,
      });
      return { text: described.text, href: `${deps.config.baseUrl}${described.href}` };
    });
    await queueEmail(tx, deps, {
      userId: user.id,
      to: user.email,
      kind: 'weekly_digest',
      content: {
        subject: `Your week on Brier: ${items.length} unread notification${items.length === 1 ? '' : 's'}`,
        paragraphs: [
          { text: `Hello ${user.username}, here is what you have not read yet:` },
          ...lines,
          {
            text: 'All notifications:',
            href: `${deps.config.baseUrl}/notifications`,
            linkLabel: 'Open on Brier',
          },
        ],
      },
    });
    sent += 1;
  }
  return sent;
}

/** Handler of `notifications.hourly@1`. */
export async function runHourlyNotifications(context: JobContext): Promise<JobResult> {
  const { tx, deps, now } = context;
  const comments = await batchNewComments(tx, deps, now);
  const expiring = await noticeExpiringForecasts(tx, deps, now);
  const digests = await sendWeeklyDigests(tx, deps, now);
  if (comments + expiring + digests > 0) {
    deps.logger.info({ comments, expiring, digests }, 'hourly notifications');
  }
  // Aligned to the hour, so that instances and restarts agree on when it runs.
  const next = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  return { rescheduleAt: new Date(next) };
}

/** For tests: whether a comment is still waiting for its batch. */
export async function countPendingComments(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('pending_comment_notifications')
    .select(sql<string>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
