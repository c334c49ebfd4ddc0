import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertWithinContract } from '../../../test/factories/core-bundles.ts';
import { calibrationBinIndex, calibrationTable, wilsonInterval } from './calibration-table.ts';

describe('calibration table (docs/maths.md §15.5)', () => {
  it('bins [k/10, (k+1)/10) with the last bin closed at 1', () => {
    expect(calibrationBinIndex(0)).toBe(0);
    expect(calibrationBinIndex(0.1)).toBe(1);
    expect(calibrationBinIndex(0.0999)).toBe(0);
    expect(calibrationBinIndex(0.999)).toBe(9);
    expect(calibrationBinIndex(1)).toBe(9);
  });

  it('counts, means, frequencies and Wilson bounds per bin; empty bins are null', () => {
    const table = calibrationTable([
      { probability: 0.72, outcome: 1 },
      { probability: 0.78, outcome: 0 },
      { probability: 0.05, outcome: 0 },
    ]);
    expect(table).toHaveLength(10);
    const bin7 = table[7];
    expect(bin7.binLower).toBe(0.7);
    expect(bin7.binUpper).toBe(0.8);
    expect(bin7.count).toBe(2);
    // (0.72 + 0.78)/2 = 0.75; f = 1/2. Wilson, n = 2, z = 1.959963984540054:
    // den = 1 + z²/2 = 2.9207...; center = (0.5 + z²/4)/den = 0.5;
    // half = (z/den)·√(0.25/2 + z²/16) → [0.09453120573423074, 0.9054687942657693].
    assertWithinContract(bin7.meanForecast as number, 0.75);
    expect(bin7.observedFrequency).toBe(0.5);
    assertWithinContract(bin7.wilsonLower as number, 0.09453120573423074);
    assertWithinContract(bin7.wilsonUpper as number, 0.9054687942657693);
    // One "no" at 0.05: f = 0 → lower clamps to 0; n = 1 upper = z²/(1 + z²) = 0.7934...
    expect(table[0].wilsonLower).toBe(0);
    expect(table[5]).toEqual({
      binLower: 0.5,
      binUpper: 0.6,
      count: 0,
      meanForecast: null,
      observedFrequency: null,
      wilsonLower: null,
      wilsonUpper: null,
    });
  });

  it('Wilson bounds for f = 1, n = 1 and f = 2/3, n = 3', () => {
    const certain = wilsonInterval(1, 1);
    assertWithinContract(certain.lower, 0.20654931437723745);
    expect(certain.upper).toBe(1);
    const twoThirds = wilsonInterval(2 / 3, 3);
    assertWithinContract(twoThirds.lower, 0.20765960080204765);
    assertWithinContract(twoThirds.upper, 0.9385080552796037);
  });

  it('Wilson bounds lie within [0, 1] and around f (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), (count, pick) => {
        const successes = pick % (count + 1);
        const frequency = successes / count;
        const { lower, upper } = wilsonInterval(frequency, count);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThanOrEqual(frequency + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(frequency - 1e-12);
      }),
    );
  });
});
