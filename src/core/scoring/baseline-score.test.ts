import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertWithinContract,
  binaryQuestion,
  linearCdf,
  multipleChoiceQuestion,
  numericQuestion,
} from '../../../test/factories/core-bundles.ts';
import { binaryPmf, cdfToPmf } from '../locations/pmf.ts';
import { baselineItemScore, baselineScores, spotBaselineScores } from './baseline-score.ts';
import { scoringContext } from './scoring-context.ts';

describe('baseline score of one item (docs/maths.md §10)', () => {
  it('E6: binary 100 · ln(p·2)/ln 2', () => {
    const context = scoringContext(binaryQuestion(), 1);
    // A: p = 0.8 → 100 · ln 1.6 / ln 2 = 67.80719051126377.
    assertWithinContract(baselineItemScore(binaryPmf(0.8), context), 67.80719051126377);
    // B: p = 0.4 → 100 · ln 0.8 / ln 2 = −32.19280948873623.
    assertWithinContract(baselineItemScore(binaryPmf(0.4), context), -32.19280948873623);
    // Resolving no reads π[0] = 1 − 0.8 = 0.2: 100 · ln 0.4 / ln 2 = −132.19280948873623.
    const no = scoringContext(binaryQuestion({ resolution: 'no' }), 0);
    assertWithinContract(baselineItemScore(binaryPmf(0.8), no), -132.19280948873623);
  });

  it('MC: K counts the non-null entries of the item, and a null outcome falls back to the catch-all', () => {
    const question = multipleChoiceQuestion(['a', 'b', 'c', 'Other']);
    const pmf = Float64Array.from([0.5, Number.NaN, 0.2, 0.3]);
    // K = 3, p = 0.5: 100 · ln 1.5 / ln 3 = 36.90702464285425.
    assertWithinContract(baselineItemScore(pmf, scoringContext(question, 0)), 36.90702464285425);
    // Outcome b is null for this item: p = π[Other] = 0.3 → 100 · ln 0.9 / ln 3 = −9.590335092...
    assertWithinContract(
      baselineItemScore(pmf, scoringContext(question, 1)),
      (100 * Math.log(0.3 * 3)) / Math.log(3),
    );
    expect(baselineItemScore(pmf, scoringContext(question, 1))).toBeCloseTo(-9.5903, 3);
  });

  it('continuous: ÷2, base 1/n with closed bounds, (1 − 0.05·open)/n with open ones, 0.05 outside', () => {
    // n = 4, cdf [0, 0.1, 0.5, 0.9, 1] → PMF [0, 0.1, 0.4, 0.4, 0.1, 0]. Bucket 2: π = 0.4,
    // closed bounds base = 1/4: 100 · ln 1.6 / 2 = 23.500181462286783.
    const closed = numericQuestion({ inboundOutcomeCount: 4 });
    const pmf = cdfToPmf([0, 0.1, 0.5, 0.9, 1]);
    assertWithinContract(baselineItemScore(pmf, scoringContext(closed, 2)), 23.500181462286783);
    // Both bounds open: base = (1 − 0.1)/4 = 0.225; PMF [0.05, 0.2, 0.45, 0.2, 0.05, 0.05],
    // bucket 2: 100 · ln(0.45/0.225)/2 = 50 · ln 2 = 34.657359027997266.
    const open = numericQuestion({
      inboundOutcomeCount: 4,
      openLowerBound: true,
      openUpperBound: true,
    });
    const openPmf = cdfToPmf([0.05, 0.25, 0.7, 0.9, 0.95]);
    assertWithinContract(baselineItemScore(openPmf, scoringContext(open, 2)), 34.657359027997266);
    // Below the range: base 0.05 and π[0] = 0.05 → 0.
    expect(baselineItemScore(openPmf, scoringContext(open, 0))).toBeCloseTo(0, 12);
    // A closed bound with zero mass outside scores −∞ (written null).
    expect(baselineItemScore(pmf, scoringContext(closed, 5))).toBe(Number.NEGATIVE_INFINITY);
  });

  it('the uniform forecast scores 0 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), (optionCount, pick) => {
        const options = Array.from({ length: optionCount }, (_, i) => `o${i}`);
        const context = scoringContext(multipleChoiceQuestion(options), pick % optionCount);
        const uniform = new Float64Array(optionCount).fill(1 / optionCount);
        expect(Math.abs(baselineItemScore(uniform, context))).toBeLessThan(1e-12);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (n, pick) => {
        const context = scoringContext(numericQuestion({ inboundOutcomeCount: n }), 1 + (pick % n));
        expect(Math.abs(baselineItemScore(cdfToPmf(linearCdf(n)), context))).toBeLessThan(1e-9);
      }),
    );
    expect(baselineItemScore(binaryPmf(0.5), scoringContext(binaryQuestion(), 1))).toBe(0);
  });
});

describe('time-averaged and spot baseline (docs/maths.md §9–10)', () => {
  const items = [
    { startTime: 0, endTime: null, pmf: binaryPmf(0.8) },
    { startTime: 500, endTime: null, pmf: binaryPmf(0.4) },
    { startTime: -100, endTime: 250, pmf: binaryPmf(0.5) },
    { startTime: 1200, endTime: null, pmf: binaryPmf(0.9) },
  ];

  it('multiplies by coverage (e − s)/W; early close keeps the scheduled denominator', () => {
    // E6 with actual_close_time 800 (W stays 1000): A covers [0, 800) → 0.8,
    // 67.80719051126377 · 0.8 = 54.24575240901102; B covers [500, 800) → 0.3.
    const context = scoringContext(binaryQuestion({ actualCloseTime: 800 }), 1);
    const { scores, coverages } = baselineScores(items, context);
    assertWithinContract(scores[0], 54.24575240901102);
    expect(coverages[0]).toBe(0.8);
    expect(coverages[1]).toBeCloseTo(0.3, 15);
    // Pre-open start is clipped to open: [0, 250) → 0.25, and p = 0.5 scores 0.
    expect(coverages[2]).toBe(0.25);
    expect(scores[2]).toBe(0);
    // Made after the close: zero-length, 0/0.
    expect(scores[3]).toBe(0);
    expect(coverages[3]).toBe(0);
  });

  it('spot baseline scores only items active at t_s, with coverage 1', () => {
    // t_s = min(600, close 1000) = 600: A and B are active, the withdrawn one and the late one not.
    const context = scoringContext(binaryQuestion({ spotScoringTime: 600 }), 1);
    const { scores, coverages } = spotBaselineScores(items, context);
    expect(Array.from(coverages)).toEqual([1, 1, 0, 0]);
    assertWithinContract(scores[0], 67.80719051126377);
    assertWithinContract(scores[1], -32.19280948873623);
    // A spot time after the close is capped at the close.
    const late = scoringContext(binaryQuestion({ actualCloseTime: 800, spotScoringTime: 5000 }), 1);
    expect(late.window.spotTime).toBe(800);
  });
});
