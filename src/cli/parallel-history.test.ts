import { describe, expect, it } from 'vitest';
import { binaryQuestion, forecast } from '../../test/helpers/cp-fixtures.ts';
import { buildCpHistory } from '../core/aggregation/cp-history.ts';
import type { CoreForecast } from '../core/types.ts';
import { buildCpHistoryInParallel, planHistorySplit } from './parallel-history.ts';

/** Users updating in turn, some with auto-withdrawals and nulls: 400 forecasts by 40 users. */
function crowd(): CoreForecast[] {
  const forecasts: CoreForecast[] = [];
  const standing = new Map<number, CoreForecast>();
  for (let index = 0; index < 400; index++) {
    const userId = 1 + ((index * 17) % 40);
    const startTime = 900 + 10 * index;
    const previous = standing.get(userId);
    if (previous !== undefined && previous.endTime === null) previous.endTime = startTime;
    const endTime = index % 9 === 0 ? startTime + 35 : null;
    const made = forecast(index + 1, userId, startTime, endTime, [((index * 37) % 997) / 1000]);
    forecasts.push(made);
    standing.set(userId, made);
  }
  return forecasts;
}

describe('buildCpHistoryInParallel', () => {
  const bundle = {
    question: binaryQuestion({ openTime: 1000, actualCloseTime: 4500 }),
    forecasts: crowd(),
  };

  it('splits where the work is balanced, or not at all when a worker does not pay', () => {
    const split = planHistorySplit(bundle, 0) as number;
    expect(split).toBeGreaterThan(1000);
    expect(split).toBeLessThan(4500);
    expect(planHistorySplit(bundle)).toBeNull();
  });

  it('equals buildCpHistory with a worker building the later timesteps', async () => {
    for (const method of ['recency_weighted', 'unweighted', 'log_odds_mean'] as const) {
      const options = { extremize: 1.5 };
      const tuning = { minForecasts: 0, workerStartCost: 0 };
      const parallel = await buildCpHistoryInParallel(bundle, method, options, tuning);
      expect(parallel).toEqual(buildCpHistory(bundle, method, options));
    }
  });

  it('stays on this thread for small bundles', async () => {
    expect(await buildCpHistoryInParallel(bundle, 'recency_weighted')).toEqual(
      buildCpHistory(bundle, 'recency_weighted'),
    );
  });
});
