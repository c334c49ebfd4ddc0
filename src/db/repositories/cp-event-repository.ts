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
import { preparedSql } from '../prepared-sql.ts';
import type { CpEntryValues, CpState } from './cp-entry-repository.ts';
import { selectCpState } from './cp-entry-repository.ts';
import type { Executor } from './forecast-repository.ts';
import { type QuestionRow, selectQuestion, toRecord } from './question-repository.ts';

export interface LockedQuestion {
  question: QuestionRecord;
  /**
   * The question row's `xmin` (the transaction that wrote this version of it): a later
   * statement can tell whether the row changed since (null when not read).
   */
  questionXmin: string | null;
  state: CpState;
  /** A fresh id from the forecasts' sequence, taken after the lock (when asked for). */
  reservedForecastId: number | null;
}

/** Every column of `questions` (named, not `q.*`: the statements are prepared). */
const QUESTION_COLUMNS = [
  'id',
  'type',
  'status',
  'title',
  'description',
  'resolution_criteria',
  'fine_print',
  'sources',
  'tags',
  'author_id',
  'tournament_id',
  'question_weight',
  'open_time',
  'scheduled_close_time',
  'scheduled_resolve_time',
  'cp_reveal_time',
  'actual_close_time',
  'range_min',
  'range_max',
  'zero_point',
  'open_lower_bound',
  'open_upper_bound',
  'inbound_outcome_count',
  'unit',
  'options',
  'options_history',
  'condition_parent_id',
  'condition_child_id',
  'condition_outcome',
  'is_forecast_before_crowd',
  'review_note',
  'resolution',
  'resolved_at',
  'created_at',
  'updated_at',
]
  .map((column) => `q.${column}`)
  .join(', ');

/**
 * Locks the question row and its `cp_states` row (FOR UPDATE OF both) and reads them; the id is
 * taken from the sequence only once the locks are held (the outer query runs after the inner
 * one's lock step), so ids still grow in the order forecasts are inserted into a question.
 * Locking the state row matters: in READ COMMITTED a statement that waited for a lock re-reads
 * the rows it locks (their latest versions) but nothing else, so the state read here is current.
 */
const LOCK_WITH_STATE = preparedSql(
  'cp_event_lock',
  `
select locked.*,
  case when $2::boolean then nextval('forecasts_id_seq') end as reserved_forecast_id
from (
  select ${QUESTION_COLUMNS},
    (select u.username from users u where u.id = q.author_id) as author_username,
    q.xmin::text as question_xmin,
    s.version as cp_version,
    s.processed_until as cp_processed_until
  from questions q
  join cp_states s on s.question_id = q.id
  where q.id = $1
  for update of q, s
) locked`,
);

type LockRow = QuestionRow & {
  question_xmin: string;
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
      questionXmin: row.question_xmin,
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
  return { question, questionXmin: null, state, reservedForecastId };
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
  /** Write only if the question row and the CP state are still these (optimistic events). */
  guard: { questionXmin: string; version: number } | null;
  replacement: ForecastReplacement | null;
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
  /** False when the guard failed: nothing was written. */
  ok: boolean;
  /** The fresh state version, or null when the state was left alone. */
  version: number | null;
  /** An id taken for the question's next forecast (null when the guard failed). */
  nextForecastId: number | null;
  /** Standing forecasts ended or deleted by the replacement (0 or 1). */
  replaced: number;
}

/**
 * Every write of an event in one statement. Data-modifying CTEs all run to completion; the only
 * order that matters — the standing forecast ended or deleted before the new one is inserted,
 * or the partial unique index on standing forecasts would refuse it — is forced by the insert
 * reading the counts of the other two. History changes touch disjoint rows, so their order does
 * not matter.
 *
 * With a guard ($21), the statement is the whole transaction of an optimistic event: it locks
 * the question and its state row FOR UPDATE and writes only if the question row is the version
 * the event read ($22, its xmin) and the state is still at the version the engines were at
 * ($23). In READ COMMITTED a statement that waited for those locks re-checks exactly those
 * conditions on the rows' latest versions, so a concurrent change makes it write nothing
 * (ok = 0). Every CP writer bumps the state version, and everything else the event used (the
 * standing forecast, the history's tail) is only ever changed by CP writers.
 *
 * An id for the next forecast on the question is taken after the lock, so it exceeds every id
 * the question has; it is only used while no other writer has touched the question.
 */
/**
 * Every stored method, as SQL literals: constants of the code, not input. Lists of values arrive
 * as jsonb rather than arrays so that the generic plan of the prepared statement costs what a
 * custom one does and PostgreSQL keeps it (a custom plan re-plans on every execution).
 */
const METHODS = AGGREGATION_METHODS.map((method) => `'${method}'`).join(', ');

const WRITE_EVENT = preparedSql(
  'cp_event_write',
  `
with locked as (
  select q.id
  from questions q
  join cp_states s on s.question_id = q.id
  where $21::boolean and q.id = $1 and q.xmin = $22::text::xid and s.version = $23::bigint
  for update of q, s
), guard as (
  select 1 as ok where not $21::boolean
  union all
  select 1 from locked
), ended as (
  update forecasts set end_time = $5::timestamptz
  from guard
  where $3::boolean and question_id = $1 and user_id = $4::bigint
    and start_time < $5::timestamptz and (end_time is null or end_time > $5::timestamptz)
  returning forecasts.id
), removed as (
  delete from forecasts
  using guard
  where $3::boolean and question_id = $1 and user_id = $4::bigint
    and start_time = $5::timestamptz and (end_time is null or end_time > $5::timestamptz)
  returning forecasts.id
), inserted as (
  insert into forecasts (id, question_id, user_id, start_time, end_time, probability_yes,
    probability_yes_per_category, continuous_cdf)
  select $6::bigint, $1::bigint, $4::bigint, $5::timestamptz, $7::timestamptz, $8::float8,
    $9::float8[], $10::float8[]
  from guard, (select count(*) as n from ended) e, (select count(*) as n from removed) r
  where $3::boolean
  returning id
), cp_deleted as (
  delete from cp_entries
  using guard, jsonb_array_elements_text($11::jsonb) as d(seq)
  where question_id = $1 and method in (${METHODS}) and cp_entries.seq = d.seq::int
), cp_ended as (
  update cp_entries c set end_time = to_timestamp(u.end_time)
  from guard, jsonb_to_recordset($12::jsonb) as u(seq int, end_time float8)
  where c.question_id = $1 and c.method in (${METHODS}) and c.seq = u.seq
), cp_written as (
  insert into cp_entries (question_id, method, seq, start_time, end_time, forecaster_count,
    forecast_values, interval_lower_bounds, centers, interval_upper_bounds, means)
  select $1::bigint, r.method, r.seq, to_timestamp(r.start_time), to_timestamp(r.end_time),
    r.forecaster_count, r.forecast_values, r.interval_lower_bounds, r.centers,
    r.interval_upper_bounds, r.means
  from guard, jsonb_to_recordset($13::jsonb) as r(method text, seq int, start_time float8,
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
  select $1::bigint, nextval('cp_states_version_seq'), $14::bigint, $2::timestamptz
  from guard
  where $14::bigint is not null
  on conflict (question_id) do update set version = excluded.version,
    processed_until = excluded.processed_until, updated_at = excluded.updated_at
  returning version
), idempotent as (
  insert into idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
  select $16::bigint, $17::text, $18::text, $19::int, $20::jsonb, $2::timestamptz
  from guard
  where $17::text is not null
)
select (select count(*) from guard) as ok,
  (select version from cp_state) as version,
  (select count(*) from ended) + (select count(*) from removed) as replaced,
  (select count(*) from inserted) as inserted,
  (select nextval('forecasts_id_seq') from guard) as next_forecast_id,
  case when $15::text is not null and exists (select 1 from guard)
    then pg_notify('cp_updated', $15::text) end as notified`,
);

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
    JSON.stringify(history.deletes), // $11
    JSON.stringify(history.ends.map((end) => ({ seq: end.seq, end_time: end.endTime }))), // $12
    upsertRows(history.upserts), // $13
    write.processedUntil, // $14
    write.notifyPayload, // $15
    idempotency?.userId ?? null, // $16
    idempotency?.key ?? null, // $17
    idempotency?.requestHash ?? null, // $18
    idempotency?.statusCode ?? null, // $19
    idempotency === null ? null : JSON.stringify(idempotency.response), // $20
    write.guard !== null, // $21
    write.guard?.questionXmin ?? null, // $22
    write.guard?.version ?? null, // $23
  ];
  const result = await db.executeQuery<{
    ok: number | string;
    version: number | string | null;
    replaced: number | string;
    inserted: number | string;
    next_forecast_id: number | string | null;
  }>(CompiledQuery.raw(WRITE_EVENT, parameters));
  const row = result.rows[0];
  const ok = Number(row.ok) > 0;
  if (ok && replacement !== null && Number(row.inserted) !== 1) {
    throw new Error(`forecast ${replacement.id} was not inserted`);
  }
  return {
    ok,
    version: row.version === null ? null : Number(row.version),
    nextForecastId: row.next_forecast_id === null ? null : Number(row.next_forecast_id),
    replaced: Number(row.replaced),
  };
}
