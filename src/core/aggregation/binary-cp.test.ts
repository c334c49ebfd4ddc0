import { describe, expect, it } from 'vitest';
import { binaryForecast, binaryQuestion } from '../../../test/helpers/cp-fixtures.ts';
import { aggregateActiveSet } from './aggregate-active-set.ts';

const question = binaryQuestion();

describe('binary CP (docs/maths.md §4)', () => {
  it('matches E2: two forecasters, an exact hit at the median', () => {
    const entry = aggregateActiveSet(
      question,
      'recency_weighted',
      [binaryForecast(1, 1, 0, null, 0.3), binaryForecast(2, 2, 10, null, 0.6)],
      { includeHistogram: true },
    );
    expect(entry).not.toBeNull();
    // P(no) column (0.7, 0.4) → 0.5·(0.4 + 0.7) = 0.55; P(yes) → 0.5·(0.3 + 0.6)
    expect(entry?.forecastValues).toEqual([0.55, 0.44999999999999996]);
    expect(entry?.centers).toEqual([0.55, 0.44999999999999996]);
    expect(entry?.intervalLowerBounds).toEqual([0.4, 0.3]);
    expect(entry?.intervalUpperBounds).toEqual([0.7, 0.6]);
    expect(entry?.means).toEqual([0.55, 0.44999999999999996]);
    expect(entry?.forecasterCount).toBe(2);
    // bins ⌊0.3·100⌋ = 30 and ⌊0.6·100⌋ = 60 hold weight 1 each (N = 2 is uniform)
    const histogram = entry?.histogram ?? [];
    expect(histogram).toHaveLength(100);
    expect(histogram[30]).toBe(1);
    expect(histogram[60]).toBe(1);
    expect(histogram.reduce((sum, value) => sum + value, 0)).toBe(2);
  });

  it('matches E3 [1300, 1400): recency weights, median 0.7, mean 0.6893997268875417', () => {
    // active order F2 (0.5), F3 (0.8), F4 (0.7) with weights 0.4809…, 0.7277…, 1;
    // sorted P(yes) 0.5, 0.7, 0.8 → C = 0.4527…, 0.6705…, 1 → median 0.7
    const entry = aggregateActiveSet(question, 'recency_weighted', [
      binaryForecast(4, 1, 1300, null, 0.7),
      binaryForecast(2, 2, 1100, 1400, 0.5),
      binaryForecast(3, 3, 1200, null, 0.8),
    ]);
    expect(entry?.forecastValues).toEqual([0.30000000000000004, 0.7]);
    // Σ w·p / Σ w = (0.4809…·0.5 + 0.7277…·0.8 + 1·0.7) / 2.2086429191039083
    expect(entry?.means?.[1]).toBe(0.6893997268875417);
    expect(entry?.histogram).toBeUndefined();
  });

  it('spreads recency weights over the histogram bins', () => {
    const entry = aggregateActiveSet(
      question,
      'recency_weighted',
      [
        binaryForecast(1, 1, 1000, null, 0.2),
        binaryForecast(2, 2, 1100, null, 0.5),
        binaryForecast(3, 3, 1200, null, 0.8),
      ],
      { includeHistogram: true },
    );
    expect(entry?.histogram?.[20]).toBe(0.48092170020263214);
    expect(entry?.histogram?.[50]).toBe(0.7277212189012763);
    expect(entry?.histogram?.[80]).toBe(1);
  });

  it('reports §2 weights (newest 1) in the histogram past N = 1,000 too', () => {
    // 1,500 forecasts: bin 10 holds n = 1…1,499, bin 90 the newest.
    const forecasts = Array.from({ length: 1500 }, (_, index) =>
      binaryForecast(index + 1, index + 1, index, null, index === 1499 ? 0.9 : 0.1),
    );
    const entry = aggregateActiveSet(question, 'recency_weighted', forecasts, {
      includeHistogram: true,
    });
    let expected = 0;
    for (let n = 1; n < 1500; n++) expected += Math.exp(Math.sqrt(n) - Math.sqrt(1500));
    expect(entry?.histogram?.[90]).toBe(1);
    expect(Math.abs((entry?.histogram?.[10] ?? 0) - expected) / expected).toBeLessThan(1e-13);
  });

  it('truncates the unrounded product p·100 for the histogram bin (quirk)', () => {
    // 0.29·100 = 28.999999999999996, 0.57·100 = 56.99999999999999, 0.58·100 = 57.99999999999999
    const entry = aggregateActiveSet(
      question,
      'unweighted',
      [
        binaryForecast(1, 1, 1000, null, 0.29),
        binaryForecast(2, 2, 1100, null, 0.57),
        binaryForecast(3, 3, 1200, null, 0.58),
      ],
      { includeHistogram: true },
    );
    const histogram = entry?.histogram ?? [];
    expect([histogram[28], histogram[56], histogram[57]]).toEqual([1, 1, 1]);
    expect([histogram[29], histogram[58]]).toEqual([0, 0]);
  });

  it('ignores recency for the unweighted method', () => {
    const forecasts = [
      binaryForecast(1, 1, 1000, null, 0.1),
      binaryForecast(2, 2, 1100, null, 0.2),
      binaryForecast(3, 3, 1200, null, 0.9),
    ];
    // uniform: C = 1/3, 2/3, 1 → median 0.2; mean (0.1 + 0.2 + 0.9)/3
    const entry = aggregateActiveSet(question, 'unweighted', forecasts);
    expect(entry?.forecastValues[1]).toBe(0.2);
    expect(entry?.means?.[1]).toBe((0.1 + 0.2 + 0.9) / 3);
  });

  it('returns null for an empty active set', () => {
    expect(aggregateActiveSet(question, 'recency_weighted', [])).toBeNull();
  });
});
