import { describe, expect, it } from 'vitest';
import {
  assertWithinContract,
  binaryQuestion,
  multipleChoiceQuestion,
  numericQuestion,
} from '../../../test/factories/core-bundles.ts';
import { binaryPmf, cdfToPmf } from '../locations/pmf.ts';
import { brierItemScore, logItemScore, spotScore, timeAveragedScore } from './brier-log-score.ts';
import { scoringContext } from './scoring-context.ts';

describe('Brier and log scores (docs/maths.md §15.1–15.2)', () => {
  it('E6: binary one-term Brier and ln p', () => {
    const context = scoringContext(binaryQuestion(), 1);
    // (0.8 − 1)² = 0.03999999999999998 in doubles; (0.4 − 1)² = 0.36.
    expect(brierItemScore(binaryPmf(0.8), context)).toBe(0.03999999999999998);
    assertWithinContract(brierItemScore(binaryPmf(0.4), context), 0.36);
    assertWithinContract(logItemScore(binaryPmf(0.8), context), -0.2231435513142097);
    assertWithinContract(logItemScore(binaryPmf(0.4), context), -0.916290731874155);
    // Resolving no: (0.8 − 0)² = 0.64 and ln(1 − 0.8).
    const no = scoringContext(binaryQuestion({ resolution: 'no' }), 0);
    assertWithinContract(brierItemScore(binaryPmf(0.8), no), 0.64);
    assertWithinContract(logItemScore(binaryPmf(0.8), no), Math.log(0.19999999999999996));
  });

  it('MC Brier sums over non-null options, crediting the catch-all when the outcome is null', () => {
    const question = multipleChoiceQuestion(['a', 'b', 'Other']);
    const pmf = Float64Array.from([0.6, Number.NaN, 0.4]);
    // Outcome a: (0.6 − 1)² + (0.4 − 0)² = 0.16 + 0.16 = 0.32.
    assertWithinContract(brierItemScore(pmf, scoringContext(question, 0)), 0.32);
    // Outcome b is null for this item: t = Other, (0.6 − 0)² + (0.4 − 1)² = 0.72; log ln 0.4.
    assertWithinContract(brierItemScore(pmf, scoringContext(question, 1)), 0.72);
    assertWithinContract(logItemScore(pmf, scoringContext(question, 1)), Math.log(0.4));
    // An all-null (degenerate CP) PMF gives NaN.
    const allNull = Float64Array.from([Number.NaN, Number.NaN, Number.NaN]);
    expect(brierItemScore(allNull, scoringContext(question, 0))).toBeNaN();
    expect(logItemScore(allNull, scoringContext(question, 0))).toBeNaN();
  });

  it('continuous log reads a bucket probability; zero mass gives −∞', () => {
    const context = scoringContext(numericQuestion({ inboundOutcomeCount: 2 }), 1);
    const pmf = cdfToPmf([0, 0.25, 1]);
    assertWithinContract(logItemScore(pmf, context), Math.log(0.25));
    const outside = scoringContext(numericQuestion({ inboundOutcomeCount: 2 }), 3);
    expect(logItemScore(pmf, outside)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('time-averaged and spot variants (docs/maths.md §15.3)', () => {
  it('divides by the covered time, not by W', () => {
    // Items 0.1 (c 0.2), 0.5 (c 0.3), 9 (c 0): (0.2·0.1 + 0.3·0.5)/0.5 = 0.34, coverage 0.5.
    const values = Float64Array.from([0.1, 0.5, 9]);
    const coverages = Float64Array.from([0.2, 0.3, 0]);
    const result = timeAveragedScore(values, coverages, [0, 1, 2]);
    assertWithinContract(result.score, 0.34);
    expect(result.coverage).toBe(0.5);
    const none = timeAveragedScore(values, coverages, [2]);
    expect(none.coverage).toBe(0);
    expect(none.score).toBeNaN();
  });

  it('spot takes the item active at t_s', () => {
    const values = Float64Array.from([0.1, 0.5]);
    expect(spotScore(values, Uint8Array.from([0, 1]), [0, 1])).toEqual({
      score: 0.5,
      coverage: 1,
    });
    expect(spotScore(values, Uint8Array.from([0, 0]), [0, 1]).coverage).toBe(0);
  });
});
