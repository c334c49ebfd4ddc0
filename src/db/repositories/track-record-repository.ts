// SQL for track records: a user's (or the CP's) scores on resolved questions, and the P(yes)
// active at the close of each binary question resolved yes/no (docs/maths.md §15.5).
import { sql } from 'kysely';
import type { ScoredQuestionRow } from '../../domain/view-models/standings.ts';
import type { Executor } from './user-repository.ts';

export interface TrackRecordFilter {
  tag?: string;
  tournamentId?: number;
}

export type { ScoredQuestionRow };

// biome-ignore lint/suspicious/noExplicitAny: the shared filters apply to any query on questions.
function applyFilter<Q extends { where: any }>(query: Q, filter: TrackRecordFilter): Q {
  let filtered = query;
  if (filter.tag !== undefined) {
    filtered = filtered.where(sql<boolean>`${filter.tag} = any(questions.tags)`);
  }
  if (filter.tournamentId !== undefined) {
    filtered = filtered.where('questions.tournament_id', '=', filter.tournamentId);
  }
  return filtered;
}

/** Resolved questions on which the user has a score, newest resolution first. */
export async function listUserScoredQuestions(
  db: Executor,
  userId: number,
  filter: TrackRecordFilter,
): Promise<ScoredQuestionRow[]> {
  const query = db
    .selectFrom('questions')
    .leftJoin('tournaments', 'tournaments.id', 'questions.tournament_id')
    .select([
      'questions.id',
      'questions.title',
      'questions.type',
      'questions.resolution',
      'questions.resolved_at',
      'questions.tournament_id',
      'tournaments.slug',
      'tournaments.title as tournament_title',
    ])
    .where('questions.status', '=', 'resolved')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('scores')
          .select('scores.id')
          .whereRef('scores.question_id', '=', 'questions.id')
          .where('scores.user_id', '=', userId),
      ),
    );
  const rows = await applyFilter(query, filter)
    .orderBy('questions.resolved_at', 'desc')
    .orderBy('questions.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    title: row.title,
    type: row.type,
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    tournamentId: row.tournament_id === null ? null : Number(row.tournament_id),
    tournamentSlug: row.slug ?? null,
    tournamentTitle: row.tournament_title ?? null,
  }));
}

export interface QuestionScoreValue {
  questionId: number;
  isCp: boolean;
  scoreType: string;
  score: number;
  coverage: number;
}

/** The user's and the CP method's scores on the given questions. */
export async function listTrackRecordScores(
  db: Executor,
  userId: number,
  aggregationMethod: string,
  questionIds: readonly number[],
): Promise<QuestionScoreValue[]> {
  if (questionIds.length === 0) return [];
  const rows = await db
    .selectFrom('scores')
    .select(['question_id', 'user_id', 'score_type', 'score', 'coverage'])
    .where('question_id', 'in', questionIds)
    .where((eb) =>
      eb.or([eb('user_id', '=', userId), eb('aggregation_method', '=', aggregationMethod)]),
    )
    .execute();
  return rows.map((row) => ({
    questionId: Number(row.question_id),
    isCp: row.user_id === null,
    scoreType: row.score_type,
    score: Number(row.score),
    coverage: Number(row.coverage),
  }));
}

export interface CalibrationRow {
  questionId: number;
  probability: number;
  outcome: 0 | 1;
}

/**
 * One row per binary question resolved yes/no where the user had a forecast active at the
 * close (start ≤ close < end, end null = standing), by question id.
 */
export async function listUserCalibrationRows(
  db: Executor,
  userId: number,
  filter: TrackRecordFilter,
): Promise<CalibrationRow[]> {
  const query = db
    .selectFrom('forecasts')
    .innerJoin('questions', 'questions.id', 'forecasts.question_id')
    .select(['questions.id', 'forecasts.probability_yes', 'questions.resolution'])
    .where('forecasts.user_id', '=', userId)
    .where('questions.type', '=', 'binary')
    .where('questions.status', '=', 'resolved')
    .where('questions.resolution', 'in', ['yes', 'no'])
    .where('questions.actual_close_time', 'is not', null)
    .whereRef('forecasts.start_time', '<=', 'questions.actual_close_time')
    .where((eb) =>
      eb.or([
        eb('forecasts.end_time', 'is', null),
        eb('forecasts.end_time', '>', eb.ref('questions.actual_close_time')),
      ]),
    );
  const rows = await applyFilter(query, filter).orderBy('questions.id').execute();
  return rows.map((row) => ({
    questionId: Number(row.id),
    probability: Number(row.probability_yes),
    outcome: row.resolution === 'yes' ? 1 : 0,
  }));
}

/** The CP entry (method) active at each binary question's close, resolved yes/no, by id. */
export async function listCpCalibrationRows(
  db: Executor,
  method: string,
  filter: TrackRecordFilter,
): Promise<CalibrationRow[]> {
  const query = db
    .selectFrom('cp_entries')
    .innerJoin('questions', 'questions.id', 'cp_entries.question_id')
    .select(['questions.id', 'cp_entries.forecast_values', 'questions.resolution'])
    .where('cp_entries.method', '=', method)
    .where('questions.type', '=', 'binary')
    .where('questions.status', '=', 'resolved')
    .where('questions.resolution', 'in', ['yes', 'no'])
    .where('questions.actual_close_time', 'is not', null)
    .whereRef('cp_entries.start_time', '<=', 'questions.actual_close_time')
    .where((eb) =>
      eb.or([
        eb('cp_entries.end_time', 'is', null),
        eb('cp_entries.end_time', '>', eb.ref('questions.actual_close_time')),
      ]),
    );
  const rows = await applyFilter(query, filter)
    .orderBy('questions.id')
    .orderBy('cp_entries.seq')
    .execute();
  const seen = new Set<number>();
  const result: CalibrationRow[] = [];
  for (const row of rows) {
    const id = Number(row.id);
    // The first active entry in history order, as core cpCalibrationPair takes it.
    if (seen.has(id)) continue;
    seen.add(id);
    const probability = row.forecast_values[1];
    if (probability === null || probability === undefined) continue;
    result.push({ questionId: id, probability, outcome: row.resolution === 'yes' ? 1 : 0 });
  }
  return result;
}

/** Tags of resolved questions, alphabetically (track-record filters). */
export async function listResolvedTags(db: Executor): Promise<string[]> {
  const result = await sql<{ tag: string }>`
    select distinct unnest(tags) as tag from questions where status = 'resolved' order by tag
    limit 200`.execute(db);
  return result.rows.map((row) => row.tag);
}
