import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledToUnscaled, unscaledToScaled } from './scale.ts';

const linear = { rangeMin: 0, rangeMax: 100, zeroPoint: null };
// r = (10000 − 0)/(1 − 0) = 10000, so x = 1 + 9999·(10000^u − 1)/9999 = 10000^u.
const logarithmic = { rangeMin: 1, rangeMax: 10000, zeroPoint: 0 };

describe('unscaledToScaled (docs/maths.md §8)', () => {
  it('maps the E5 quartiles on a linear range [0, 100]', () => {
    // x = 0 + 100·u
    expect(unscaledToScaled(0.28125, linear)).toBe(28.125);
    expect(unscaledToScaled(0.4375, linear)).toBe(43.75);
    expect(unscaledToScaled(0.625, linear)).toBe(62.5);
  });

  it('maps the E5 quartiles on a log range [1, 10000] with zero_point 0', () => {
    // 10000^0.28125 = 10^1.125 ≈ 13.335; 10000^0.4375 = 10^1.75; 10000^0.625 = 10^2.5
    expect(unscaledToScaled(0.28125, logarithmic)).toBeCloseTo(13.33521432163324, 11);
    expect(unscaledToScaled(0.4375, logarithmic)).toBeCloseTo(56.23413251903491, 11);
    expect(unscaledToScaled(0.625, logarithmic)).toBeCloseTo(316.2277660168379, 10);
  });

  it('maps the E5 quartiles on a padded discrete range [−0.5, 3.5]', () => {
    // x = −0.5 + 4·u
    expect(unscaledToScaled(0.28125, { rangeMin: -0.5, rangeMax: 3.5, zeroPoint: null })).toBe(
      0.625,
    );
    expect(unscaledToScaled(0.4375, { rangeMin: -0.5, rangeMax: 3.5, zeroPoint: null })).toBe(1.25);
  });

  it('sends the range ends to 0 and 1', () => {
    expect(scaledToUnscaled(0, linear)).toBe(0);
    expect(scaledToUnscaled(100, linear)).toBe(1);
    expect(scaledToUnscaled(1, logarithmic)).toBe(0);
    expect(scaledToUnscaled(10000, logarithmic)).toBeCloseTo(1, 14);
    expect(scaledToUnscaled(100, logarithmic)).toBeCloseTo(0.5, 14); // 10000^0.5 = 100
  });

  it('round-trips scaled → unscaled → scaled on both scales', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (u) => {
        expect(scaledToUnscaled(unscaledToScaled(u, linear), linear)).toBeCloseTo(u, 12);
        expect(scaledToUnscaled(unscaledToScaled(u, logarithmic), logarithmic)).toBeCloseTo(u, 12);
      }),
    );
  });
});
