import { describe, expect, it } from 'vitest';
import { assertWithinContract, binaryQuestion } from '../../../test/factories/core-bundles.ts';
import { binaryPmf } from '../locations/pmf.ts';
import { relativeLegacyScores, relativeLegacyTimeline } from './relative-legacy-score.ts';
import { scoringContext } from './scoring-context.ts';
import type { ScoringItem } from './scoring-item.ts';

const item = (pmf: number[], startTime: number, endTime: number | null = null): ScoringItem => ({
  startTime,
  endTime,
  pmf: Float64Array.from(pmf),
});

describe('relative legacy score (docs/maths.md §12)', () => {
  it('is normalised by the actual window T_close − T_open', () => {
    // W = 1000 but the question closed at 800, so W' = 800. CP: one entry from 0 with
    // P(yes) = 0.6000000000000001 (median of 0.4 and 0.8). A (0.8) covers [0, 800):
    // log2(0.8/0.6000000000000001) = 0.41503749927884376 × 800/800, coverage 1.
    const context = scoringContext(binaryQuestion({ actualCloseTime: 800 }), 1);
    const cp = [item([0.3999999999999999, 0.6000000000000001], 0)];
    const forecasts = [
      { startTime: 0, endTime: null, pmf: binaryPmf(0.8) },
      { startTime: 400, endTime: null, pmf: binaryPmf(0.4) },
    ];
    const { scores, coverages } = relativeLegacyScores(
      forecasts,
      relativeLegacyTimeline(cp, context),
      context,
    );
    // Only entries starting inside the item's interval count: B starts at 400, after the CP's
    // only entry (τ = 0), so B is not scored at all.
    assertWithinContract(scores[0], 0.41503749927884376);
    expect(coverages[0]).toBe(1);
    expect(scores[1]).toBe(0);
    expect(coverages[1]).toBe(0);
  });

  it('credits a CP gap to the preceding entry and scores the CP 0 against itself', () => {
    // CP entries [0, 300) P(yes) 0.5, gap 300 → 600, [600, ∞) 0.9; close 1000 = W'.
    // The first entry runs τ 0 → 600 (0.6), the second 600 → 1000 (0.4).
    const context = scoringContext(binaryQuestion(), 1);
    const cp = [item([0.5, 0.5], 0, 300), item([0.1, 0.9], 600)];
    const timeline = relativeLegacyTimeline(cp, context);
    // A forecast 0.8 on [0, 300): only entry 0 starts inside, credited for 0.6:
    // log2(0.8/0.5) · 0.6 = 0.6780719051126377 · 0.6.
    const forecasts = [{ startTime: 0, endTime: 300, pmf: binaryPmf(0.8) }];
    const { scores, coverages } = relativeLegacyScores(forecasts, timeline, context);
    assertWithinContract(scores[0], Math.log2(1.6) * 0.6);
    expect(coverages[0]).toBeCloseTo(0.6, 15);
    const self = relativeLegacyScores(cp, timeline, context);
    expect(Array.from(self.scores)).toEqual([0, 0]);
    // The CP's own first entry [0, 300) is also credited through the gap.
    expect(self.coverages[0]).toBeCloseTo(0.6, 15);
    expect(self.coverages[1]).toBeCloseTo(0.4, 15);
  });

  it('an all-null CP entry makes every score it enters NaN', () => {
    const context = scoringContext(binaryQuestion({ type: 'multiple_choice' }), 0);
    const cp = [item([Number.NaN, Number.NaN, Number.NaN], 0)];
    const forecasts = [item([0.5, 0.2, 0.3], 0)];
    const { scores } = relativeLegacyScores(
      forecasts,
      relativeLegacyTimeline(cp, context),
      context,
    );
    expect(scores[0]).toBeNaN();
  });
});
