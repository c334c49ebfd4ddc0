import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecast, multipleChoiceQuestion } from '../../../test/helpers/cp-fixtures.ts';
import type { CoreForecast } from '../types.ts';
import { aggregateActiveSet } from './aggregate-active-set.ts';

const question = multipleChoiceQuestion(['A', 'B', 'Other']);
const NULL = Number.NaN;

describe('multiple-choice CP (docs/maths.md §5)', () => {
  it('matches E4: medians, renormalisation, rescaled bounds, raw means', () => {
    const entry = aggregateActiveSet(question, 'unweighted', [
      forecast(1, 1, 1000, null, [0.6, 0.3, 0.1]),
      forecast(2, 2, 1100, null, [0.2, 0.5, 0.3]),
      forecast(3, 3, 1200, null, [0.1, 0.2, 0.7]),
    ]);
    // m = [0.2, 0.3, 0.3]; t = m − 0.001; S = 0.7969999999999999; CP = t/S·0.997 + 0.001
    expect(entry?.forecastValues).toEqual([
      0.2499372647427855, 0.3750313676286073, 0.3750313676286073,
    ]);
    expect(entry?.centers).toEqual(entry?.forecastValues);
    // raw 25th percentiles [0.1, 0.2, 0.1] → (r·CP_j)/m_j
    expect(entry?.intervalLowerBounds).toEqual([
      0.12496863237139275, 0.2500209117524049, 0.12501045587620244,
    ]);
    expect(entry?.means).toEqual([0.3, 0.3333333333333333, 0.3666666666666667]);
  });

  it('goes all-null when every median sits at the floor (quirk), keeping the means', () => {
    // every column sorts to 0.001, 0.001, 0.998 → every median is 0.001 → S = 0 → 0/0
    const entry = aggregateActiveSet(question, 'unweighted', [
      forecast(1, 1, 1000, null, [0.998, 0.001, 0.001]),
      forecast(2, 2, 1100, null, [0.001, 0.998, 0.001]),
      forecast(3, 3, 1200, null, [0.001, 0.001, 0.998]),
    ]);
    expect(entry?.forecastValues.every(Number.isNaN)).toBe(true);
    expect(entry?.centers.every(Number.isNaN)).toBe(true);
    expect(entry?.intervalLowerBounds.every(Number.isNaN)).toBe(true);
    expect(entry?.intervalUpperBounds.every(Number.isNaN)).toBe(true);
    expect(entry?.means).toEqual([1 / 3, 1 / 3, 1 / 3].map(() => (0.998 + 0.001 + 0.001) / 3));
  });

  it('handles an option added later: nulls sort last, bounds mask from the first forecast', () => {
    // F1 predates option B. Column B sorts 0.3, 0.5, null (C = 1/3, 2/3, 1):
    // median 0.5, 25th 0.3, 75th null. m = [0.3, 0.5, 0.4], S = 0.299 + 0.499 + 0.399 = 1.197
    const entry = aggregateActiveSet(question, 'unweighted', [
      forecast(1, 1, 1000, null, [0.6, NULL, 0.4]),
      forecast(2, 2, 1100, null, [0.3, 0.3, 0.4]),
      forecast(3, 3, 1200, null, [0.2, 0.5, 0.3]),
    ]);
    const sum = 0.299 + 0.499 + 0.399;
    const cp = [0.299, 0.499, 0.399].map((t) => (t / sum) * (1 - 3 * 0.001) + 0.001);
    expect(entry?.forecastValues).toEqual(cp);
    // the first forecast is null at B, so B's bounds stay raw: 0.3 and null (quirk)
    expect(entry?.intervalLowerBounds[1]).toBe(0.3);
    expect(entry?.intervalUpperBounds[1]).toBeNaN();
    // A and Other are rescaled: lower_A = (0.2·CP_A)/0.3
    expect(entry?.intervalLowerBounds[0]).toBe((0.2 * cp[0]) / 0.3);
    expect(entry?.means?.[1]).toBeNaN();
    expect(entry?.means?.[0]).toBe((0.6 + 0.3 + 0.2) / 3);
  });

  it('leaves an option null when its median is null', () => {
    // N = 2, B known only to the newer forecast: column B = 0.5, null → median 0.5·(0.5 + null)
    const entry = aggregateActiveSet(question, 'unweighted', [
      forecast(1, 1, 1000, null, [0.6, NULL, 0.4]),
      forecast(2, 2, 1100, null, [0.2, 0.5, 0.3]),
    ]);
    expect(entry?.forecastValues[1]).toBeNaN();
    // K = 2: m = [0.4, 0.35], t = [0.399, 0.349], CP_j = t_j/0.748·0.998 + 0.001
    expect(entry?.forecastValues[0]).toBe((0.399 / (0.399 + 0.349)) * (1 - 2 * 0.001) + 0.001);
  });

  // Rows of 4 options (catch-all last); an option may be unavailable (null) to a forecaster.
  const mcForecasts = fc
    .array(
      fc.tuple(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((rows) =>
      rows.map(([weights, isUnavailable], index): CoreForecast => {
        // normalise positive integers into probabilities ≥ 0.001 that sum to 1 within 1e-6
        const available = weights.map((weight, column) => (isUnavailable[column] ? 0 : weight));
        const count = available.filter((weight) => weight > 0).length;
        const total = available.reduce((sum, value) => sum + value, 0);
        const values = available.map((weight) =>
          weight === 0 ? NULL : 0.001 + (weight / total) * (1 - count * 0.001),
        );
        return forecast(index + 1, index + 1, 1000 + index, null, values);
      }),
    );

  it('sums to 1 with every value ≥ 0.001 unless all-null', () => {
    const fourOptions = multipleChoiceQuestion(['A', 'B', 'C', 'Other']);
    fc.assert(
      fc.property(mcForecasts, fc.boolean(), (forecasts, isWeighted) => {
        const entry = aggregateActiveSet(
          fourOptions,
          isWeighted ? 'recency_weighted' : 'unweighted',
          forecasts,
        );
        const values = entry?.forecastValues ?? [];
        if (values.every(Number.isNaN)) return;
        const present = values.filter((value) => !Number.isNaN(value));
        expect(present.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
        for (const value of present) expect(value).toBeGreaterThanOrEqual(0.001 - 1e-15);
      }),
    );
  });
});
