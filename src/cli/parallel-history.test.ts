import { describe, expect, it } from 'vitest';
import {
  binaryQuestion,
  forecast,
  multipleChoiceQuestion,
} from '../../test/helpers/cp-fixtures.ts';
import { buildCpHistory } from '../core/aggregation/cp-history.ts';
import type { CoreForecast } from '../core/types.ts';
import { buildCpHistoryInParallel, planHistorySplit } from './parallel-history.ts';

/** Users updating in turn, some with auto-withdrawals: 400 forecasts by 40 users. */
function crowd(valuesAt: (index: number) => number[]): CoreForecast[] {
  const forecasts: CoreForecast[] = [];
  const standing = new Map<number, CoreForecast>();
  for (let index = 0; index < 400; index++) {
    const userId = 1 + ((index * 17) % 40);
    const startTime = 900 + 10 * index;
    const previous = standing.get(userId);
    if (previous !== undefined && previous.endTime === null) previous.endTime = startTime;
    const endTime = index % 9 === 0 ? startTime + 35 : null;
    const made = forecast(index + 1, userId, startTime, endTime, valuesAt(index));
    forecasts.push(made);
    standing.set(userId, made);
  }
  return forecasts;
}

const binaryBundle = {
  question: binaryQuestion({ openTime: 1000, actualCloseTime: 4500 }),
  forecasts: crowd((index) => [((index * 37) % 997) / 1000]),
};
/** MC shares with nulls (NaN), which the worker receives packed in a Float64Array. */
const multipleChoiceBundle = {
  question: multipleChoiceQuestion(['A', 'B', 'Other'], { openTime: 1000 }),
  forecasts: crowd((index) =>
    index % 5 === 0 ? [Number.NaN, 0.4, 0.6] : [0.2, ((index * 7) % 50) / 100, 0.3],
  ),
};
const forced = { minForecasts: 0, workerStartCost: 0, maxLoad: Number.POSITIVE_INFINITY };

describe('buildCpHistoryInParallel', () => {
  it('splits where the work is balanced, or not at all when a worker does not pay', () => {
    const split = planHistorySplit(binaryBundle, 0) as number;
    expect(split).toBeGreaterThan(1000);
    expect(split).toBeLessThan(4500);
    expect(planHistorySplit(binaryBundle)).toBeNull();
  });

  it('equals buildCpHistory with a worker building the later timesteps', async () => {
    for (const method of ['recency_weighted', 'unweighted', 'log_odds_mean'] as const) {
      const options = { extremize: 1.5 };
      const parallel = await buildCpHistoryInParallel(binaryBundle, method, options, forced);
      expect(parallel).toEqual(buildCpHistory(binaryBundle, method, options));
    }
    const parallel = await buildCpHistoryInParallel(
      multipleChoiceBundle,
      'recency_weighted',
      {},
      forced,
    );
    expect(parallel).toEqual(buildCpHistory(multipleChoiceBundle, 'recency_weighted'));
  });

  it('stays on this thread for small bundles', async () => {
    expect(await buildCpHistoryInParallel(binaryBundle, 'recency_weighted')).toEqual(
      buildCpHistory(binaryBundle, 'recency_weighted'),
    );
  });
});
