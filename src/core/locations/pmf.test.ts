import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregateEntry, CoreQuestion } from '../types.ts';
import {
  availableOutcomeCount,
  binaryPmf,
  cdfToPmf,
  cpEntryPmf,
  creditedIndex,
  forecastPmf,
  probabilityOfOutcome,
} from './pmf.ts';

const entry = (forecastValues: number[]): AggregateEntry => ({
  forecasterCount: 1,
  forecastValues,
  intervalLowerBounds: forecastValues,
  centers: forecastValues,
  intervalUpperBounds: forecastValues,
  means: null,
});

describe('PMF of a forecast (docs/maths.md §8)', () => {
  it('binary is [1 − p, p] with 1 − p in double', () => {
    // 1 − 0.8 = 0.19999999999999996 in doubles.
    expect(Array.from(binaryPmf(0.8))).toEqual([0.19999999999999996, 0.8]);
    expect(Array.from(forecastPmf('binary', [0.3]))).toEqual([0.7, 0.3]);
  });

  it('MC keeps the vector, nulls (NaN) included', () => {
    expect(Array.from(forecastPmf('multiple_choice', [0.2, Number.NaN, 0.8]))).toEqual([
      0.2,
      Number.NaN,
      0.8,
    ]);
  });

  it('a CDF of n + 1 points gives n + 2 buckets: below, the n steps, above', () => {
    // cdf = [0.1, 0.4, 0.9]: below 0.1, steps 0.4 − 0.1 and 0.9 − 0.4, above 1 − 0.9.
    const pmf = cdfToPmf([0.1, 0.4, 0.9]);
    expect(pmf).toHaveLength(4);
    expect(pmf[0]).toBe(0.1);
    expect(pmf[1]).toBe(0.4 - 0.1);
    expect(pmf[2]).toBe(0.9 - 0.4);
    expect(pmf[3]).toBe(1 - 0.9);
    expect(forecastPmf('numeric', [0, 0.5, 1])).toEqual(cdfToPmf([0, 0.5, 1]));
  });

  it('a CDF PMF sums to 1 (to rounding) and is non-negative for any non-decreasing CDF', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (raw) => {
          const cdf = [...raw].sort((a, b) => a - b);
          const pmf = cdfToPmf(cdf);
          let sum = 0;
          for (const value of pmf) {
            expect(value).toBeGreaterThanOrEqual(0);
            sum += value;
          }
          expect(sum).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('a CP entry uses forecast_values (binary, MC) or the PMF of the mean CDF (continuous)', () => {
    const binary = { type: 'binary' } as CoreQuestion;
    // The binary CP pair may miss summing to 1 by an ulp; it is used as it is.
    expect(Array.from(cpEntryPmf(binary, entry([0.55, 0.44999999999999996])))).toEqual([
      0.55, 0.44999999999999996,
    ]);
    const numeric = { type: 'numeric' } as CoreQuestion;
    expect(Array.from(cpEntryPmf(numeric, entry([0, 0.25, 1])))).toEqual([0, 0.25, 0.75, 0]);
  });
});

describe('probability of the outcome with the catch-all fallback (docs/maths.md §8)', () => {
  it('reads π[b], or the last entry when π[b] is null', () => {
    const pmf = [0.3, Number.NaN, 0.7];
    expect(probabilityOfOutcome(pmf, 0)).toBe(0.3);
    expect(probabilityOfOutcome(pmf, 1)).toBe(0.7);
    expect(creditedIndex(pmf, 1)).toBe(2);
    expect(creditedIndex(pmf, 0)).toBe(0);
  });

  it('counts the non-null entries', () => {
    expect(availableOutcomeCount([0.3, Number.NaN, 0.7])).toBe(2);
    expect(availableOutcomeCount([Number.NaN, Number.NaN])).toBe(0);
  });
});
