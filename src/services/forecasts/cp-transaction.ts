// The one transaction of every CP event (docs/architecture.md §2 step 3): replay an Idempotency-Key,
// lock the question, run the event, write the CP steps, store a fresh CP state version and the
// idempotent result, and NOTIFY cp_updated (delivered on commit).
//
// The event itself only computes; its writes are collected and sent at the end in one statement
// (cp-event-repository.ts). Two ways to run it:
// * locked: BEGIN; lock the question and its CP state (one statement); the event; the writes;
//   COMMIT. Always correct; used when the process has no committed state of the question yet,
//   for events that must read (withdraw, reaffirm, expirations, end_time jobs) and as the
//   fallback of the optimistic way.
// * optimistic (`optimistic: true`, new forecasts): when the engine cache holds the state a
//   committed event of this process left, the event runs on it without reading, and its writes
//   go out as one autocommitted statement that locks the question and its state and writes only
//   if neither changed since (question row xmin, state version). The engines go back to the
//   cache as soon as the event has run, so the question's next event runs while this one's
//   statement is on its way; the events that run meanwhile share the next statement
//   (cp-write-chain.ts). Any other outcome — a changed row, an error, a step that needs to read
//   the history — drops the engines and runs the event again the locked way, so the answer is
//   always the one the locked way gives, and it is only given once the write has committed.

import type { AggregationMethod } from '../../core/types.ts';
import { isDatabaseReportedError } from '../../db/database.ts';
import { perDatabase } from '../../db/per-database.ts';
import {
  type CpEntryRecord,
  type CpState,
  selectLastEntry,
} from '../../db/repositories/cp-entry-repository.ts';
import {
  type CpEventWrite,
  type CpEventWritten,
  type ForecastReplacement,
  type HistoryChanges,
  lockQuestionForCpEvent,
  writeCpEvent,
} from '../../db/repositories/cp-event-repository.ts';
import type { Executor } from '../../db/repositories/forecast-repository.ts';
import { findIdempotentResult } from '../../db/repositories/idempotency-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { canViewQuestion } from '../../domain/question-permissions.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { questionNotFound } from '../questions/question-events.ts';
import {
  type CpEngineCache,
  engineCacheFor,
  type OptimisticSnapshot,
  type QuestionEngines,
} from './cp-engine-cache.ts';
import { CpHistoryPatch, type StepsByMethod } from './cp-history-writer.ts';
import { cpWriteBatcherFor } from './cp-write-batcher.ts';
import { CpWriteChain } from './cp-write-chain.ts';

/** Extremizing factor d of log_odds_mean on the server (docs/maths.md §15.4: default 1). */
export const SERVER_EXTREMIZE = 1;

/** How CP events ran since start, for /metrics: optimistic, locked, or locked after trying. */
export interface CpEventStats {
  optimistic: number;
  locked: number;
  fallback: number;
}

export const cpEventStatsFor = perDatabase(
  (): CpEventStats => ({ optimistic: 0, locked: 0, fallback: 0 }),
);

/**
 * Forecast ids kept reserved for a question's optimistic events (each write statement tops the
 * pool up): enough for the events that run while one statement is on its way.
 */
const ID_POOL_TARGET = 32;

type Tx = Executor;

export interface IdempotencyRequest {
  userId: number;
  key: string;
  /** sha-256 of the operation and its canonical input: same key + other request → 422. */
  requestHash: string;
}

export interface CpEventResult {
  statusCode: number;
  body: Record<string, unknown>;
}

export interface CpEventContext {
  /**
   * The event's transaction, for statements of its own (e.g. enqueueing a job). Events that
   * may run optimistically must not use it: there it refuses every statement.
   */
  tx: Tx;
  question: QuestionRecord;
  now: Date;
  /**
   * The event's instant in whole seconds: the clock, but never before an instant already
   * applied (instances' clocks may differ slightly; the history must not go backwards).
   */
  time: number;
  /** The id reserved for the event's new forecast (`reserveForecastId`), else null. */
  reservedForecastId: number | null;
  /**
   * The question's engines at the stored state (loaded on first use). Call it before writing
   * forecasts: a rebuild reads the stored forecasts through this transaction.
   */
  engines(): Promise<QuestionEngines>;
  /** Applies one event's steps to the stored history (written when the event returns). */
  writeSteps(steps: StepsByMethod): Promise<void>;
  /**
   * Ends (or, started this second, deletes) the user's standing forecast at `startTime` and
   * inserts `forecast` (with the reserved id), when the event returns.
   */
  replaceForecast(forecast: ForecastReplacement): void;
  /** The stored history's current entry of `method` after the steps written so far. */
  currentEntry(method?: AggregationMethod): Promise<CpEntryRecord | null>;
}

export interface CpTransactionInput {
  questionId: number;
  /** Whose visibility the question lock checks (404 when hidden). */
  actor: Actor | null;
  idempotency?: IdempotencyRequest;
  /** Take an id for a new forecast from the sequence once the question is locked. */
  reserveForecastId?: boolean;
  /**
   * Try the optimistic way first (see the top of this file). Only for events that issue no
   * statements of their own and reserve a forecast id.
   */
  optimistic?: boolean;
  /**
   * Run inside this transaction instead of opening one (a job's claiming transaction; its
   * commit is the caller's). The per-question queue is skipped: on PGlite a queued request
   * may be waiting for the connection this transaction holds.
   */
  transaction?: Tx;
}

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

/** Thrown inside an optimistic event that would need the database: run it the locked way. */
class NeedsTransaction extends Error {}

/** The optimistic event's `tx`: any statement through it is a bug (and is refused). */
const NO_STATEMENTS = new Proxy(
  {},
  {
    get() {
      throw new NeedsTransaction('an optimistic CP event cannot run statements of its own');
    },
  },
) as Tx;

/**
 * Runs `event` in one transaction. A retried request with a stored result returns that result
 * (nothing is written); the same key with a different request is IDEMPOTENCY_KEY_REUSED.
 */
export async function runCpTransaction(
  deps: Deps,
  input: CpTransactionInput,
  event: (context: CpEventContext) => Promise<CpEventResult>,
): Promise<CpEventResult> {
  const cache = engineCacheFor(deps.database);
  const stats = cpEventStatsFor(deps.database);
  const { transaction } = input;
  if (transaction) {
    stats.locked++;
    return runLocked(deps, cache, transaction, input, event);
  }
  const locked = () =>
    cache.withQuestionQueue(input.questionId, () =>
      deps.database.db.transaction().execute((tx) => runLocked(deps, cache, tx, input, event)),
    );
  const once = async (): Promise<CpEventResult> => {
    if (input.optimistic) {
      // The queue is held while the event runs, not while its write is on its way.
      const started = await cache.withQuestionQueue(input.questionId, () =>
        startOptimistic(deps, cache, input, event),
      );
      const result = started === undefined ? undefined : await started.committed;
      if (result !== undefined) {
        stats.optimistic++;
        return result;
      }
      stats.fallback++;
    } else {
      stats.locked++;
    }
    return locked();
  };
  try {
    return await once();
  } catch (error) {
    // Two requests with one key on different questions race past the lookup; the loser's
    // insert conflicts, and the retry replays (or rejects) against the winner's row.
    if (input.idempotency && isUniqueViolation(error)) return once();
    throw error;
  }
}

/** A stored result for the request's key, or undefined; throws when the key was reused. */
async function replay(
  db: Executor,
  idempotency: IdempotencyRequest | undefined,
): Promise<CpEventResult | undefined> {
  if (!idempotency) return undefined;
  const stored = await findIdempotentResult(db, idempotency.userId, idempotency.key);
  if (!stored) return undefined;
  if (stored.requestHash !== idempotency.requestHash) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request.',
    );
  }
  return { statusCode: stored.statusCode, body: stored.response };
}

async function runLocked(
  deps: Deps,
  cache: CpEngineCache,
  tx: Tx,
  input: CpTransactionInput,
  event: (context: CpEventContext) => Promise<CpEventResult>,
): Promise<CpEventResult> {
  const locked = await lockQuestionForCpEvent(tx, input.questionId, {
    reserveForecastId: input.reserveForecastId === true,
  });
  if (!locked || !canViewQuestion(locked.question, input.actor)) {
    throw questionNotFound(input.questionId);
  }
  const { question, state } = locked;
  const replayed = await replay(tx, input.idempotency);
  if (replayed) return replayed;
  // The engines are the event's own (taken from the cache or rebuilt): if it fails they are
  // simply dropped, and the next event rebuilds them.
  const run = new EventRun(deps, cache, tx, question, state, null);
  const result = await event(run.context(locked.reservedForecastId));
  await run.finishLocked(result, input.idempotency, locked.questionXmin);
  return result;
}

/** An optimistic event that has run; `committed` is its answer once written (or undefined). */
interface StartedEvent {
  committed: Promise<CpEventResult | undefined>;
}

/**
 * Runs the event the optimistic way and hands its write to the question's chain, or returns
 * undefined when the event must run the locked way (nothing of it was written then).
 */
async function startOptimistic(
  deps: Deps,
  cache: CpEngineCache,
  input: CpTransactionInput,
  event: (context: CpEventContext) => Promise<CpEventResult>,
): Promise<StartedEvent | undefined> {
  const engines = await takeOptimisticEngines(cache, input.questionId);
  if (!engines) return undefined;
  const snapshot = engines.snapshot as OptimisticSnapshot;
  const { question } = snapshot;
  if (!canViewQuestion(question, input.actor)) {
    cache.store(input.questionId, engines);
    return undefined;
  }
  const replayed = await replay(deps.database.db, input.idempotency);
  if (replayed) {
    cache.store(input.questionId, engines);
    return { committed: Promise.resolve(replayed) };
  }
  const state: CpState = { version: engines.version, processedUntil: snapshot.processedUntil };
  const run = new EventRun(deps, cache, NO_STATEMENTS, question, state, engines);
  let result: CpEventResult;
  let submitted: { written: Promise<CpEventWritten> };
  try {
    result = await event(run.context(engines.idPool[0] ?? null));
    submitted = await run.submitOptimistic(result, input.idempotency, snapshot);
  } catch {
    // The cached question may be out of date: let the locked way decide, with the engines
    // back in the cache if the event never moved them.
    if (!run.hasMovedEngines) cache.store(input.questionId, engines);
    return undefined;
  }
  return {
    committed: submitted.written.then(
      (written) => (written.ok ? result : undefined),
      (error: unknown) => {
        // A failed statement wrote nothing (it autocommits): run the event the locked way,
        // which reports the error if it is this event's own.
        if (isDatabaseReportedError(error)) return undefined;
        throw error;
      },
    ),
  };
}

/**
 * The question's cached engines if an optimistic event can run on them: a committed event left
 * them, their chain is sound and they hold a reserved id (when the pool ran dry, after the
 * statement on its way, which reserves more).
 */
async function takeOptimisticEngines(
  cache: CpEngineCache,
  questionId: number,
): Promise<QuestionEngines | undefined> {
  let engines = cache.take(questionId);
  const chain = engines?.chain;
  if (engines && chain && engines.idPool.length === 0 && !chain.isSettled) {
    cache.store(questionId, engines);
    await chain.nextSettlement();
    engines = cache.take(questionId);
  }
  if (!engines || engines.chain?.isBroken) return undefined;
  if (!engines.snapshot || !engines.chain || engines.idPool.length === 0) {
    cache.store(questionId, engines);
    return undefined;
  }
  return engines;
}

const NO_CHANGES: HistoryChanges = { deletes: [], ends: [], upserts: [] };

/** The state of one event while it runs: its engines, history patch and pending forecast. */
class EventRun {
  readonly now: Date;
  readonly time: number;
  private engines: QuestionEngines | null = null;
  private patch: CpHistoryPatch | null = null;
  private replacement: ForecastReplacement | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly cache: CpEngineCache,
    /** The event's transaction (NO_STATEMENTS for optimistic events). */
    private readonly tx: Tx,
    private readonly question: QuestionRecord,
    private readonly state: CpState,
    /** Engines already taken from the cache (optimistic events). */
    private readonly taken: QuestionEngines | null,
  ) {
    this.now = deps.clock.now();
    this.time = Math.max(Math.floor(this.now.getTime() / 1000), state.processedUntil);
  }

  private get isOptimistic(): boolean {
    return this.taken !== null;
  }

  /** Whether the event asked for the engines (and so may have moved them). */
  get hasMovedEngines(): boolean {
    return this.engines !== null;
  }

  context(reservedForecastId: number | null): CpEventContext {
    return {
      tx: this.tx,
      question: this.question,
      now: this.now,
      time: this.time,
      reservedForecastId,
      engines: async () => {
        this.engines ??=
          this.taken ??
          (await this.cache.acquire(this.tx, this.question, this.state, SERVER_EXTREMIZE));
        return this.engines;
      },
      writeSteps: async (steps) => (await this.historyPatch()).apply(steps),
      replaceForecast: (forecast) => {
        if (this.replacement !== null) throw new RangeError('one new forecast per event');
        if (forecast.id !== reservedForecastId) {
          throw new RangeError('a new forecast must use the id reserved for the event');
        }
        this.replacement = forecast;
      },
      currentEntry: (method = 'recency_weighted') => this.currentEntry(method),
    };
  }

  private async historyPatch(): Promise<CpHistoryPatch> {
    if (this.patch === null) {
      const tail = this.engines?.tail ?? (await CpHistoryPatch.readTail(this.tx, this.question.id));
      this.patch = new CpHistoryPatch(this.tx, this.question.id, tail, async (changes) => {
        // Only the locked way may write before the end (then read what it wrote).
        if (this.isOptimistic) throw new NeedsTransaction('the history needs reading');
        await writeCpEvent(this.tx, this.historyOnlyWrite(changes));
      });
    }
    return this.patch;
  }

  private async currentEntry(method: AggregationMethod): Promise<CpEntryRecord | null> {
    const patch = this.patch;
    const known = patch?.currentEntry(method);
    if (known !== undefined) return known.record;
    // Not in the model (e.g. a retraction re-opened an older entry): read it once written.
    await patch?.flush();
    const last = await selectLastEntry(this.tx, this.question.id, method);
    return last && last.endTime === null ? last : null;
  }

  /** History changes written before the end of a locked event (its forecast goes at the end). */
  private historyOnlyWrite(changes: HistoryChanges): CpEventWrite {
    return {
      questionId: this.question.id,
      now: this.now,
      guard: null,
      replacements: [],
      history: changes,
      processedUntil: null,
      notifyPayload: null,
      idempotency: [],
      reserveIds: 0,
    };
  }

  /** Everything the event left pending, as one write (null: nothing to write). */
  private async pendingWrite(
    result: CpEventResult,
    idempotency: IdempotencyRequest | undefined,
    guard: CpEventWrite['guard'],
  ): Promise<CpEventWrite | null> {
    const engines = this.engines;
    let processedUntil: number | null = null;
    let notifyPayload: string | null = null;
    if (engines) {
      // The stored state is the engines' instant: a rebuild starts from the forecasts active
      // then, with every earlier expiration already in the history.
      processedUntil = Math.max(this.state.processedUntil, engines.group.time ?? 0);
      if (this.patch?.isChanged) {
        notifyPayload = `${this.question.id}:${await this.patch.lastSeq()}`;
      }
    }
    const changes = this.patch?.changes() ?? NO_CHANGES;
    const hasChanges = changes.deletes.length + changes.ends.length + changes.upserts.length > 0;
    if (!engines && !hasChanges && this.replacement === null && !idempotency && !guard) {
      return null;
    }
    const stored = idempotency
      ? [
          {
            userId: idempotency.userId,
            key: idempotency.key,
            requestHash: idempotency.requestHash,
            statusCode: result.statusCode,
            response: result.body,
          },
        ]
      : [];
    return {
      questionId: this.question.id,
      now: this.now,
      guard,
      replacements: this.replacement === null ? [] : [this.replacement],
      history: changes,
      processedUntil,
      notifyPayload,
      idempotency: stored,
      reserveIds: ID_POOL_TARGET,
    };
  }

  /**
   * The locked way: writes everything the event left pending in the transaction and puts the
   * engines back in the cache at the state written, with a fresh chain and id pool for the
   * optimistic events after it.
   */
  async finishLocked(
    result: CpEventResult,
    idempotency: IdempotencyRequest | undefined,
    questionXmin: string | null,
  ): Promise<void> {
    const write = await this.pendingWrite(result, idempotency, null);
    if (write === null) return;
    const written = await writeCpEvent(this.tx, write);
    const engines = this.engines;
    if (!engines || written.version === null) return;
    engines.version = written.version;
    if (this.patch) engines.tail = this.patch.tail();
    engines.idPool = written.reservedIds;
    engines.snapshot =
      questionXmin !== null && write.processedUntil !== null
        ? { question: this.question, questionXmin, processedUntil: write.processedUntil }
        : null;
    engines.chain = this.newChain(engines, written.version);
    this.cache.store(this.question.id, engines);
  }

  private newChain(engines: QuestionEngines, version: number): CpWriteChain {
    const batcher = cpWriteBatcherFor(this.deps.database);
    const questionId = this.question.id;
    return new CpWriteChain(version, {
      send: (write) => batcher.submit(write),
      idsToReserve: () => Math.max(0, ID_POOL_TARGET - engines.idPool.length),
      committed: (written) => {
        engines.version = written.version as number;
        engines.idPool.push(...written.reservedIds);
      },
      broken: () => this.cache.invalidateIf(questionId, engines),
    });
  }

  /**
   * The optimistic way: hands the event's write to the question's chain and puts the engines,
   * now ahead of the stored state, back in the cache for the next event. `written` settles
   * once the write is committed or known not to be.
   */
  async submitOptimistic(
    result: CpEventResult,
    idempotency: IdempotencyRequest | undefined,
    snapshot: OptimisticSnapshot,
  ): Promise<{ written: Promise<CpEventWritten> }> {
    const engines = this.taken as QuestionEngines;
    const chain = engines.chain as CpWriteChain;
    // The chain sends it guarded by the version its previous statement committed.
    const guard = { questionXmin: snapshot.questionXmin, version: engines.version };
    const write = (await this.pendingWrite(result, idempotency, guard)) as CpEventWrite;
    if (this.replacement !== null) engines.idPool.shift();
    if (this.patch) engines.tail = this.patch.tail();
    engines.snapshot = {
      ...snapshot,
      processedUntil: write.processedUntil ?? snapshot.processedUntil,
    };
    const written = chain.submit(write);
    this.cache.store(this.question.id, engines);
    return { written };
  }
}
