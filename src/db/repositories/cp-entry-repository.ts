// SQL for the stored CP history (`cp_entries`, one row per method and entry) and `cp_states`.
import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { AggregationMethod } from '../../domain/aggregation-method.ts';
import type { CpEntriesTable, DatabaseSchema } from '../schema.ts';

export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** One stored CP entry; times are whole unix seconds, NaN is stored (and read) as null. */
export interface CpEntryRecord {
  method: AggregationMethod;
  seq: number;
  startTime: number;
  endTime: number | null;
  forecasterCount: number;
  forecastValues: Array<number | null>;
  intervalLowerBounds: Array<number | null>;
  centers: Array<number | null>;
  intervalUpperBounds: Array<number | null>;
  means: Array<number | null> | null;
}

/** The values of an entry to store (NaN allowed; written as null). */
export interface CpEntryValues {
  forecasterCount: number;
  forecastValues: readonly number[];
  intervalLowerBounds: readonly number[];
  centers: readonly number[];
  intervalUpperBounds: readonly number[];
  means: readonly number[] | null;
}

export interface CpTail {
  seq: number;
  startTime: number;
  endTime: number | null;
}

export interface CpState {
  version: number;
  processedUntil: number;
}

function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function toDate(seconds: number): Date {
  return new Date(seconds * 1000);
}

function finiteOrNull(values: readonly number[]): Array<number | null> {
  return values.map((value) => (Number.isFinite(value) ? value : null));
}

function toRecord(row: Selectable<CpEntriesTable>): CpEntryRecord {
  return {
    method: row.method as AggregationMethod,
    seq: row.seq,
    startTime: toSeconds(row.start_time),
    endTime: row.end_time === null ? null : toSeconds(row.end_time),
    forecasterCount: row.forecaster_count,
    forecastValues: row.forecast_values,
    intervalLowerBounds: row.interval_lower_bounds,
    centers: row.centers,
    intervalUpperBounds: row.interval_upper_bounds,
    means: row.means,
  };
}

/** An entry's value columns as stored (NaN and ±∞ as null); also the batched write's rows. */
export function valueColumns(values: CpEntryValues) {
  return {
    forecaster_count: values.forecasterCount,
    forecast_values: finiteOrNull(values.forecastValues),
    interval_lower_bounds: finiteOrNull(values.intervalLowerBounds),
    centers: finiteOrNull(values.centers),
    interval_upper_bounds: finiteOrNull(values.intervalUpperBounds),
    means: values.means === null ? null : finiteOrNull(values.means),
  };
}

/** The last entries (highest seq first, at most `count`); every method shares their times. */
export async function selectTail(
  db: Executor,
  questionId: number,
  count: number,
): Promise<CpTail[]> {
  const rows = await db
    .selectFrom('cp_entries')
    .select(['seq', 'start_time', 'end_time'])
    .where('question_id', '=', questionId)
    .where('method', '=', 'recency_weighted')
    .orderBy('seq', 'desc')
    .limit(count)
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    startTime: toSeconds(row.start_time),
    endTime: row.end_time === null ? null : toSeconds(row.end_time),
  }));
}

/** Inserts the entry `seq` (open-ended) for every method given. */
export async function insertEntries(
  db: Executor,
  questionId: number,
  seq: number,
  startTime: number,
  byMethod: ReadonlyArray<[AggregationMethod, CpEntryValues]>,
): Promise<void> {
  await db
    .insertInto('cp_entries')
    .values(
      byMethod.map(([method, values]) => ({
        question_id: questionId,
        method,
        seq,
        start_time: toDate(startTime),
        end_time: null,
        ...valueColumns(values),
      })),
    )
    .execute();
}

/** One stored entry of a whole history: its position, times and values per method. */
export interface HistoryRow {
  seq: number;
  startTime: number;
  endTime: number | null;
  byMethod: ReadonlyArray<[AggregationMethod, CpEntryValues]>;
}

/** Rows per INSERT: 11 parameters each, well below PostgreSQL's 65,535. */
const HISTORY_ROWS_PER_INSERT = 1_500;

/** Inserts whole entries (every method given, times included) with multi-row INSERTs. */
export async function insertHistory(
  db: Executor,
  questionId: number,
  entries: readonly HistoryRow[],
): Promise<void> {
  let rows: Insertable<CpEntriesTable>[] = [];
  const flush = async () => {
    if (rows.length > 0) await db.insertInto('cp_entries').values(rows).execute();
    rows = [];
  };
  for (const entry of entries) {
    for (const [method, values] of entry.byMethod) {
      rows.push({
        question_id: questionId,
        method,
        seq: entry.seq,
        start_time: toDate(entry.startTime),
        end_time: entry.endTime === null ? null : toDate(entry.endTime),
        ...valueColumns(values),
      });
    }
    if (rows.length >= HISTORY_ROWS_PER_INSERT) await flush();
  }
  await flush();
}

/** Replaces the values of entry `seq` of each method (its times stay). */
export async function updateEntryValues(
  db: Executor,
  questionId: number,
  seq: number,
  byMethod: ReadonlyArray<[AggregationMethod, CpEntryValues]>,
): Promise<void> {
  for (const [method, values] of byMethod) {
    await db
      .updateTable('cp_entries')
      .set(valueColumns(values))
      .where('question_id', '=', questionId)
      .where('method', '=', method)
      .where('seq', '=', seq)
      .execute();
  }
}

/** Deletes entry `seq` of every method. */
export async function deleteEntry(db: Executor, questionId: number, seq: number): Promise<void> {
  await db
    .deleteFrom('cp_entries')
    .where('question_id', '=', questionId)
    .where('seq', '=', seq)
    .execute();
}

/** Sets (or clears) the end of entry `seq` of every method. */
export async function setEntryEndTime(
  db: Executor,
  questionId: number,
  seq: number,
  endTime: number | null,
): Promise<void> {
  await db
    .updateTable('cp_entries')
    .set({ end_time: endTime === null ? null : toDate(endTime) })
    .where('question_id', '=', questionId)
    .where('seq', '=', seq)
    .execute();
}

export async function deleteHistory(db: Executor, questionId: number): Promise<void> {
  await db.deleteFrom('cp_entries').where('question_id', '=', questionId).execute();
}

export async function selectEntry(
  db: Executor,
  questionId: number,
  method: AggregationMethod,
  seq: number,
): Promise<CpEntryRecord | undefined> {
  const row = await db
    .selectFrom('cp_entries')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('method', '=', method)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function selectLastEntry(
  db: Executor,
  questionId: number,
  method: AggregationMethod,
): Promise<CpEntryRecord | undefined> {
  const row = await db
    .selectFrom('cp_entries')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('method', '=', method)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** (seq, start) of every entry of a method, in order: enough to choose a downsample. */
export async function listEntryStarts(
  db: Executor,
  questionId: number,
  method: AggregationMethod,
): Promise<Array<{ seq: number; startTime: number }>> {
  const rows = await db
    .selectFrom('cp_entries')
    .select(['seq', 'start_time'])
    .where('question_id', '=', questionId)
    .where('method', '=', method)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ seq: row.seq, startTime: toSeconds(row.start_time) }));
}

/** Entries of a method in order; all of them, or those whose seq is listed. */
export async function listEntries(
  db: Executor,
  questionId: number,
  method: AggregationMethod,
  seqs?: readonly number[],
): Promise<CpEntryRecord[]> {
  if (seqs !== undefined && seqs.length === 0) return [];
  let query = db
    .selectFrom('cp_entries')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('method', '=', method);
  if (seqs !== undefined) query = query.where('seq', 'in', [...seqs]);
  const rows = await query.orderBy('seq').execute();
  return rows.map(toRecord);
}

/** What a chart draws of an entry: its position, start (unix seconds) and forecast values. */
export interface CpChartEntryRecord {
  seq: number;
  startTime: number;
  forecastValues: Array<number | null>;
}

/**
 * Chart entries of a method in order (only the columns a chart draws): the first `limit`, or
 * those whose seq is listed.
 */
export async function listChartEntries(
  db: Executor,
  questionId: number,
  method: AggregationMethod,
  select: { limit: number } | { seqs: readonly number[] },
): Promise<CpChartEntryRecord[]> {
  if ('seqs' in select && select.seqs.length === 0) return [];
  let query = db
    .selectFrom('cp_entries')
    .select(['seq', 'start_time', 'forecast_values'])
    .where('question_id', '=', questionId)
    .where('method', '=', method);
  query = 'seqs' in select ? query.where('seq', 'in', [...select.seqs]) : query.limit(select.limit);
  const rows = await query.orderBy('seq').execute();
  return rows.map((row) => ({
    seq: row.seq,
    startTime: toSeconds(row.start_time),
    forecastValues: row.forecast_values,
  }));
}

export async function selectCpState(db: Executor, questionId: number): Promise<CpState> {
  const row = await db
    .selectFrom('cp_states')
    .select(['version', 'processed_until'])
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return row
    ? { version: Number(row.version), processedUntil: Number(row.processed_until) }
    : { version: 0, processedUntil: 0 };
}

/**
 * Stores the state after an event with a fresh version from `cp_states_version_seq` (never
 * reused, even when a transaction rolls back) and returns that version.
 */
export async function saveCpState(
  db: Executor,
  questionId: number,
  processedUntil: number,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('cp_states')
    .values({
      question_id: questionId,
      version: sql<number>`nextval('cp_states_version_seq')`,
      processed_until: processedUntil,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict.column('question_id').doUpdateSet({
        version: sql<number>`nextval('cp_states_version_seq')`,
        processed_until: processedUntil,
        updated_at: now,
      }),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/** NOTIFY on commit; the payload carries ids only (docs/architecture.md §6). */
export async function notifyCpUpdated(db: Executor, payload: string): Promise<void> {
  await sql`select pg_notify(${'cp_updated'}, ${payload})`.execute(db);
}
