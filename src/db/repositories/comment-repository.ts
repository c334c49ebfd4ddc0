// SQL for comments, their revisions, votes and "changed my mind" marks.
import { type Selectable, sql } from 'kysely';
import type {
  CommentRecord,
  CommentTargetType,
  ForecastSnapshot,
} from '../../domain/discussion.ts';
import type { CommentsTable } from '../schema.ts';
import type { Executor } from './user-repository.ts';

type CommentRow = Selectable<CommentsTable> & { author_username: string; author_role: string };

function toRecord(row: CommentRow): CommentRecord {
  return {
    id: row.id,
    targetType: row.target_type as CommentTargetType,
    targetId: row.target_id,
    parentId: row.parent_id,
    rootId: row.root_id,
    authorId: row.author_id,
    authorUsername: row.author_username,
    authorRole: row.author_role,
    body: row.body,
    forecastQuestionId: row.forecast_question_id,
    forecastAtPosting: row.forecast_at_posting,
    upvotes: row.upvotes,
    downvotes: row.downvotes,
    mindsChanged: row.minds_changed,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    hiddenAt: row.hidden_at,
    createdAt: row.created_at,
  };
}

function selectComments(db: Executor) {
  return db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .selectAll('comments')
    .select(['users.username as author_username', 'users.role as author_role']);
}

export async function selectComment(
  db: Executor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<CommentRecord | undefined> {
  let query = selectComments(db).where('comments.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('comments');
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Every root comment of a target (sorting happens in the service, see docs/decisions.md). */
export async function listRootComments(
  db: Executor,
  targetType: CommentTargetType,
  targetId: number,
): Promise<CommentRecord[]> {
  const rows = await selectComments(db)
    .where('comments.target_type', '=', targetType)
    .where('comments.target_id', '=', targetId)
    .where('comments.parent_id', 'is', null)
    .orderBy('comments.id', 'asc')
    .execute();
  return rows.map(toRecord);
}

/** Every reply in the threads of `rootIds`, oldest first. */
export async function listThreadReplies(
  db: Executor,
  rootIds: readonly number[],
): Promise<CommentRecord[]> {
  if (rootIds.length === 0) return [];
  const rows = await selectComments(db)
    .where('comments.root_id', 'in', rootIds)
    .orderBy('comments.id', 'asc')
    .execute();
  return rows.map(toRecord);
}

export interface NewComment {
  targetType: CommentTargetType;
  targetId: number;
  parentId: number | null;
  rootId: number | null;
  authorId: number;
  body: string;
  bodyHash: string;
  forecastQuestionId: number | null;
  forecastAtPosting: ForecastSnapshot | null;
  now: Date;
}

export async function insertComment(db: Executor, input: NewComment): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({
      target_type: input.targetType,
      target_id: input.targetId,
      parent_id: input.parentId,
      root_id: input.rootId,
      author_id: input.authorId,
      body: input.body,
      body_hash: input.bodyHash,
      forecast_question_id: input.forecastQuestionId,
      forecast_at_posting:
        input.forecastAtPosting === null ? null : JSON.stringify(input.forecastAtPosting),
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCommentRow(
  db: Executor,
  id: number,
  changes: Partial<{
    body: string;
    body_hash: string;
    edited_at: Date;
    deleted_at: Date | null;
    hidden_at: Date | null;
  }>,
): Promise<void> {
  await db.updateTable('comments').set(changes).where('id', '=', id).execute();
}

export async function insertCommentRevision(
  db: Executor,
  input: { commentId: number; body: string; now: Date },
): Promise<void> {
  await db
    .insertInto('comment_revisions')
    .values({ comment_id: input.commentId, body: input.body, created_at: input.now })
    .execute();
}

export async function listCommentRevisions(
  db: Executor,
  commentId: number,
): Promise<Array<{ id: number; body: string; createdAt: Date }>> {
  const rows = await db
    .selectFrom('comment_revisions')
    .selectAll()
    .where('comment_id', '=', commentId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, body: row.body, createdAt: row.created_at }));
}

/** How many comments `authorId` posted since `since`, and whether one had `bodyHash`. */
export async function recentCommentActivity(
  db: Executor,
  authorId: number,
  since: Date,
  bodyHash: string,
): Promise<{ count: number; oldestAt: Date | null; hasSameBody: boolean }> {
  const row = await db
    .selectFrom('comments')
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<Date | null>`min(created_at)`.as('oldest_at'),
      sql<boolean>`coalesce(bool_or(body_hash = ${bodyHash}), false)`.as('has_same_body'),
    ])
    .where('author_id', '=', authorId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return {
    count: row.count,
    oldestAt: row.oldest_at === null ? null : new Date(row.oldest_at),
    hasSameBody: row.has_same_body,
  };
}

/** Sets (value ±1) or clears (0) a user's vote and keeps the comment's counts in step. */
export async function setVote(
  db: Executor,
  commentId: number,
  userId: number,
  value: -1 | 0 | 1,
  now: Date,
): Promise<void> {
  const previous = await db
    .deleteFrom('comment_votes')
    .where('comment_id', '=', commentId)
    .where('user_id', '=', userId)
    .returning('value')
    .executeTakeFirst();
  if (value !== 0) {
    await db
      .insertInto('comment_votes')
      .values({ comment_id: commentId, user_id: userId, value, created_at: now })
      .execute();
  }
  const before = previous?.value ?? 0;
  const up = (value === 1 ? 1 : 0) - (before === 1 ? 1 : 0);
  const down = (value === -1 ? 1 : 0) - (before === -1 ? 1 : 0);
  if (up !== 0 || down !== 0) {
    await db
      .updateTable('comments')
      .set((eb) => ({
        upvotes: eb('upvotes', '+', up),
        downvotes: eb('downvotes', '+', down),
      }))
      .where('id', '=', commentId)
      .execute();
  }
}

/** Marks or unmarks "changed my mind"; returns whether the mark changed. */
export async function setMindChanged(
  db: Executor,
  commentId: number,
  userId: number,
  isChanged: boolean,
  now: Date,
): Promise<boolean> {
  let changed: boolean;
  if (isChanged) {
    const inserted = await db
      .insertInto('comment_mind_changes')
      .values({ comment_id: commentId, user_id: userId, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .executeTakeFirst();
    changed = inserted !== undefined;
  } else {
    const deleted = await db
      .deleteFrom('comment_mind_changes')
      .where('comment_id', '=', commentId)
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst();
    changed = deleted !== undefined;
  }
  if (changed) {
    await db
      .updateTable('comments')
      .set((eb) => ({ minds_changed: eb('minds_changed', '+', isChanged ? 1 : -1) }))
      .where('id', '=', commentId)
      .execute();
  }
  return changed;
}

/** The viewer's votes and marks on `commentIds`. */
export async function viewerReactions(
  db: Executor,
  userId: number,
  commentIds: readonly number[],
): Promise<{ votes: Map<number, number>; marks: Set<number> }> {
  if (commentIds.length === 0) return { votes: new Map(), marks: new Set() };
  const [votes, marks] = await Promise.all([
    db
      .selectFrom('comment_votes')
      .select(['comment_id', 'value'])
      .where('user_id', '=', userId)
      .where('comment_id', 'in', commentIds)
      .execute(),
    db
      .selectFrom('comment_mind_changes')
      .select('comment_id')
      .where('user_id', '=', userId)
      .where('comment_id', 'in', commentIds)
      .execute(),
  ]);
  return {
    votes: new Map(votes.map((row) => [row.comment_id, row.value])),
    marks: new Set(marks.map((row) => row.comment_id)),
  };
}

/** Mean peer score (or baseline when no peer rows) per user, for the "accurate" sort. */
export async function meanScores(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('scores')
    .select(['user_id', sql<number>`avg(score)::float8`.as('mean'), 'score_type'])
    .where('user_id', 'in', userIds)
    .where('score_type', 'in', ['peer', 'baseline'])
    .groupBy(['user_id', 'score_type'])
    .execute();
  const result = new Map<number, number>();
  for (const row of rows) {
    if (row.user_id === null) continue;
    if (row.score_type === 'peer' || !result.has(row.user_id)) result.set(row.user_id, row.mean);
  }
  return result;
}

/** The standing forecasts of `userIds` on a question at `at`, by user. */
export async function standingForecastsOf(
  db: Executor,
  questionId: number,
  userIds: readonly number[],
  at: Date,
): Promise<
  Map<
    number,
    {
      probabilityYes: number | null;
      probabilityYesPerCategory: Array<number | null> | null;
      continuousCdf: number[] | null;
    }
  >
> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('forecasts')
    .select(['user_id', 'probability_yes', 'probability_yes_per_category', 'continuous_cdf'])
    .where('question_id', '=', questionId)
    .where('user_id', 'in', userIds)
    .where('start_time', '<=', at)
    .where((eb) => eb.or([eb('end_time', 'is', null), eb('end_time', '>', at)]))
    .orderBy('start_time', 'asc')
    .execute();
  return new Map(
    rows.map((row) => [
      row.user_id,
      {
        probabilityYes: row.probability_yes,
        probabilityYesPerCategory: row.probability_yes_per_category,
        continuousCdf: row.continuous_cdf,
      },
    ]),
  );
}
