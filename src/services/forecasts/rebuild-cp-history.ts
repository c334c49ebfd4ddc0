// Recomputes a question's stored CP history from its stored forecasts (docs/maths.md §7, every method):
// a repair tool, and the step to run when a question's close time is changed after the fact
// (e.g. a resolution that sets an earlier actual_close_time).
import { buildCpHistory } from '../../core/aggregation/cp-history.ts';
import type { AggregationMethod, HistoryEntry } from '../../core/types.ts';
import {
  type CpEntryValues,
  deleteHistory,
  type HistoryRow,
  insertHistory,
  notifyCpUpdated,
  saveCpState,
  selectCpState,
} from '../../db/repositories/cp-entry-repository.ts';
import { type Executor, listQuestionForecasts } from '../../db/repositories/forecast-repository.ts';
import { SYSTEM_ACTOR } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from '../questions/find-question.ts';
import { CP_METHODS, engineCacheFor, engineQuestion, toCoreForecast } from './cp-engine-cache.ts';
import { SERVER_EXTREMIZE } from './cp-transaction.ts';

export interface RebuildCpHistoryInput {
  questionId: number;
  /** Run inside this transaction (e.g. a resolution's) instead of opening one. */
  transaction?: Executor;
}

/** Returns the number of entries now stored per method. */
export async function rebuildCpHistory(deps: Deps, input: RebuildCpHistoryInput): Promise<number> {
  const cache = engineCacheFor(deps.database);
  const run = async (tx: Executor) => {
    const question = await lockQuestionForActor(tx, input.questionId, SYSTEM_ACTOR);
    const state = await selectCpState(tx, question.id);
    const now = deps.clock.now();
    // Brought up to now: later auto-withdrawals are applied when they come (as for events).
    const until = Math.max(Math.floor(now.getTime() / 1000), state.processedUntil);
    const core = engineQuestion(question);
    const forecasts = (await listQuestionForecasts(tx, question.id)).map((forecast) =>
      toCoreForecast(core, forecast),
    );
    const histories = new Map<AggregationMethod, HistoryEntry[]>();
    for (const method of CP_METHODS) {
      const history = buildCpHistory({ question: core, forecasts }, method, {
        extremize: SERVER_EXTREMIZE,
      }).filter((entry) => entry.startTime <= until);
      const last = history.at(-1);
      if (last && last.endTime !== null && last.endTime > until) last.endTime = null;
      histories.set(method, history);
    }
    await deleteHistory(tx, question.id);
    const reference = histories.get('recency_weighted') ?? [];
    const rows: HistoryRow[] = reference.map((entry, seq) => ({
      seq,
      startTime: entry.startTime,
      endTime: entry.endTime,
      byMethod: CP_METHODS.map((method): [AggregationMethod, CpEntryValues] => [
        method,
        (histories.get(method) as HistoryEntry[])[seq],
      ]),
    }));
    await insertHistory(tx, question.id, rows);
    await saveCpState(tx, question.id, until, now);
    await notifyCpUpdated(tx, `${question.id}:${reference.length - 1}`);
    cache.invalidate(question.id);
    return reference.length;
  };
  try {
    if (input.transaction) return await run(input.transaction);
    return await cache.withQuestionQueue(input.questionId, () =>
      deps.database.db.transaction().execute(run),
    );
  } finally {
    cache.invalidate(input.questionId);
  }
}
