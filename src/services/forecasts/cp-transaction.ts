// The one transaction of every CP event (ARCHITECTURE.md §2 step 3): replay an Idempotency-Key,
// lock the question, run the event, write the CP steps, store a fresh CP state version and the
// idempotent result, and NOTIFY cp_updated (delivered on commit).
//
// Round trips of a forecast with warm engines: BEGIN; one statement locking the question and its
// CP state (and reserving the forecast id); one statement writing everything (the forecast and the
// standing one it replaces, the history rows, the state, the idempotent result, the NOTIFY);
// COMMIT. The event itself only computes: its writes are collected and sent at the end.

import type { AggregationMethod } from '../../core/types.ts';
import {
  type CpEntryRecord,
  type CpState,
  selectLastEntry,
} from '../../db/repositories/cp-entry-repository.ts';
import {
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
import { type CpEngineCache, engineCacheFor, type QuestionEngines } from './cp-engine-cache.ts';
import { CpHistoryPatch, type StepsByMethod } from './cp-history-writer.ts';

/** Extremizing factor d of log_odds_mean on the server (MATH.md §15.4: default 1). */
export const SERVER_EXTREMIZE = 1;

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
  const { transaction } = input;
  if (transaction) return runEvent(deps, cache, transaction, input, event);
  const once = () =>
    cache.withQuestionQueue(input.questionId, () =>
      deps.database.db.transaction().execute((tx) => runEvent(deps, cache, tx, input, event)),
    );
  try {
    return await once();
  } catch (error) {
    // Two requests with one key on different questions race past the lookup; the loser's
    // insert conflicts, and the retry replays (or rejects) against the winner's row.
    if (input.idempotency && isUniqueViolation(error)) return once();
    throw error;
  }
}

async function runEvent(
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
  const { idempotency } = input;
  if (idempotency) {
    const stored = await findIdempotentResult(tx, idempotency.userId, idempotency.key);
    if (stored) {
      if (stored.requestHash !== idempotency.requestHash) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request.',
        );
      }
      return { statusCode: stored.statusCode, body: stored.response };
    }
  }
  const run = new EventRun(deps, cache, tx, question, state);
  const context = run.context(locked.reservedForecastId);
  try {
    const result = await event(context);
    await run.finish(result, idempotency);
    return result;
  } catch (error) {
    // The engines may have moved: drop them (they are rebuilt on demand). Cached engines the
    // event never touched stay valid (they are only used at their version anyway).
    if (run.hasEngines) cache.invalidate(question.id);
    throw error;
  }
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
    deps: Deps,
    private readonly cache: CpEngineCache,
    private readonly tx: Tx,
    private readonly question: QuestionRecord,
    private readonly state: CpState,
  ) {
    this.now = deps.clock.now();
    this.time = Math.max(Math.floor(this.now.getTime() / 1000), state.processedUntil);
  }

  get hasEngines(): boolean {
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
        this.engines ??= await this.cache.acquire(
          this.tx,
          this.question,
          this.state,
          SERVER_EXTREMIZE,
        );
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
        await writeCpEvent(this.tx, this.write(changes, null, null, null));
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

  private write(
    changes: HistoryChanges,
    processedUntil: number | null,
    notifyPayload: string | null,
    idempotency: Parameters<typeof writeCpEvent>[1]['idempotency'],
  ): Parameters<typeof writeCpEvent>[1] {
    return {
      questionId: this.question.id,
      now: this.now,
      replacement: null,
      history: changes,
      processedUntil,
      notifyPayload,
      idempotency,
    };
  }

  /** Writes everything the event left pending, in one statement, and updates the cache. */
  async finish(result: CpEventResult, idempotency: IdempotencyRequest | undefined): Promise<void> {
    const engines = this.engines;
    let processedUntil: number | null = null;
    let notifyPayload: string | null = null;
    if (engines) {
      // The stored state is the engines' instant: a rebuild starts from the forecasts active
      // then, with every earlier expiration already in the history.
      processedUntil = this.state.processedUntil;
      for (const engine of engines.byMethod.values()) {
        processedUntil = Math.max(processedUntil, engine.time ?? 0);
      }
      if (this.patch?.isChanged) {
        notifyPayload = `${this.question.id}:${await this.patch.lastSeq()}`;
      }
    }
    const changes = this.patch?.changes() ?? NO_CHANGES;
    const hasChanges = changes.deletes.length + changes.ends.length + changes.upserts.length > 0;
    if (!engines && !hasChanges && this.replacement === null && !idempotency) return;
    const written = await writeCpEvent(this.tx, {
      ...this.write(
        changes,
        processedUntil,
        notifyPayload,
        idempotency
          ? {
              userId: idempotency.userId,
              key: idempotency.key,
              requestHash: idempotency.requestHash,
              statusCode: result.statusCode,
              response: result.body,
            }
          : null,
      ),
      replacement: this.replacement,
    });
    if (engines) {
      engines.version = written.version as number;
      if (this.patch) engines.tail = this.patch.tail();
      this.cache.store(this.question.id, engines);
    }
  }
}
