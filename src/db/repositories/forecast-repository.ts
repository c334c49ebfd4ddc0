// SQL for forecasts: one row per update, never rewritten except to end it (docs/maths.md §14.2).
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DatabaseSchema, ForecastsTable } from '../schema.ts';

export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** A stored forecast; times are whole unix seconds. */
export interface ForecastRecord {
  id: number;
  questionId: number;
  userId: number;
  startTime: number;
  /** null = standing until replaced or withdrawn */
  endTime: number | null;
  probabilityYes: number | null;
  /** MC: all-options order at the time it was stored (older rows may be shorter), null = unavailable */
  probabilityYesPerCategory: Array<number | null> | null;
  continuousCdf: number[] | null;
}

export interface NewForecast {
  questionId: number;
  userId: number;
  startTime: number;
  endTime: number | null;
  probabilityYes: number | null;
  probabilityYesPerCategory: Array<number | null> | null;
  continuousCdf: number[] | null;
}

function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function toDate(seconds: number): Date {
  return new Date(seconds * 1000);
}

function toRecord(row: Selectable<ForecastsTable>): ForecastRecord {
  return {
    id: row.id,
    questionId: row.question_id,
    userId: row.user_id,
    startTime: toSeconds(row.start_time),
    endTime: row.end_time === null ? null : toSeconds(row.end_time),
    probabilityYes: row.probability_yes,
    probabilityYesPerCategory: row.probability_yes_per_category,
    continuousCdf: row.continuous_cdf,
  };
}

export async function insertForecast(db: Executor, forecast: NewForecast): Promise<ForecastRecord> {
  const row = await db
    .insertInto('forecasts')
    .values({
      question_id: forecast.questionId,
      user_id: forecast.userId,
      start_time: toDate(forecast.startTime),
      end_time: forecast.endTime === null ? null : toDate(forecast.endTime),
      probability_yes: forecast.probabilityYes,
      probability_yes_per_category: forecast.probabilityYesPerCategory,
      continuous_cdf: forecast.continuousCdf,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/** The user's forecast active at `at` (start ≤ at < end), if any; at most one exists. */
export async function findStandingForecast(
  db: Executor,
  questionId: number,
  userId: number,
  at: number,
): Promise<ForecastRecord | undefined> {
  const atDate = toDate(at);
  const row = await db
    .selectFrom('forecasts')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('user_id', '=', userId)
    .where('start_time', '<=', atDate)
    .where((eb) => eb.or([eb('end_time', 'is', null), eb('end_time', '>', atDate)]))
    .orderBy('start_time', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function setForecastEndTime(db: Executor, id: number, endTime: number): Promise<void> {
  await db
    .updateTable('forecasts')
    .set({ end_time: toDate(endTime) })
    .where('id', '=', id)
    .execute();
}

export async function deleteForecast(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('forecasts').where('id', '=', id).execute();
}

/** Forecasts active at `at` (docs/maths.md §1), in active-set order. */
export function listActiveForecasts(
  db: Executor,
  questionId: number,
  at: number,
): Promise<ForecastRecord[]> {
  return listStandingAt(db, questionId, at, '>');
}

/**
 * What the incremental engine is rebuilt from at instant `at`: the forecasts active then, plus
 * those that ended exactly then (the engine counts them to know whether `at` is a timestep).
 */
export function listForecastsForEngineState(
  db: Executor,
  questionId: number,
  at: number,
): Promise<ForecastRecord[]> {
  return listStandingAt(db, questionId, at, '>=');
}

/** Forecasts started by `at` whose end compares to `at` as given (or is null), in active order. */
async function listStandingAt(
  db: Executor,
  questionId: number,
  at: number,
  endComparison: '>' | '>=',
): Promise<ForecastRecord[]> {
  const atDate = toDate(at);
  const rows = await db
    .selectFrom('forecasts')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('start_time', '<=', atDate)
    .where((eb) => eb.or([eb('end_time', 'is', null), eb('end_time', endComparison, atDate)]))
    .orderBy('start_time')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** Every forecast of a question, in id (= insertion) order. */
export async function listQuestionForecasts(
  db: Executor,
  questionId: number,
): Promise<ForecastRecord[]> {
  const rows = await db
    .selectFrom('forecasts')
    .selectAll()
    .where('question_id', '=', questionId)
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** A user's forecasts on a question, newest first, ids strictly below `beforeId`. */
export async function listUserForecasts(
  db: Executor,
  questionId: number,
  userId: number,
  page: { beforeId?: number; limit: number },
): Promise<ForecastRecord[]> {
  let query = db
    .selectFrom('forecasts')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('user_id', '=', userId);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toRecord);
}

export async function userHasForecast(
  db: Executor,
  questionId: number,
  userId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('forecasts')
    .select('id')
    .where('question_id', '=', questionId)
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Number of forecasts active at `at`. */
export async function countActiveForecasts(
  db: Executor,
  questionId: number,
  at: number,
): Promise<number> {
  const atDate = toDate(at);
  const row = await db
    .selectFrom('forecasts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('question_id', '=', questionId)
    .where('start_time', '<=', atDate)
    .where((eb) => eb.or([eb('end_time', 'is', null), eb('end_time', '>', atDate)]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
