import { describe, expect, it } from 'vitest';
import { MethodWeightsCache, methodWeights, recencyWeights } from './recency-weights.ts';

describe('recencyWeights (MATH.md §2)', () => {
  it('matches E1 for N = 5: exp(√n − √5), newest exactly 1', () => {
    // √n − √5 = −1.2360679774997898, −0.8218544151266947, −0.5040171699309126,
    // −0.2360679774997898, 0
    expect(Array.from(recencyWeights(5) ?? [])).toEqual([
      0.2905243231860233, 0.43961566820611525, 0.6040990104285446, 0.7897269884419299, 1,
    ]);
  });

  it('gives the E3 weights for N = 3: exp(1 − √3), exp(√2 − √3), 1', () => {
    expect(Array.from(recencyWeights(3) ?? [])).toEqual([
      0.48092170020263214, 0.7277212189012763, 1,
    ]);
  });

  it('is uniform (null) for N ≤ 2: two forecasters are never recency-weighted (quirk)', () => {
    expect(recencyWeights(0)).toBeNull();
    expect(recencyWeights(1)).toBeNull();
    expect(recencyWeights(2)).toBeNull();
  });

  it('rejects non-integer counts', () => {
    expect(() => recencyWeights(2.5)).toThrow(RangeError);
    expect(() => recencyWeights(-1)).toThrow(RangeError);
  });
});

describe('methodWeights', () => {
  it('uses ones for unweighted and for N ≤ 2, recency weights otherwise', () => {
    expect(Array.from(methodWeights('unweighted', 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(methodWeights('recency_weighted', 2))).toEqual([1, 1]);
    expect(methodWeights('log_odds_mean', 5)[0]).toBe(0.2905243231860233);
  });

  it('caches by N and evicts the oldest entry', () => {
    const cache = new MethodWeightsCache('recency_weighted', 2);
    const five = cache.get(5);
    expect(cache.get(5)).toBe(five);
    cache.get(6);
    cache.get(7);
    expect(cache.get(5)).not.toBe(five);
    expect(Array.from(cache.get(5).weights)).toEqual(Array.from(five.weights));
  });
});
