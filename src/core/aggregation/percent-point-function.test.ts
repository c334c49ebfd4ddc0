import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentPointFunction } from './percent-point-function.ts';

describe('percentPointFunction (docs/maths.md §6)', () => {
  const cdf = [0, 0.2, 0.6, 0.9, 1]; // 100·cdf = 0, 20, 60, 90, 100; u_i = i/4

  it('matches E5', () => {
    expect(percentPointFunction(cdf, 20)).toBe(0.25); // exact hit at i = 1
    expect(percentPointFunction(cdf, 25)).toBe(0.28125); // (1 + 5/40)/4
    expect(percentPointFunction(cdf, 50)).toBe(0.4375); // (1 + 30/40)/4
    expect(percentPointFunction(cdf, 75)).toBe(0.625); // (2 + 15/30)/4
  });

  it('matches the formulas.json percent_point_function case', () => {
    const values = [1, 10, 25, 50, 75, 90, 99].map((percent) =>
      percentPointFunction([0, 0.1, 0.5, 0.9, 1], percent),
    );
    const expected = [0.025, 0.25, 0.34375, 0.5, 0.65625, 0.75, 0.975];
    values.forEach((value, index) => {
      expect(value).toBeCloseTo(expected[index], 14);
    });
  });

  it('returns 0 below 100·cdf[0] and 1 at or above 100·cdf[L−1]', () => {
    // open bounds: 5 % below the range, 5 % above it
    const open = [0.05, 0.3, 0.6, 0.95];
    expect(percentPointFunction(open, 4)).toBe(0);
    expect(percentPointFunction(open, 5)).toBe(0); // exact hit at i = 0 → 0/3
    expect(percentPointFunction(open, 95)).toBe(1);
    expect(percentPointFunction(open, 99)).toBe(1);
  });

  it('is non-decreasing in P and stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 12 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (points, first, second) => {
          const monotone = [...points].sort((left, right) => left - right);
          const [low, high] = first <= second ? [first, second] : [second, first];
          const lowU = percentPointFunction(monotone, low);
          const highU = percentPointFunction(monotone, high);
          expect(lowU).toBeGreaterThanOrEqual(0);
          expect(highU).toBeLessThanOrEqual(1);
          expect(lowU).toBeLessThanOrEqual(highU);
        },
      ),
    );
  });
});
