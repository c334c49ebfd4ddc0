import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedPercentile } from './weighted-percentile.ts';

describe('weightedPercentile (docs/maths.md §3)', () => {
  it('averages the two values on an exact hit C_k = q (E2)', () => {
    // sorted 0.3, 0.6 with C = 0.5, 1: left = 1st (0.5 ≥ 0.5), right = 2nd (1 > 0.5)
    expect(weightedPercentile([0.3, 0.6], null, 50)).toBe(0.44999999999999996);
    expect(weightedPercentile([0.7, 0.4], null, 50)).toBe(0.55);
    // q = 0.25 → left = right = 1st; q = 0.75 → left = right = 2nd
    expect(weightedPercentile([0.3, 0.6], null, 25)).toBe(0.3);
    expect(weightedPercentile([0.3, 0.6], null, 75)).toBe(0.6);
  });

  it('uses the weights in sorted order (E3, [1200, 1300))', () => {
    // sorted 0.2 (w 0.4809…), 0.5 (w 0.7277…), 0.8 (w 1): C = 0.2177…, 0.5472…, 1 → 0.5
    const weights = [0.48092170020263214, 0.7277212189012763, 1];
    expect(weightedPercentile([0.2, 0.5, 0.8], weights, 50)).toBe(0.5);
    // F2, F3, F4 = 0.5, 0.8, 0.7: sorted 0.5, 0.7 (w 1), 0.8: C = 0.4527…, 0.6705…, 1 → 0.7
    expect(weightedPercentile([0.5, 0.8, 0.7], weights, 50)).toBe(0.7);
  });

  it('sorts nulls last, where they can become the percentile (quirk)', () => {
    // [null, 0.2, 0.4] sorts to 0.2, 0.4, null: the 75th percentile is null (NaN)
    expect(weightedPercentile([null, 0.2, 0.4], null, 25)).toBe(0.2);
    expect(weightedPercentile([null, 0.2, 0.4], null, 50)).toBe(0.4);
    expect(weightedPercentile([null, 0.2, 0.4], null, 75)).toBeNaN();
    // [null, 0.2]: C = 0.5, 1 → median = 0.5·(0.2 + null) = null
    expect(weightedPercentile([null, 0.2], null, 50)).toBeNaN();
  });

  it('matches the formulas.json weighted_percentile_2d case column by column', () => {
    const rows = [
      [0.8, 0.2],
      [0.5, 0.5],
      [0.2, 0.8],
    ];
    const expected = [
      [0.2, 0.2],
      [0.5, 0.5],
      [0.8, 0.8],
    ];
    [25, 50, 75].forEach((percentile, index) => {
      for (const column of [0, 1]) {
        const values = rows.map((row) => row[column]);
        expect(weightedPercentile(values, null, percentile)).toBe(expected[index][column]);
      }
    });
  });

  it('is one of the values (or a midpoint of two) and monotone in P', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), {
          minLength: 1,
          maxLength: 20,
        }),
        (values) => {
          const sorted = [...values].sort((left, right) => left - right);
          const quartiles = [25, 50, 75].map((percentile) =>
            weightedPercentile(values, null, percentile),
          );
          expect(quartiles[0]).toBeLessThanOrEqual(quartiles[1]);
          expect(quartiles[1]).toBeLessThanOrEqual(quartiles[2]);
          expect(quartiles[0]).toBeGreaterThanOrEqual(sorted[0]);
          expect(quartiles[2]).toBeLessThanOrEqual(sorted[sorted.length - 1]);
        },
      ),
    );
  });
});
