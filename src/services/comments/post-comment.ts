// Posting a comment or a reply: checks (writer, target, forecast-first, parent, length, rate,
// duplicates), the author's forecast at posting time, and notifications for the parent's
// author ('reply') and for @mentioned users ('mention'), all in one transaction.
import { createHash } from 'node:crypto';
import {
  insertComment,
  recentCommentActivity,
  selectComment,
} from '../../db/repositories/comment-repository.ts';
import { findStandingForecast } from '../../db/repositories/forecast-repository.ts';
import type { Executor } from '../../db/repositories/user-repository.ts';
import type { Actor, UserActor } from '../../domain/actor.ts';
import {
  type CommentRecord,
  type CommentTargetType,
  type ForecastSnapshot,
  MAX_COMMENT_LENGTH,
  mentionedUsernames,
  normalizedBody,
} from '../../domain/discussion.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { cleanText } from '../markdown/render-markdown.ts';
import {
  type CommentTarget,
  getCommentTarget,
  requireDiscussionVisible,
} from './comment-target.ts';
import { requireWriter } from './discussion-access.ts';
import { forecastSnapshot } from './forecast-snapshot.ts';

export interface PostCommentInput {
  actor: Actor | null;
  targetType: CommentTargetType;
  targetId: number;
  parentId?: number | null;
  body: string;
}

const HOUR_MS = 3_600_000;
/** Identical comments by one author within this window are refused (409). */
const DUPLICATE_WINDOW_MS = 24 * HOUR_MS;

export function checkCommentBody(body: string): string {
  const cleaned = cleanText(body).trim();
  if (cleaned === '') throw invalidField('/body', 'must not be empty');
  if (cleaned.length > MAX_COMMENT_LENGTH) {
    throw invalidField('/body', `must be at most ${MAX_COMMENT_LENGTH} characters`);
  }
  return cleaned;
}

export function bodyHash(body: string): string {
  return createHash('sha256').update(normalizedBody(body)).digest('hex');
}

/** New accounts (young, or never forecast) get the lower hourly comment limit. */
async function commentLimit(deps: Deps, user: UserActor): Promise<number> {
  const limits = deps.config.rateLimits;
  const row = await deps.database.db
    .selectFrom('users')
    .select('created_at')
    .where('id', '=', user.userId)
    .executeTakeFirst();
  const age = row ? deps.clock.now().getTime() - row.created_at.getTime() : 0;
  const hasForecast = await deps.database.db
    .selectFrom('forecasts')
    .select('id')
    .where('user_id', '=', user.userId)
    .limit(1)
    .executeTakeFirst();
  const isNew = age < limits.newAccountCommentAgeMs || hasForecast === undefined;
  const perHour = isNew ? limits.newAccountCommentsPerHour : limits.commentsPerHour;
  return Math.max(1, Math.floor(perHour * limits.multiplier));
}

async function checkRateAndDuplicates(deps: Deps, user: UserActor, hash: string): Promise<void> {
  const now = deps.clock.now();
  const [limit, lastHour, lastDay] = await Promise.all([
    commentLimit(deps, user),
    recentCommentActivity(deps.database.db, user.userId, new Date(now.getTime() - HOUR_MS), hash),
    recentCommentActivity(
      deps.database.db,
      user.userId,
      new Date(now.getTime() - DUPLICATE_WINDOW_MS),
      hash,
    ),
  ]);
  if (lastDay.hasSameBody) {
    throw new DomainError('DUPLICATE_COMMENT', 'You already posted this comment.');
  }
  if (lastHour.count >= limit) {
    const oldest = lastHour.oldestAt?.getTime() ?? now.getTime();
    const retry = Math.max(1, Math.ceil((oldest + HOUR_MS - now.getTime()) / 1000));
    throw new DomainError('RATE_LIMITED', 'You are commenting too often; try again later.', {
      retry_after_seconds: retry,
    });
  }
}

async function notify(
  tx: Executor,
  input: {
    userId: number;
    kind: 'reply' | 'mention';
    comment: { id: number; authorUsername: string; excerpt: string };
    target: CommentTarget;
    now: Date;
  },
): Promise<void> {
  await tx
    .insertInto('notifications')
    .values({
      user_id: input.userId,
      kind: input.kind,
      question_id: input.target.question?.id ?? null,
      payload: JSON.stringify({
        comment_id: input.comment.id,
        target_type: input.target.type,
        target_id: input.target.id,
        author: input.comment.authorUsername,
        excerpt: input.comment.excerpt,
      }),
      dedupe_key: `comment:${input.comment.id}:${input.kind}`,
      created_at: input.now,
    })
    .execute();
}

export async function postComment(deps: Deps, input: PostCommentInput): Promise<CommentRecord> {
  const user = await requireWriter(deps, input.actor);
  const body = checkCommentBody(input.body);
  const target = await getCommentTarget(deps, input.targetType, input.targetId, input.actor);
  await requireDiscussionVisible(deps, target, input.actor);
  let parent: CommentRecord | undefined;
  if (input.parentId !== undefined && input.parentId !== null) {
    parent = await selectComment(deps.database.db, input.parentId);
    if (!parent || parent.targetType !== target.type || parent.targetId !== target.id) {
      throw invalidField('/parent_id', 'is not a comment of this discussion');
    }
    if (parent.deletedAt !== null || parent.hiddenAt !== null) {
      throw new DomainError('CONFLICT', 'This comment was removed; reply in its thread instead.');
    }
  }
  const hash = bodyHash(body);
  await checkRateAndDuplicates(deps, user, hash);
  const now = deps.clock.now();
  // The badge: the author's forecast on the question, or on the first of an article's embedded
  // questions the author has forecast.
  let question: QuestionRecord | null = null;
  let snapshot: ForecastSnapshot | null = null;
  for (const candidate of target.forecastQuestions) {
    const standing = await findStandingForecast(
      deps.database.db,
      candidate.id,
      user.userId,
      Math.floor(now.getTime() / 1000),
    );
    if (standing) {
      question = candidate;
      snapshot = forecastSnapshot(candidate, standing);
      break;
    }
  }
  question ??= target.forecastQuestion;
  const mentioned = mentionedUsernames(body);
  const id = await deps.database.db.transaction().execute(async (tx) => {
    const commentId = await insertComment(tx, {
      targetType: target.type,
      targetId: target.id,
      parentId: parent?.id ?? null,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      authorId: user.userId,
      body,
      bodyHash: hash,
      forecastQuestionId: question?.id ?? null,
      forecastAtPosting: snapshot,
      now,
    });
    const comment = {
      id: commentId,
      authorUsername: user.username,
      excerpt: body.length > 140 ? `${body.slice(0, 139)}\u2026` : body,
    };
    const notified = new Set<number>([user.userId]);
    if (parent && !notified.has(parent.authorId)) {
      notified.add(parent.authorId);
      await notify(tx, { userId: parent.authorId, kind: 'reply', comment, target, now });
    }
    if (mentioned.length > 0) {
      const users = await tx
        .selectFrom('users')
        .select(['id'])
        .where((eb) => eb(eb.fn('lower', ['username']), 'in', mentioned))
        .where('deleted_at', 'is', null)
        .execute();
      for (const mentionedUser of users) {
        if (notified.has(mentionedUser.id)) continue;
        notified.add(mentionedUser.id);
        await notify(tx, { userId: mentionedUser.id, kind: 'mention', comment, target, now });
      }
    }
    return commentId;
  });
  return (await selectComment(deps.database.db, id)) as CommentRecord;
}
