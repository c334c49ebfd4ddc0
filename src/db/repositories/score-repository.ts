// SQL for the scores table (migration 0006): written by resolution (and `brier rescore`), read by
// leaderboards and track records. Only questions with status 'resolved' count.
import { sql } from 'kysely';
import type { Executor } from './user-repository.ts';

/** One score of a question, for a forecaster (userId) or the CP (aggregationMethod). */
export interface ScoreValueRow {
  userId: number | null;
  aggregationMethod: string | null;
  scoreType: string;
  score: number;
  coverage: number;
}

export interface ScoreRow extends ScoreValueRow {
  questionId: number;
}

function toScoreRow(row: {
  question_id: number;
  user_id: number | null;
  aggregation_method: string | null;
  score_type: string;
  score: number;
  coverage: number;
}): ScoreRow {
  return {
    questionId: Number(row.question_id),
    userId: row.user_id === null ? null : Number(row.user_id),
    aggregationMethod: row.aggregation_method,
    scoreType: row.score_type,
    score: Number(row.score),
    coverage: Number(row.coverage),
  };
}

/** Replaces every stored score of a question with `rows` (inside the caller's transaction). */
export async function replaceQuestionScores(
  db: Executor,
  questionId: number,
  rows: readonly ScoreValueRow[],
  createdAt: Date,
): Promise<void> {
  await db.deleteFrom('scores').where('question_id', '=', questionId).execute();
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto('scores')
      .values(
        rows.slice(start, start + 1000).map((row) => ({
          question_id: questionId,
          user_id: row.userId,
          aggregation_method: row.aggregationMethod,
          score_type: row.scoreType,
          score: row.score,
          coverage: row.coverage,
          created_at: createdAt,
        })),
      )
      .execute();
  }
}

/** Every stored score of a question, in a fixed order. */
export async function listQuestionScores(db: Executor, questionId: number): Promise<ScoreRow[]> {
  const rows = await db
    .selectFrom('scores')
    .select(['question_id', 'user_id', 'aggregation_method', 'score_type', 'score', 'coverage'])
    .where('question_id', '=', questionId)
    .orderBy('user_id')
    .orderBy('aggregation_method')
    .orderBy('score_type')
    .execute();
  return rows.map(toScoreRow);
}

export interface BoardQuestionFilter {
  tournamentId?: number;
  /** resolved_at ∈ [resolvedFrom, resolvedBefore) */
  resolvedFrom?: Date | null;
  resolvedBefore?: Date | null;
}

export interface BoardQuestionRow {
  id: number;
  questionWeight: number;
  resolution: string | null;
}

/** Resolved questions of a board, by id. */
export async function listBoardQuestions(
  db: Executor,
  filter: BoardQuestionFilter,
): Promise<BoardQuestionRow[]> {
  let query = db
    .selectFrom('questions')
    .select(['id', 'question_weight', 'resolution'])
    .where('status', '=', 'resolved');
  if (filter.tournamentId !== undefined)
    query = query.where('tournament_id', '=', filter.tournamentId);
  if (filter.resolvedFrom) query = query.where('resolved_at', '>=', filter.resolvedFrom);
  if (filter.resolvedBefore) query = query.where('resolved_at', '<', filter.resolvedBefore);
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => ({
    id: Number(row.id),
    questionWeight: Number(row.question_weight),
    resolution: row.resolution,
  }));
}

/**
 * Scores of one type on the board's questions: forecasters by question then user id, the CP
 * (`aggregationMethod`) last within each question. This order is the board's first-appearance
 * order (docs/maths.md §13 ties).
 */
export async function listBoardScores(
  db: Executor,
  filter: BoardQuestionFilter & { scoreType: string; aggregationMethod: string },
): Promise<ScoreRow[]> {
  let query = db
    .selectFrom('scores')
    .innerJoin('questions', 'questions.id', 'scores.question_id')
    .select([
      'scores.question_id',
      'scores.user_id',
      'scores.aggregation_method',
      'scores.score_type',
      'scores.score',
      'scores.coverage',
    ])
    .where('questions.status', '=', 'resolved')
    .where('scores.score_type', '=', filter.scoreType)
    .where((eb) =>
      eb.or([
        eb('scores.user_id', 'is not', null),
        eb('scores.aggregation_method', '=', filter.aggregationMethod),
      ]),
    );
  if (filter.tournamentId !== undefined) {
    query = query.where('questions.tournament_id', '=', filter.tournamentId);
  }
  if (filter.resolvedFrom) query = query.where('questions.resolved_at', '>=', filter.resolvedFrom);
  if (filter.resolvedBefore) {
    query = query.where('questions.resolved_at', '<', filter.resolvedBefore);
  }
  const rows = await query
    .orderBy('scores.question_id')
    .orderBy(sql`scores.user_id nulls last`)
    .execute();
  return rows.map(toScoreRow);
}

/** Years (UTC) in which some question was resolved with scores, ascending. */
export async function listResolutionYears(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('questions')
    .select(sql<number>`extract(year from resolved_at at time zone 'UTC')::int`.as('year'))
    .where('status', '=', 'resolved')
    .where('resolved_at', 'is not', null)
    .groupBy('year')
    .orderBy('year')
    .execute();
  return rows.map((row) => Number(row.year));
}

/** Users who cannot appear ranked: banned or deleted accounts (few, so read them all). */
export async function listExcludedUsers(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('is_banned', '=', true), eb('deleted_at', 'is not', null)]))
    .execute();
  return rows.map((row) => Number(row.id));
}
