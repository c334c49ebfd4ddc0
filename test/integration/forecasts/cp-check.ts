// Test oracle: the stored CP history of a question against docs/maths.md §7's history recomputed from
// the stored forecasts by the core history builder (what `brier aggregate` runs).
import { expect } from 'vitest';
import { buildCpHistory } from '../../../src/core/aggregation/cp-history.ts';
import type { AggregationMethod, HistoryEntry } from '../../../src/core/types.ts';
import { listEntries, selectCpState } from '../../../src/db/repositories/cp-entry-repository.ts';
import { listQuestionForecasts } from '../../../src/db/repositories/forecast-repository.ts';
import { selectQuestion } from '../../../src/db/repositories/question-repository.ts';
import { alignToAllOptions } from '../../../src/domain/forecast-values.ts';
import { toCoreQuestion } from '../../../src/domain/question-core.ts';
import { toCoreForecast } from '../../../src/services/forecasts/cp-engine-cache.ts';
import type { TestApp } from '../../helpers/test-app.ts';

export const METHODS: readonly AggregationMethod[] = [
  'recency_weighted',
  'unweighted',
  'log_odds_mean',
];

export interface ComparableEntry {
  startTime: number;
  endTime: number | null;
  forecasterCount: number;
  forecastValues: Array<number | null>;
  intervalLowerBounds: Array<number | null>;
  centers: Array<number | null>;
  intervalUpperBounds: Array<number | null>;
  means: Array<number | null> | null;
}

const clean = (values: readonly (number | null)[]) =>
  values.map((value) => (value === null || !Number.isFinite(value) ? null : value));

function comparable(entry: HistoryEntry | ComparableEntry, optionCount: number): ComparableEntry {
  const align = (values: readonly (number | null)[]) =>
    optionCount > 0 ? alignToAllOptions(clean(values), optionCount, null) : clean(values);
  return {
    startTime: entry.startTime,
    endTime: entry.endTime,
    forecasterCount: entry.forecasterCount,
    forecastValues: align(entry.forecastValues),
    intervalLowerBounds: align(entry.intervalLowerBounds),
    centers: align(entry.centers),
    intervalUpperBounds: align(entry.intervalUpperBounds),
    means: entry.means === null ? null : align(entry.means),
  };
}

/** The stored history of one method, MC vectors aligned to the current options. */
export async function storedHistory(
  t: TestApp,
  questionId: number,
  method: AggregationMethod,
): Promise<ComparableEntry[]> {
  const db = t.deps.database.db;
  const question = await selectQuestion(db, questionId);
  const optionCount =
    question?.type === 'multiple_choice' ? toCoreQuestion(question).allOptions!.length : 0;
  const entries = await listEntries(db, questionId, method);
  return entries.map((entry) => comparable(entry, optionCount));
}

/**
 * §7 over the stored forecasts, cut at the instant the stored history has been brought up to
 * (auto-withdrawals still in the future are not in the stored history yet).
 */
export async function recomputedHistory(
  t: TestApp,
  questionId: number,
  method: AggregationMethod,
): Promise<ComparableEntry[]> {
  const db = t.deps.database.db;
  const question = await selectQuestion(db, questionId);
  if (!question) throw new Error(`no question ${questionId}`);
  const core = toCoreQuestion(question);
  const forecasts = (await listQuestionForecasts(db, questionId)).map((forecast) =>
    toCoreForecast(core, forecast),
  );
  const { processedUntil } = await selectCpState(db, questionId);
  const optionCount = core.allOptions?.length ?? 0;
  const history = buildCpHistory({ question: core, forecasts }, method)
    .filter((entry) => entry.startTime <= processedUntil)
    .map((entry) => comparable(entry, optionCount));
  const last = history.at(-1);
  if (last && last.endTime !== null && last.endTime > processedUntil) last.endTime = null;
  return history;
}

/** Every method's stored history equals the recomputed one, exactly. */
export async function expectStoredHistoryToMatch(t: TestApp, questionId: number): Promise<void> {
  for (const method of METHODS) {
    const stored = await storedHistory(t, questionId, method);
    const recomputed = await recomputedHistory(t, questionId, method);
    expect(stored, `stored ${method} history of question ${questionId}`).toEqual(recomputed);
  }
}
