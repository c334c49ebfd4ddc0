// The two statements of a CP event (ARCHITECTURE.md §2 step 3) on the fast path: one locks the
// question and its CP state (and reserves the new forecast's id), one writes everything the event
// changed — the forecast replaced, the CP history patch, the new state version, the idempotent
// result and the NOTIFY — so a forecast costs BEGIN, two statements and COMMIT.
//
// The SQL is constant text with numbered parameters, run without Kysely's query builder (it would
// rebuild and recompile it on every request).
import { CompiledQuery } from 'kysely';
import { AGGREGATION_METHODS, type AggregationMethod } from '../../core/types.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { CpEntryValues, CpState } from './cp-entry-repository.ts';
import { selectCpState } from './cp-entry-repository.ts';
import type { Executor } from './forecast-repository.ts';
import { type QuestionRow, selectQuestion, toRecord } from './question-repository.ts';

export interface LockedQuestion {
  question: QuestionRecord;
  state: CpState;
  /** A fresh id from the forecasts' sequence, taken after the lock (when asked for). */
  reservedForecastId: number | null;
}

/**
 * Locks the question row and its `cp_states` row (FOR UPDATE OF both) and reads them; the id is
 * taken from the sequence only once the locks are held (the outer query runs after the inner
 * one's lock step), so ids still grow in the order forecasts are inserted into a question.
 * Locking the state row matters: in READ COMMITTED a statement that waited for a lock re-reads
 * the rows it locks (their latest versions) but nothing else, so the state read here is current.
 */
const LOCK_WITH_STATE = `
select locked.*,
  case when $2::boolean then nextval('forecasts_id_seq') end as reserved_forecast_id
from (
  select q.*,
    (select u.username from users u where u.id = q.author_id) as author_username,
    s.version as cp_version,
    s.processed_until as cp_processed_until
  from questions q
  join cp_states s on s.question_id = q.id
  where q.id = $1
  for update of q, s
) locked`;

type LockRow = QuestionRow & {
  cp_version: number | string;
  cp_processed_until: number | string;
  reserved_forecast_id: number | string | null;
};

/**
 * The question locked FOR UPDATE with its CP state, or undefined when it does not exist. A
 * question without a state row yet (no CP event so far) takes the long way: lock, then read.
 */
export async function lockQuestionForCpEvent(
  db: Executor,
  questionId: number,
  options: { reserveForecastId: boolean },
): Promise<LockedQuestion | undefined> {
  const result = await db.executeQuery<LockRow>(
    CompiledQuery.raw(LOCK_WITH_STATE, [questionId, options.reserveForecastId]),
  );
  const row = result.rows[0];
  if (row) {
    return {
      question: toRecord(row),
      state: { version: Number(row.cp_version), processedUntil: Number(row.cp_processed_until) },
      reservedForecastId:
        row.reserved_forecast_id === null ? null : Number(row.reserved_forecast_id),
    };
  }
  const question = await selectQuestion(db, questionId, { forUpdate: true });
  if (!question) return undefined;
  const state = await selectCpState(db, questionId);
  let reservedForecastId: number | null = null;
  if (options.reserveForecastId) {
    const reserved = await db.executeQuery<{ id: number | string }>(
      CompiledQuery.raw(`select nextval('forecasts_id_seq') as id`, []),
    );
    reservedForecastId = Number(reserved.rows[0].id);
  }
  return { question, state, reservedForecastId };
}

/** The user's standing forecast is ended (or deleted) at `startTime` and this one inserted. */
export interface ForecastReplacement {
  id: number;
  userId: number;
  startTime: number;
  endTime: number | null;
  probabilityYes: number | null;
  probabilityYesPerCategory: Array<number | null> | null;
  continuousCdf: number[] | null;
}

/** A whole stored entry (every method's values): inserted, or replacing the row at its seq. */
export interface HistoryUpsert {
  seq: number;
  startTime: number;
  endTime: number | null;
  byMethod: ReadonlyArray<[AggregationMethod, CpEntryValues]>;
}

/** Changes to the stored CP history; each seq appears in at most one list. */
export interface HistoryChanges {
  /** Entries deleted (every method). */
  deletes: number[];
  /** Entries whose end alone changes (every method); null re-opens one. */
  ends: Array<{ seq: number; endTime: number | null }>;
  upserts: HistoryUpsert[];
}

export interface CpEventWrite {
  questionId: number;
  now: Date;
  replacement: (ForecastReplacement & { userId: number }) | null;
  history: HistoryChanges;
  /** Store a fresh state version with this `processed_until` (null: leave the state alone). */
  processedUntil: number | null;
  /** `NOTIFY cp_updated` payload (null: no notification). */
  notifyPayload: string | null;
  idempotency: {
    userId: number;
    key: string;
    requestHash: string;
    statusCode: number;
    response: Record<string, unknown>;
  } | null;
}

export interface CpEventWritten {
  /** The fresh state version, or null when the state was left alone. */
  version: number | null;
  /** Standing forecasts ended or deleted by the replacement (0 or 1). */
  replaced: number;
}

/**
 * Every write of an event in one statement. Data-modifying CTEs all run to completion; the only
 * order that matters — the standing forecast ended or deleted before the new one is inserted,
 * or the partial unique index on standing forecasts would refuse it — is forced by the insert
 * reading the counts of the other two. History changes touch disjoint rows, so their order does
 * not matter.
 */
const WRITE_EVENT = `
with ended as (
  update forecasts set end_time = $5::timestamptz
  where $3::boolean and question_id = $1 and user_id = $4
    and start_time < $5::timestamptz and (end_time is null or end_time > $5::timestamptz)
  returning id
), removed as (
  delete from forecasts
  where $3::boolean and question_id = $1 and user_id = $4
    and start_time = $5::timestamptz and (end_time is null or end_time > $5::timestamptz)
  returning id
), inserted as (
  insert into forecasts (id, question_id, user_id, start_time, end_time, probability_yes,
    probability_yes_per_category, continuous_cdf)
  select $6, $1, $4, $5::timestamptz, $7::timestamptz, $8::float8, $9::float8[], $10::float8[]
  from (select count(*) as n from ended) e, (select count(*) as n from removed) r
  where $3::boolean
  returning id
), cp_deleted as (
  delete from cp_entries
  where question_id = $1 and method = any($11::text[]) and seq = any($12::int[])
), cp_ended as (
  update cp_entries c set end_time = to_timestamp(u.end_time)
  from unnest($13::int[], $14::float8[]) as u(seq, end_time)
  where c.question_id = $1 and c.method = any($11::text[]) and c.seq = u.seq
), cp_written as (
  insert into cp_entries (question_id, method, seq, start_time, end_time, forecaster_count,
    forecast_values, interval_lower_bounds, centers, interval_upper_bounds, means)
  select $1, r.method, r.seq, to_timestamp(r.start_time), to_timestamp(r.end_time),
    r.forecaster_count, r.forecast_values, r.interval_lower_bounds, r.centers,
    r.interval_upper_bounds, r.means
  from jsonb_to_recordset($15::jsonb) as r(method text, seq int, start_time float8,
    end_time float8, forecaster_count int, forecast_values float8[],
    interval_lower_bounds float8[], centers float8[], interval_upper_bounds float8[],
    means float8[])
  on conflict (question_id, method, seq) do update set
    start_time = excluded.start_time, end_time = excluded.end_time,
    forecaster_count = excluded.forecaster_count, forecast_values = excluded.forecast_values,
    interval_lower_bounds = excluded.interval_lower_bounds, centers = excluded.centers,
    interval_upper_bounds = excluded.interval_upper_bounds, means = excluded.means
), cp_state as (
  insert into cp_states (question_id, version, processed_until, updated_at)
  select $1, nextval('cp_states_version_seq'), $16::bigint, $2::timestamptz
  where $16::bigint is not null
  on conflict (question_id) do update set version = excluded.version,
    processed_until = excluded.processed_until, updated_at = excluded.updated_at
  returning version
), idempotent as (
  insert into idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
  select $18, $19::text, $20, $21, $22::jsonb, $2::timestamptz
  where $19::text is not null
)
select (select version from cp_state) as version,
  (select count(*) from ended) + (select count(*) from removed) as replaced,
  (select count(*) from inserted) as inserted,
  case when $17::text is not null then pg_notify('cp_updated', $17::text) end as notified`;

function finiteOrNull(values: readonly number[]): Array<number | null> {
  return values.map((value) => (Number.isFinite(value) ? value : null));
}

function dateOrNull(seconds: number | null): Date | null {
  return seconds === null ? null : new Date(seconds * 1000);
}

/** The upserted rows as JSON for `jsonb_to_recordset` (NaN and ±∞ stored as null). */
function upsertRows(upserts: readonly HistoryUpsert[]): string {
  const rows: unknown[] = [];
  for (const upsert of upserts) {
    for (const [method, values] of upsert.byMethod) {
      rows.push({
        method,
        seq: upsert.seq,
        start_time: upsert.startTime,
        end_time: upsert.endTime,
        forecaster_count: values.forecasterCount,
        forecast_values: finiteOrNull(values.forecastValues),
        interval_lower_bounds: finiteOrNull(values.intervalLowerBounds),
        centers: finiteOrNull(values.centers),
        interval_upper_bounds: finiteOrNull(values.intervalUpperBounds),
        means: values.means === null ? null : finiteOrNull(values.means),
      });
    }
  }
  return JSON.stringify(rows);
}

export async function writeCpEvent(db: Executor, write: CpEventWrite): Promise<CpEventWritten> {
  const { replacement, history, idempotency } = write;
  const parameters: unknown[] = [
    write.questionId, // $1
    write.now, // $2
    replacement !== null, // $3
    replacement?.userId ?? null, // $4
    dateOrNull(replacement?.startTime ?? null), // $5
    replacement?.id ?? null, // $6
    dateOrNull(replacement?.endTime ?? null), // $7
    replacement?.probabilityYes ?? null, // $8
    replacement?.probabilityYesPerCategory ?? null, // $9
    replacement?.continuousCdf ?? null, // $10
    AGGREGATION_METHODS, // $11
    history.deletes, // $12
    history.ends.map((end) => end.seq), // $13
    history.ends.map((end) => end.endTime), // $14
    upsertRows(history.upserts), // $15
    write.processedUntil, // $16
    write.notifyPayload, // $17
    idempotency?.userId ?? null, // $18
    idempotency?.key ?? null, // $19
    idempotency?.requestHash ?? null, // $20
    idempotency?.statusCode ?? null, // $21
    idempotency === null ? null : JSON.stringify(idempotency.response), // $22
  ];
  const result = await db.executeQuery<{
    version: number | string | null;
    replaced: number | string;
    inserted: number | string;
  }>(CompiledQuery.raw(WRITE_EVENT, parameters));
  const row = result.rows[0];
  if (replacement !== null && Number(row.inserted) !== 1) {
    throw new Error(`forecast ${replacement.id} was not inserted`);
  }
  return {
    version: row.version === null ? null : Number(row.version),
    replaced: Number(row.replaced),
  };
}
