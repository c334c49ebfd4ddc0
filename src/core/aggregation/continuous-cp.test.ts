import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecast, numericQuestion } from '../../../test/helpers/cp-fixtures.ts';
import { aggregateActiveSet } from './aggregate-active-set.ts';

// n = 4: five CDF points at u = 0, 0.25, 0.5, 0.75, 1
const cdfA = [0, 0.1, 0.5, 0.9, 1];
const cdfB = [0, 0.3, 0.7, 0.9, 1];

describe('continuous CP (docs/maths.md §6)', () => {
  it('averages the CDFs point by point and takes the E5 quartiles of the mean', () => {
    // N = 2 is uniform: mean = [0, 0.2, 0.6, 0.9, 1], the E5 CDF
    const entry = aggregateActiveSet(
      numericQuestion(),
      'recency_weighted',
      [forecast(1, 1, 1000, null, cdfA), forecast(2, 2, 1100, null, cdfB)],
      { includeScaledQuartiles: true },
    );
    expect(entry?.forecastValues).toEqual([0, 0.2, 0.6, 0.9, 1]);
    expect(entry?.intervalLowerBounds).toEqual([0.28125]);
    expect(entry?.centers).toEqual([0.4375]);
    expect(entry?.intervalUpperBounds).toEqual([0.625]);
    expect(entry?.means).toBeNull();
    // linear range [0, 100]
    expect(entry?.scaledQuartiles).toEqual([28.125, 43.75, 62.5]);
    expect(entry?.histogram).toBeUndefined();
  });

  it('applies recency weights to the mean (quirk: a mean, not a median)', () => {
    // weights exp(1 − √3), exp(√2 − √3), 1; point 1: Σ w·cdf[1] / Σ w
    const weights = [0.48092170020263214, 0.7277212189012763, 1];
    const cdfC = [0, 0.4, 0.8, 0.95, 1];
    const entry = aggregateActiveSet(numericQuestion(), 'recency_weighted', [
      forecast(1, 1, 1000, null, cdfA),
      forecast(2, 2, 1100, null, cdfB),
      forecast(3, 3, 1200, null, cdfC),
    ]);
    const total = 0 + weights[0] + weights[1] + weights[2];
    const pointOne = (0 + weights[0] * 0.1 + weights[1] * 0.3 + weights[2] * 0.4) / total;
    expect(entry?.forecastValues[1]).toBe(pointOne);
    expect(entry?.forecasterCount).toBe(3);
  });

  it('maps quartiles through a log scale (E5: range [1, 10000], zero_point 0)', () => {
    const question = numericQuestion({ rangeMin: 1, rangeMax: 10000, zeroPoint: 0 });
    const entry = aggregateActiveSet(
      question,
      'unweighted',
      [forecast(1, 1, 1000, null, [0, 0.2, 0.6, 0.9, 1])],
      { includeScaledQuartiles: true },
    );
    const [low, middle, high] = entry?.scaledQuartiles ?? [];
    expect(low).toBeCloseTo(13.33521432163324, 11);
    expect(middle).toBeCloseTo(56.23413251903491, 11);
    expect(high).toBeCloseTo(316.2277660168379, 10);
  });

  it('reports discrete quartiles on the padded range as they are (E5: [−0.5, 3.5])', () => {
    const question = numericQuestion({ type: 'discrete', rangeMin: -0.5, rangeMax: 3.5 });
    const entry = aggregateActiveSet(
      question,
      'unweighted',
      [forecast(1, 1, 1000, null, [0, 0.2, 0.6, 0.9, 1])],
      { includeScaledQuartiles: true },
    );
    expect(entry?.scaledQuartiles).toEqual([0.625, 1.25, 2]);
  });

  it('returns the recency-weighted entry for log_odds_mean', () => {
    const forecasts = [
      forecast(1, 1, 1000, null, cdfA),
      forecast(2, 2, 1100, null, cdfB),
      forecast(3, 3, 1200, null, [0, 0.4, 0.8, 0.95, 1]),
    ];
    const options = { includeScaledQuartiles: true, extremize: 2 };
    expect(aggregateActiveSet(numericQuestion(), 'log_odds_mean', forecasts, options)).toEqual(
      aggregateActiveSet(numericQuestion(), 'recency_weighted', forecasts, options),
    );
  });

  const monotoneCdf = fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 11, maxLength: 11 })
    .map((points) => [...points].sort((left, right) => left - right));

  it('keeps the mean CDF non-decreasing and within [0, 1]', () => {
    const question = numericQuestion({ inboundOutcomeCount: 10 });
    fc.assert(
      fc.property(
        fc.array(monotoneCdf, { minLength: 1, maxLength: 15 }),
        fc.boolean(),
        (cdfs, isWeighted) => {
          const entry = aggregateActiveSet(
            question,
            isWeighted ? 'recency_weighted' : 'unweighted',
            cdfs.map((cdf, index) => forecast(index + 1, index + 1, 1000 + index, null, cdf)),
          );
          const mean = entry?.forecastValues ?? [];
          for (let index = 1; index < mean.length; index++) {
            expect(mean[index]).toBeGreaterThanOrEqual(mean[index - 1]);
          }
          expect(mean[0]).toBeGreaterThanOrEqual(0);
          expect(mean[mean.length - 1]).toBeLessThanOrEqual(1 + 1e-15);
          const [lower, center, upper] = [
            entry?.intervalLowerBounds[0] ?? Number.NaN,
            entry?.centers[0] ?? Number.NaN,
            entry?.intervalUpperBounds[0] ?? Number.NaN,
          ];
          expect(lower).toBeLessThanOrEqual(center);
          expect(center).toBeLessThanOrEqual(upper);
        },
      ),
    );
  });
});
