// The two statements of a CP event (docs/architecture.md §2 step 3) on the fast path: one locks the
// question and its CP state (and reserves the new forecast's id), one writes everything the event
// changed — the forecast replaced, the CP history patch, the new state version, the idempotent
// result and the NOTIFY — so a forecast costs BEGIN, two statements and COMMIT.
//
// The SQL is constant text with numbered parameters, run without Kysely's query builder (it would
// rebuild and recompile it on every request).
import { CompiledQuery } from 'kysely';
import { AGGREGATION_METHODS, type AggregationMethod } from '../../domain/aggregation-method.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { preparedSql } from '../prepared-sql.ts';
import type { CpEntryValues, CpState } from './cp-entry-repository.ts';
import { selectCpState, valueColumns } from './cp-entry-repository.ts';
import type { Executor, ForecastRecord } from './forecast-repository.ts';
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
export type ForecastReplacement = Omit<ForecastRecord, 'questionId'>;

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

/** An idempotent result stored with the event (the request's key and its answer). */
export interface IdempotentResultWrite {
  userId: number;
  key: string;
  requestHash: string;
  statusCode: number;
  response: Record<string, unknown>;
}

export interface CpEventWrite {
  questionId: number;
  now: Date;
  /** Write only if the question row and the CP state are still these (optimistic events). */
  guard: { questionXmin: string; version: number } | null;
  /**
   * New forecasts, each ending (or deleting) its author's standing one; at most one per user,
   * since a statement's changes cannot see each other (cp-write-pipeline.ts merges events).
   */
  replacements: ForecastReplacement[];
  history: HistoryChanges;
  /** Store a fresh state version with this `processed_until` (null: leave the state alone). */
  processedUntil: number | null;
  /** `NOTIFY cp_updated` payload (null: no notification). */
  notifyPayload: string | null;
  idempotency: IdempotentResultWrite[];
  /** Ids to take from the forecasts' sequence for the question's next forecasts. */
  reserveIds: number;
}

export interface CpEventWritten {
  /** False when the guard failed: nothing was written. */
  ok: boolean;
  /** The fresh state version, or null when the state was left alone. */
  version: number | null;
  /** Ids taken for the question's next forecasts, ascending (empty when the guard failed). */
  reservedIds: number[];
}

/**
 * The writes of several events, on different questions, in one statement: under load the
 * forecasts of many questions share one statement and one commit (cp-write-batcher.ts). Each
 * event's rows carry its index `i`; an event whose guard fails writes nothing and the others
 * are unaffected.
 *
 * Data-modifying CTEs all run to completion; the only order that matters — a standing forecast
 * ended or deleted before its replacement is inserted, or the partial unique index on standing
 * forecasts would refuse it — is forced by the insert reading the counts of the other two.
 * History changes touch disjoint rows, so their order does not matter.
 *
 * A guarded event (an optimistic one) locks its question and state row FOR UPDATE and writes
 * only if the question row is the version the event read (its xmin) and the state is still at
 * the version the engines were at. In READ COMMITTED a statement that waited for those locks
 * re-checks exactly those conditions on the rows' latest versions, so a concurrent change makes
 * that event write nothing (ok = false). Every CP writer bumps the state version, and
 * everything else the event used (the standing forecast, the history's tail) is only ever
 * changed by CP writers. Rows are locked in question order, so two instances' batches cannot
 * deadlock on each other. Unguarded events run inside a transaction that already holds the lock.
 *
 * Ids for the next forecasts on each written question are taken after the lock, so they exceed
 * every id the question has; they are only used while no other writer has touched the question.
 *
 * Every stored method appears as SQL literals: constants of the code, not input. The events and
 * lists of values arrive as jsonb so that the generic plan of the prepared statement costs what a
 * custom one does and PostgreSQL keeps it (a custom plan re-plans on every execution).
 */
const METHODS = AGGREGATION_METHODS.map((method) => `'${method}'`).join(', ');

const WRITE_EVENTS = preparedSql(
  'cp_events_write',
  `
with ev as (
  select * from jsonb_to_recordset($1::jsonb) as e(i int, question_id bigint, guarded boolean,
    question_xmin text, version bigint, now_at timestamptz, processed_until bigint, notify text,
    reserve int)
), locked as (
  select e.i
  from ev e
  join questions q on q.id = e.question_id
  join cp_states s on s.question_id = q.id
  where e.guarded and q.xmin = e.question_xmin::xid and s.version = e.version
  order by q.id
  for update of q, s
), ok as (
  select e.* from ev e where not e.guarded or e.i in (select l.i from locked l)
), fc as (
  select o.question_id, x.*
  from jsonb_to_recordset($5::jsonb) as x(i int, user_id bigint, start_time timestamptz,
    forecast_id bigint, end_time timestamptz, probability_yes float8,
    probability_yes_per_category float8[], continuous_cdf float8[])
  join ok o on o.i = x.i
), ended as (
  update forecasts f set end_time = x.start_time
  from fc x
  where f.question_id = x.question_id and f.user_id = x.user_id
    and f.start_time < x.start_time and (f.end_time is null or f.end_time > x.start_time)
  returning f.question_id
), removed as (
  delete from forecasts f
  using fc x
  where f.question_id = x.question_id and f.user_id = x.user_id
    and f.start_time = x.start_time and (f.end_time is null or f.end_time > x.start_time)
  returning f.question_id
), inserted as (
  insert into forecasts (id, question_id, user_id, start_time, end_time, probability_yes,
    probability_yes_per_category, continuous_cdf)
  select x.forecast_id, x.question_id, x.user_id, x.start_time, x.end_time, x.probability_yes,
    x.probability_yes_per_category, x.continuous_cdf
  from fc x, (select count(*) as n from ended) e, (select count(*) as n from removed) r
  returning question_id
), cp_deleted as (
  delete from cp_entries c
  using jsonb_to_recordset($2::jsonb) as d(i int, seq int), ok o
  where o.i = d.i and c.question_id = o.question_id and c.method in (${METHODS})
    and c.seq = d.seq
), cp_ended as (
  update cp_entries c set end_time = to_timestamp(u.end_time)
  from jsonb_to_recordset($3::jsonb) as u(i int, seq int, end_time float8), ok o
  where o.i = u.i and c.question_id = o.question_id and c.method in (${METHODS})
    and c.seq = u.seq
), cp_written as (
  insert into cp_entries (question_id, method, seq, start_time, end_time, forecaster_count,
    forecast_values, interval_lower_bounds, centers, interval_upper_bounds, means)
  select o.question_id, r.method, r.seq, to_timestamp(r.start_time), to_timestamp(r.end_time),
    r.forecaster_count, r.forecast_values, r.interval_lower_bounds, r.centers,
    r.interval_upper_bounds, r.means
  from jsonb_to_recordset($4::jsonb) as r(i int, method text, seq int, start_time float8,
    end_time float8, forecaster_count int, forecast_values float8[],
    interval_lower_bounds float8[], centers float8[], interval_upper_bounds float8[],
    means float8[])
  join ok o on o.i = r.i
  on conflict (question_id, method, seq) do update set
    start_time = excluded.start_time, end_time = excluded.end_time,
    forecaster_count = excluded.forecaster_count, forecast_values = excluded.forecast_values,
    interval_lower_bounds = excluded.interval_lower_bounds, centers = excluded.centers,
    interval_upper_bounds = excluded.interval_upper_bounds, means = excluded.means
), cp_state as (
  insert into cp_states (question_id, version, processed_until, updated_at)
  select o.question_id, nextval('cp_states_version_seq'), o.processed_until, o.now_at
  from ok o
  where o.processed_until is not null
  on conflict (question_id) do update set version = excluded.version,
    processed_until = excluded.processed_until, updated_at = excluded.updated_at
  returning question_id, version
), idempotent as (
  insert into idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
  select k.user_id, k.key, k.request_hash, k.status_code, k.response, o.now_at
  from jsonb_to_recordset($6::jsonb) as k(i int, user_id bigint, key text, request_hash text,
    status_code int, response jsonb)
  join ok o on o.i = k.i
), notified as (
  select count(pg_notify('cp_updated', o.notify)) as n from ok o where o.notify is not null
)
select e.i,
  exists (select 1 from ok o where o.i = e.i) as ok,
  (select c.version from cp_state c where c.question_id = e.question_id) as version,
  (select count(*) from inserted x where x.question_id = e.question_id) as inserted,
  case when exists (select 1 from ok o where o.i = e.i)
    then (select array_agg(nextval('forecasts_id_seq')) from generate_series(1, e.reserve))
  end as reserved_ids,
  (select n from notified) as notified
from ev e
order by e.i`,
);

function isoOrNull(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/** The events' scalar fields as JSON for `jsonb_to_recordset` ($1). */
function eventRows(writes: readonly CpEventWrite[]): string {
  return JSON.stringify(
    writes.map((write, i) => ({
      i,
      question_id: write.questionId,
      guarded: write.guard !== null,
      question_xmin: write.guard?.questionXmin ?? null,
      version: write.guard?.version ?? null,
      now_at: write.now.toISOString(),
      processed_until: write.processedUntil,
      notify: write.notifyPayload,
      reserve: write.reserveIds,
    })),
  );
}

/** The new forecasts of every event ($5). */
function forecastRows(writes: readonly CpEventWrite[]): string {
  return JSON.stringify(
    writes.flatMap((write, i) =>
      write.replacements.map((replacement) => ({
        i,
        user_id: replacement.userId,
        start_time: isoOrNull(replacement.startTime),
        forecast_id: replacement.id,
        end_time: isoOrNull(replacement.endTime),
        probability_yes: replacement.probabilityYes,
        probability_yes_per_category: replacement.probabilityYesPerCategory,
        continuous_cdf: replacement.continuousCdf,
      })),
    ),
  );
}

/** The idempotent results of every event ($6). */
function idempotencyRows(writes: readonly CpEventWrite[]): string {
  return JSON.stringify(
    writes.flatMap((write, i) =>
      write.idempotency.map((result) => ({
        i,
        user_id: result.userId,
        key: result.key,
        request_hash: result.requestHash,
        status_code: result.statusCode,
        response: result.response,
      })),
    ),
  );
}

/** The upserted rows of every event as JSON for `jsonb_to_recordset` (NaN and ±∞ as null). */
function upsertRows(writes: readonly CpEventWrite[]): string {
  const rows: unknown[] = [];
  writes.forEach((write, i) => {
    for (const upsert of write.history.upserts) {
      for (const [method, values] of upsert.byMethod) {
        rows.push({
          i,
          method,
          seq: upsert.seq,
          start_time: upsert.startTime,
          end_time: upsert.endTime,
          ...valueColumns(values),
        });
      }
    }
  });
  return JSON.stringify(rows);
}

type WrittenRow = {
  i: number;
  ok: boolean;
  version: number | string | null;
  inserted: number | string;
  reserved_ids: Array<number | string> | null;
};

/**
 * Writes several events in one statement (at most one event per question: a question's state
 * row can change once per statement). Results are in the order of `writes`.
 */
export async function writeCpEvents(
  db: Executor,
  writes: readonly CpEventWrite[],
): Promise<CpEventWritten[]> {
  const questions = new Set(writes.map((write) => write.questionId));
  if (questions.size !== writes.length) throw new RangeError('one event per question per batch');
  const parameters = [
    eventRows(writes),
    JSON.stringify(writes.flatMap((write, i) => write.history.deletes.map((seq) => ({ i, seq })))),
    JSON.stringify(
      writes.flatMap((write, i) =>
        write.history.ends.map((end) => ({ i, seq: end.seq, end_time: end.endTime })),
      ),
    ),
    upsertRows(writes),
    forecastRows(writes),
    idempotencyRows(writes),
  ];
  const result = await db.executeQuery<WrittenRow>(CompiledQuery.raw(WRITE_EVENTS, parameters));
  return writes.map((write, i) => {
    const row = result.rows[i];
    if (row === undefined || Number(row.i) !== i) throw new Error('cp event results out of order');
    if (row.ok && Number(row.inserted) !== write.replacements.length) {
      throw new Error(`question ${write.questionId}: forecasts were not inserted`);
    }
    return {
      ok: row.ok,
      version: row.version === null ? null : Number(row.version),
      reservedIds: (row.reserved_ids ?? []).map(Number).sort((a, b) => a - b),
    };
  });
}

export async function writeCpEvent(db: Executor, write: CpEventWrite): Promise<CpEventWritten> {
  const [written] = await writeCpEvents(db, [write]);
  return written as CpEventWritten;
}
