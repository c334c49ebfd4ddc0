// Live CP updates: one LISTEN cp_updated per process (per open database), fanned out in-process
// to the SSE streams watching each question. NOTIFY carries `<question_id>:<seq>` only; each
// watcher reads the entry and applies the same visibility rules as GET.
import type { AggregationMethod } from '../../core/types.ts';
import type { Database } from '../../db/database.ts';
import {
  type CpEntryRecord,
  selectEntry,
  selectLastEntry,
} from '../../db/repositories/cp-entry-repository.ts';
import { userHasForecast } from '../../db/repositories/forecast-repository.ts';
import { selectQuestion } from '../../db/repositories/question-repository.ts';
import { type Actor, actorUserId } from '../../domain/actor.ts';
import { cpVisibility, needsForecastCheck } from '../../domain/cp-visibility.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { type CpEntryView, cpEntryView } from '../forecasts/forecast-views.ts';

export const CP_UPDATED_CHANNEL = 'cp_updated';

/** One notification, with reads shared by every watcher of the question. */
export interface CpUpdate {
  questionId: number;
  /** Seq of the last history entry after the event; -1 when the history is empty. */
  seq: number;
  question(): Promise<QuestionRecord | undefined>;
  entry(method: AggregationMethod): Promise<CpEntryRecord | undefined>;
}

type Watcher = (update: CpUpdate) => void;

export function parseCpPayload(payload: string): { questionId: number; seq: number } | null {
  const match = /^(\d{1,15}):(-1|\d{1,9})$/.exec(payload);
  return match ? { questionId: Number(match[1]), seq: Number(match[2]) } : null;
}

export class CpUpdateHub {
  private readonly watchers = new Map<number, Set<Watcher>>();
  private readonly anyListeners = new Set<(questionId: number | null) => void>();
  private listening: Promise<() => Promise<void>> | null = null;

  constructor(private readonly deps: Pick<Deps, 'database' | 'logger'>) {}

  /** Starts watching a question; resolves once LISTEN is active. Returns the unsubscriber. */
  async watch(questionId: number, watcher: Watcher): Promise<() => void> {
    let set = this.watchers.get(questionId);
    if (!set) {
      set = new Set();
      this.watchers.set(questionId, set);
    }
    set.add(watcher);
    try {
      await this.ensureListening();
    } catch (error) {
      set.delete(watcher);
      throw error;
    }
    return () => {
      const current = this.watchers.get(questionId);
      current?.delete(watcher);
      if (current && current.size === 0) this.watchers.delete(questionId);
    };
  }

  /**
   * Calls `listener` with the question id of every CP change (null when notifications may have
   * been missed: the listening connection was lost and is back); resolves once LISTEN is active.
   * Returns the unsubscriber.
   */
  async onAnyUpdate(listener: (questionId: number | null) => void): Promise<() => void> {
    this.anyListeners.add(listener);
    try {
      await this.ensureListening();
    } catch (error) {
      this.anyListeners.delete(listener);
      throw error;
    }
    return () => {
      this.anyListeners.delete(listener);
    };
  }

  get watcherCount(): number {
    let count = 0;
    for (const set of this.watchers.values()) count += set.size;
    return count;
  }

  private ensureListening(): Promise<() => Promise<void>> {
    this.listening ??= this.deps.database
      .listen(CP_UPDATED_CHANNEL, (payload) => this.dispatch(payload), {
        onReconnect: () => this.tellAny(null),
      })
      .catch((error: unknown) => {
        this.listening = null;
        throw error;
      });
    return this.listening;
  }

  private dispatch(payload: string): void {
    const parsed = parseCpPayload(payload);
    if (!parsed) {
      this.deps.logger.warn({ payload }, 'ignoring a malformed cp_updated notification');
      return;
    }
    this.tellAny(parsed.questionId);
    const set = this.watchers.get(parsed.questionId);
    if (!set || set.size === 0) return;
    const db = this.deps.database.db;
    let question: Promise<QuestionRecord | undefined> | null = null;
    const entries = new Map<AggregationMethod, Promise<CpEntryRecord | undefined>>();
    const update: CpUpdate = {
      ...parsed,
      question() {
        question ??= selectQuestion(db, parsed.questionId);
        return question;
      },
      entry(method) {
        let entry = entries.get(method);
        if (!entry) {
          entry =
            parsed.seq < 0
              ? Promise.resolve(undefined)
              : selectEntry(db, parsed.questionId, method, parsed.seq);
          entries.set(method, entry);
        }
        return entry;
      },
    };
    for (const watcher of [...set]) {
      try {
        watcher(update);
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'a CP watcher failed');
      }
    }
  }

  private tellAny(questionId: number | null): void {
    for (const listener of this.anyListeners) {
      try {
        listener(questionId);
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'a CP listener failed');
      }
    }
  }

  /** Stops listening (the app is closing); watchers are expected to be gone. */
  async close(): Promise<void> {
    const listening = this.listening;
    this.listening = null;
    this.watchers.clear();
    this.anyListeners.clear();
    if (listening) {
      const unlisten = await listening.catch(() => null);
      await unlisten?.().catch(() => undefined);
    }
  }
}

const hubs = new WeakMap<Database, CpUpdateHub>();

export function cpUpdateHub(deps: Pick<Deps, 'database' | 'logger'>): CpUpdateHub {
  let hub = hubs.get(deps.database);
  if (!hub) {
    hub = new CpUpdateHub(deps);
    hubs.set(deps.database, hub);
  }
  return hub;
}

/** What an SSE `cp` event carries. `entry` is null when hidden or when no history exists. */
export interface CpEventPayload {
  question_id: number;
  seq: number;
  method: AggregationMethod;
  hidden: boolean;
  entry: CpEntryView | null;
}

export interface WatchCpInput {
  actor: Actor | null;
  question: QuestionRecord;
  method: AggregationMethod;
  /**
   * The last seq the client saw (SSE `Last-Event-ID`, sent when a browser reconnects): when the
   * history has moved on since, the current state is sent at once, so nothing is missed.
   */
  sinceSeq?: number;
}

/**
 * Calls `send` with each CP change of the question as this actor may see it: before the reveal
 * (or, on forecast-first questions, before the actor forecasts) entries are withheld.
 */
export async function watchQuestionCp(
  deps: Deps,
  input: WatchCpInput,
  send: (payload: CpEventPayload) => void,
): Promise<() => void> {
  const { actor, method } = input;
  const userId = actorUserId(actor);
  let hasForecast = false;
  let queue: Promise<void> = Promise.resolve();
  const handle = async (update: CpUpdate) => {
    const question = (await update.question()) ?? input.question;
    if (!hasForecast && needsForecastCheck(question, actor)) {
      hasForecast = await userHasForecast(deps.database.db, question.id, userId as number);
    }
    const isVisible = cpVisibility(question, actor, deps.clock.now(), hasForecast).ok;
    const entry = isVisible ? await update.entry(method) : undefined;
    send({
      question_id: question.id,
      seq: update.seq,
      method,
      hidden: !isVisible,
      entry: entry ? cpEntryView(question, entry) : null,
    });
  };
  const enqueue = (update: CpUpdate) => {
    // One event at a time per stream, in notification order.
    queue = queue
      .then(() => handle(update))
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'CP event not sent'));
  };
  const unwatch = await cpUpdateHub(deps).watch(input.question.id, enqueue);
  if (input.sinceSeq !== undefined) {
    const last = await selectLastEntry(deps.database.db, input.question.id, method);
    if (last && last.seq !== input.sinceSeq) {
      enqueue({
        questionId: input.question.id,
        seq: last.seq,
        question: () => selectQuestion(deps.database.db, input.question.id),
        entry: async () => last,
      });
    }
  }
  return unwatch;
}
