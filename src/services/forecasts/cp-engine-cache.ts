// In-memory incremental CP engines per question, and a per-question queue for CP transactions.
// Never authoritative: a cached state is used only when its version equals the stored
// `cp_states.version` (read under the question's row lock, or checked by the optimistic
// event's write) and the question's shape is the same; otherwise it is rebuilt from the stored
// forecasts (another instance wrote, a restart, an option was added, the question closed).
// An event takes the engines out of the cache and puts them back when done with them (a locked
// event once written, an optimistic one once it has run: its write follows through the engines'
// write chain), so two events never share (and move) one engine.

import { IncrementalCpGroup } from '../../core/aggregation/incremental-cp-group.ts';
import type { AggregationMethod, CoreForecast, CoreQuestion } from '../../core/types.ts';
import { perDatabase } from '../../db/per-database.ts';
import type { CpState } from '../../db/repositories/cp-entry-repository.ts';
import {
  type Executor,
  type ForecastRecord,
  listForecastsForEngineState,
} from '../../db/repositories/forecast-repository.ts';
import { alignToAllOptions } from '../../domain/forecast-values.ts';
import { toCoreQuestion } from '../../domain/question-core.ts';
import { isContinuousType, type QuestionRecord } from '../../domain/question-record.ts';
import type { KnownTail } from './cp-history-writer.ts';
import type { CpWriteChain } from './cp-write-chain.ts';

/** Methods stored in `cp_entries` for every question. */
export const CP_METHODS: readonly AggregationMethod[] = [
  'recency_weighted',
  'unweighted',
  'log_odds_mean',
];

/** Questions whose engines stay cached; the least recently used one is dropped beyond it. */
const MAX_CACHED_QUESTIONS = 200;

export interface QuestionEngines {
  signature: string;
  version: number;
  /**
   * One engine group for every stored method (one active set, shared statistics); continuous
   * questions leave out log_odds_mean, which stores the recency-weighted entries (§15.4).
   */
  group: IncrementalCpGroup;
  /**
   * The stored history's last entries at `version`, as the last event left them (null: read
   * them from the database when needed). Valid exactly when the engines are.
   */
  tail: KnownTail | null;
  /** What an optimistic event needs (cp-transaction.ts); null until a committed event sets it. */
  snapshot: OptimisticSnapshot | null;
  /**
   * The optimistic writes of events that ran on these engines (cp-write-chain.ts); null until
   * a committed event starts one. While it has writes on their way, the engines are ahead of
   * the stored state.
   */
  chain: CpWriteChain | null;
  /**
   * Ids taken from the forecasts' sequence under the question's lock, ascending, for the next
   * new forecasts of optimistic events.
   */
  idPool: number[];
}

/** The state a committed event left, for the next event to run without reading first. */
export interface OptimisticSnapshot {
  /** The question as that event read it (under its lock). */
  question: QuestionRecord;
  /** The question row's xmin then: the next event's write checks it is unchanged. */
  questionXmin: string;
  processedUntil: number;
}

/**
 * The question as the engines see it. Until the question closes, its close is taken to be
 * scheduled_close_time: the question cannot close later than that (the close job sets
 * actual_close_time = scheduled_close_time; an early close is earlier and rebuilds the
 * engines), so end times after it are never timesteps (docs/maths.md §7 step 2).
 */
export function engineQuestion(question: QuestionRecord): CoreQuestion {
  const core = toCoreQuestion(question);
  return {
    ...core,
    actualCloseTime: core.actualCloseTime ?? core.scheduledCloseTime,
    resolution: undefined,
    spotScoringTime: undefined,
  };
}

/** A stored forecast as the maths sees it (MC vectors aligned to the current options). */
export function toCoreForecast(question: CoreQuestion, forecast: ForecastRecord): CoreForecast {
  let values: number[];
  if (question.type === 'binary') {
    values = [forecast.probabilityYes as number];
  } else if (question.type === 'multiple_choice') {
    const optionCount = question.allOptions?.length ?? 0;
    values = alignToAllOptions(forecast.probabilityYesPerCategory ?? [], optionCount, null).map(
      (value) => (value === null ? Number.NaN : value),
    );
  } else {
    values = forecast.continuousCdf ?? [];
  }
  return {
    id: forecast.id,
    userId: forecast.userId,
    startTime: forecast.startTime,
    endTime: forecast.endTime,
    values,
  };
}

function signatureOf(question: CoreQuestion): string {
  return JSON.stringify(question);
}

export class CpEngineCache {
  private readonly entries = new Map<number, QuestionEngines>();
  private readonly queues = new Map<number, Promise<unknown>>();

  /**
   * Runs `task` after every earlier task of the same question in this process has finished,
   * so the cached engines are touched by one transaction at a time. (Instances still
   * serialise on the question's row lock; this only keeps the cache coherent.)
   */
  async withQuestionQueue<T>(questionId: number, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(questionId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(questionId, settled);
    try {
      return await run;
    } finally {
      if (this.queues.get(questionId) === settled) this.queues.delete(questionId);
    }
  }

  /**
   * Takes the question's engines at `state` out of the cache when current, else rebuilds
   * them; `store` puts them back after the event commits.
   */
  async acquire(
    db: Executor,
    question: QuestionRecord,
    state: CpState,
    extremize: number,
  ): Promise<QuestionEngines> {
    const core = engineQuestion(question);
    const signature = signatureOf(core);
    const cached = this.take(question.id);
    // Engines with optimistic writes still on their way are ahead of what this event read.
    const isCommitted = cached?.chain == null || (cached.chain.isSettled && !cached.chain.isBroken);
    if (
      cached &&
      isCommitted &&
      cached.version === state.version &&
      cached.signature === signature
    ) {
      return cached;
    }
    const time = state.processedUntil;
    const stored = time > 0 ? await listForecastsForEngineState(db, question.id, time) : [];
    const forecasts = stored.map((forecast) => toCoreForecast(core, forecast));
    const options = { extremize, time: time > 0 ? time : undefined };
    const methods = CP_METHODS.filter(
      (method) => !(method === 'log_odds_mean' && isContinuousType(core.type)),
    );
    const group = IncrementalCpGroup.fromForecasts(core, methods, forecasts, options);
    return {
      signature,
      version: state.version,
      group,
      tail: null,
      snapshot: null,
      chain: null,
      idPool: [],
    };
  }

  /** Removes and returns the question's cached engines (the caller owns them until `store`). */
  take(questionId: number): QuestionEngines | undefined {
    const cached = this.entries.get(questionId);
    if (cached) this.entries.delete(questionId);
    return cached;
  }

  /** Caches engines (most recently used last; the least recently used beyond the bound go). */
  store(questionId: number, engines: QuestionEngines): void {
    this.entries.delete(questionId);
    this.entries.set(questionId, engines);
    while (this.entries.size > MAX_CACHED_QUESTIONS) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
  }

  invalidate(questionId: number): void {
    this.entries.delete(questionId);
  }

  /** Drops the question's cached engines if they are `engines` (and not newer ones). */
  invalidateIf(questionId: number, engines: QuestionEngines): void {
    if (this.entries.get(questionId) === engines) this.entries.delete(questionId);
  }
}

/** One cache per open database (per process in production; per app instance in tests). */
export const engineCacheFor = perDatabase(() => new CpEngineCache());
