import { describe, expect, it } from 'vitest';
import {
  binaryForecast,
  binaryQuestion,
  forecast,
  multipleChoiceQuestion,
} from '../../../test/helpers/cp-fixtures.ts';
import { aggregateActiveSet } from './aggregate-active-set.ts';

const question = binaryQuestion();
const NULL = Number.NaN;

describe('log_odds_mean (docs/maths.md §15.4)', () => {
  it('averages log-odds: ln(1) and ln(4) → L = ln 2 → P = 1/(1 + 1/2) = 2/3', () => {
    const forecasts = [
      binaryForecast(1, 1, 1000, null, 0.5),
      binaryForecast(2, 2, 1100, null, 0.8),
    ];
    const entry = aggregateActiveSet(question, 'log_odds_mean', forecasts);
    expect(entry?.forecastValues[1]).toBeCloseTo(2 / 3, 15);
    expect(entry?.forecastValues[0]).toBe(1 - (entry?.forecastValues[1] ?? 0));
    expect(entry?.centers).toEqual(entry?.forecastValues);
    // bounds are the raw quartiles (uniform N = 2: 25th = 0.5, 75th = 0.8), means as §4
    expect(entry?.intervalLowerBounds[1]).toBe(0.5);
    expect(entry?.intervalUpperBounds[1]).toBe(0.8);
    expect(entry?.means?.[1]).toBe(0.65);
    expect(entry?.histogram).toBeUndefined();
  });

  it('extremizes with d: d = 2 gives P = 1/(1 + exp(−2 ln 2)) = 1/(1 + 1/4) = 0.8', () => {
    const forecasts = [
      binaryForecast(1, 1, 1000, null, 0.5),
      binaryForecast(2, 2, 1100, null, 0.8),
    ];
    const entry = aggregateActiveSet(question, 'log_odds_mean', forecasts, { extremize: 2 });
    expect(entry?.forecastValues[1]).toBeCloseTo(0.8, 15);
  });

  it('clamps P to [0.001, 0.999]', () => {
    // ln(0.999/0.001) = ln 999; d = 3 → P = 1/(1 + 999^−3) > 0.999
    const high = aggregateActiveSet(
      question,
      'log_odds_mean',
      [binaryForecast(1, 1, 0, null, 0.999)],
      {
        extremize: 3,
      },
    );
    expect(high?.forecastValues).toEqual([1 - 0.999, 0.999]);
    const low = aggregateActiveSet(
      question,
      'log_odds_mean',
      [binaryForecast(1, 1, 0, null, 0.001)],
      {
        extremize: 3,
      },
    );
    expect(low?.forecastValues[1]).toBe(0.001);
  });

  it('uses recency weights for N ≥ 3', () => {
    // weights w = exp(1 − √3), exp(√2 − √3), 1 for p = 0.2, 0.5, 0.8 → L = Σ w·ℓ / Σ w
    const weights = [0.48092170020263214, 0.7277212189012763, 1];
    const logOdds = [Math.log(0.2 / 0.8), Math.log(0.5 / 0.5), Math.log(0.8 / (1 - 0.8))];
    let weighted = 0;
    for (let index = 0; index < 3; index++) weighted += weights[index] * logOdds[index];
    const meanLogOdds = weighted / (0 + weights[0] + weights[1] + weights[2]);
    const entry = aggregateActiveSet(question, 'log_odds_mean', [
      binaryForecast(1, 1, 1000, null, 0.2),
      binaryForecast(2, 2, 1100, null, 0.5),
      binaryForecast(3, 3, 1200, null, 0.8),
    ]);
    expect(entry?.forecastValues[1]).toBe(1 / (1 + Math.exp(-meanLogOdds)));
  });

  it('takes a softmax of mean log probabilities for MC, then the 0.001 squeeze', () => {
    // L = ln 0.5, ln 0.25, ln 0.25 → e = 1, 0.5, 0.5 → q = 0.5, 0.25, 0.25 → q·0.997 + 0.001
    const mc = multipleChoiceQuestion(['A', 'B', 'Other']);
    const entry = aggregateActiveSet(mc, 'log_odds_mean', [
      forecast(1, 1, 1000, null, [0.5, 0.25, 0.25]),
      forecast(2, 2, 1100, null, [0.5, 0.25, 0.25]),
    ]);
    expect(entry?.forecastValues).toEqual([
      0.5 * 0.997 + 0.001,
      0.25 * 0.997 + 0.001,
      0.25 * 0.997 + 0.001,
    ]);
  });

  it('averages each MC option over the forecasts that have it', () => {
    // L_A = (ln 0.6 + ln 0.3)/2, L_B = ln 0.3 (only F2), L_O = (ln 0.4 + ln 0.4)/2
    const mc = multipleChoiceQuestion(['A', 'B', 'Other']);
    const entry = aggregateActiveSet(mc, 'log_odds_mean', [
      forecast(1, 1, 1000, null, [0.6, NULL, 0.4]),
      forecast(2, 2, 1100, null, [0.3, 0.3, 0.4]),
    ]);
    const logs = [
      (Math.log(0.6) + Math.log(0.3)) / 2,
      Math.log(0.3) / 1,
      (Math.log(0.4) + Math.log(0.4)) / 2,
    ];
    const top = Math.max(...logs);
    const exps = logs.map((value) => Math.exp(value - top));
    const total = exps[0] + exps[1] + exps[2];
    const expected = exps.map((value) => (value / total) * (1 - 3 * 0.001) + 0.001);
    entry?.forecastValues.forEach((value, index) => {
      expect(value).toBeCloseTo(expected[index], 15);
    });
  });

  it('rejects a non-positive extremize factor', () => {
    expect(() =>
      aggregateActiveSet(question, 'log_odds_mean', [binaryForecast(1, 1, 0, null, 0.5)], {
        extremize: 0,
      }),
    ).toThrow(RangeError);
  });
});
