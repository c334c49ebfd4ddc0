import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalHIndex, roundToHundredthsHalfEven } from './decimal-h-index.ts';

describe('decimal h-index (docs/maths.md §13)', () => {
  it('E7: [5, 5, 2, 1] → 2.8 and [0.125] → 0.12', () => {
    // 5 ≥ 1, 5 ≥ 2, 2 < 3 → h = 2; first 3 capped at 3: 3 + 3 + 2 = 8; (8 − 4)/(9 − 4) = 0.8.
    expect(decimalHIndex([5, 5, 2, 1])).toBe(2.8);
    // h = 0; A = min(1, 0.125) = 0.125; round2(0.125/1) = 0.12 (tie to even).
    expect(decimalHIndex([0.125])).toBe(0.12);
    // Order of the input does not matter.
    expect(decimalHIndex([1, 2, 5, 5])).toBe(2.8);
  });

  it('golden formulas.json case: [3, 3, 3] → 3', () => {
    // h = 3; A = 3 + 3 + 3 = 9 (only three scores); (9 − 9)/(16 − 9) = 0.
    expect(decimalHIndex([3, 3, 3])).toBe(3);
  });

  it('an empty list gives 0', () => {
    expect(decimalHIndex([])).toBe(0);
  });

  it('round2 breaks exact ties to the even hundredth, like Python round(v, 2)', () => {
    expect(roundToHundredthsHalfEven(0.125)).toBe(0.12);
    expect(roundToHundredthsHalfEven(0.375)).toBe(0.38);
    expect(roundToHundredthsHalfEven(0.625)).toBe(0.62);
    expect(roundToHundredthsHalfEven(0.875)).toBe(0.88);
    expect(roundToHundredthsHalfEven(-0.125)).toBe(-0.12);
    // Not ties: the exact binary value decides (Python agrees): 0.145 is stored as
    // 0.14499999…, 0.155 as 0.15499999…, 0.165 as 0.16500000…08, 0.015 as 0.01499999….
    expect(roundToHundredthsHalfEven(0.145)).toBe(0.14);
    expect(roundToHundredthsHalfEven(0.155)).toBe(0.15);
    expect(roundToHundredthsHalfEven(0.165)).toBe(0.17);
    expect(roundToHundredthsHalfEven(0.015)).toBe(0.01);
    expect(roundToHundredthsHalfEven(0.005)).toBe(0.01);
    expect(roundToHundredthsHalfEven(2 / 3)).toBe(0.67);
    expect(roundToHundredthsHalfEven(1)).toBe(1);
  });

  it('stays within [h, h + 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 40 }),
        (scores) => {
          const value = decimalHIndex(scores);
          const h = Math.floor(value);
          expect(value - h).toBeLessThanOrEqual(1);
          expect(scores.filter((score) => score >= h).length).toBeGreaterThanOrEqual(h);
        },
      ),
    );
  });
});
