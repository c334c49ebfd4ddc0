import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MethodWeightsCache,
  methodWeights,
  methodWeightVector,
  recencyWeights,
  sameWeightsByRank,
} from './recency-weights.ts';

/** exp(√n − √N) for n = 1…N, as docs/maths.md §2 writes it. */
function weightsAsWritten(count: number): number[] {
  const weights: number[] = [];
  for (let n = 1; n <= count; n++) weights.push(Math.exp(Math.sqrt(n) - Math.sqrt(count)));
  return weights;
}

/** The largest |a − b| / b over two weight vectors of one length. */
function largestRelativeDifference(actual: ArrayLike<number>, expected: number[]): number {
  expect(actual.length).toBe(expected.length);
  let largest = 0;
  for (let index = 0; index < expected.length; index++) {
    largest = Math.max(largest, Math.abs(actual[index] - expected[index]) / expected[index]);
  }
  return largest;
}

describe('recencyWeights (docs/maths.md §2)', () => {
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

  it('is exp(√n − √N) to the last bit up to N = 1,000', () => {
    for (const count of [3, 4, 17, 500, 999, 1000]) {
      expect(Array.from(recencyWeights(count) ?? [])).toEqual(weightsAsWritten(count));
    }
  });

  it('stays within 3e-14 of exp(√n − √N) beyond, where e^√n comes from a table', () => {
    for (const count of [1001, 1002, 4500, 9001, 50_000, 2 ** 18]) {
      const weights = recencyWeights(count) ?? [];
      expect(largestRelativeDifference(weights, weightsAsWritten(count))).toBeLessThan(3e-14);
      expect(weights[count - 1]).toBe(1);
    }
  });

  it('takes the formula as written past the table (N > 2¹⁸), where e^√N would overflow', () => {
    const count = 2 ** 18 + 1;
    const weights = recencyWeights(count) ?? [];
    const asWritten = weightsAsWritten(count);
    expect(weights[0]).toBe(asWritten[0]);
    expect(weights[count >> 1]).toBe(asWritten[count >> 1]);
    expect(weights[count - 1]).toBe(1);
    expect(weights[0]).toBeGreaterThan(0);
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

  it('caches by N and evicts the oldest entry, reusing its memory', () => {
    const cache = new MethodWeightsCache('recency_weighted', 2);
    const five = cache.get(5);
    expect(cache.get(5)).toBe(five);
    cache.get(6);
    // Newer vectors from another cache: N = 5 is no longer one that others may copy.
    const other = new MethodWeightsCache('recency_weighted');
    for (const count of [101, 102, 103, 104]) other.get(count);
    const seven = cache.get(7); // evicts N = 5 and writes into its buffer
    expect(seven.weights.buffer).toBe(five.weights.buffer);
    expect(cache.get(5)).not.toBe(five);
    for (const count of [5, 6, 7, 40, 3, 2, 1]) {
      expect(cache.get(count)).toEqual(methodWeightVector('recency_weighted', count));
    }
  });

  it('copies a vector another cache just computed, into memory of its own', () => {
    const first = new MethodWeightsCache('recency_weighted', 2);
    const second = new MethodWeightsCache('log_odds_mean', 2);
    const computed = first.get(57);
    const copied = second.get(57);
    expect(copied.weights.buffer).not.toBe(computed.weights.buffer);
    expect(copied).toEqual(computed);
    // The first cache keeps that memory while others may copy it, so the copy stays valid.
    first.get(58);
    first.get(59);
    expect(computed).toEqual(methodWeightVector('recency_weighted', 57));
  });
});

describe('methodWeightVector', () => {
  it('sums the weights in active-set order, with a slack only for recency weights', () => {
    const five = methodWeightVector('recency_weighted', 5);
    expect(Array.from(five.weights)).toEqual(Array.from(recencyWeights(5) ?? []));
    let total = 0;
    for (const weight of five.weights) total += weight;
    expect(five.total).toBe(total);
    expect(five.totalSlack).toBe(4 * 5 * 2 ** -53 * total);
    expect(methodWeightVector('unweighted', 5)).toEqual({
      weights: Float64Array.of(1, 1, 1, 1, 1),
      total: 5,
      totalSlack: 0,
      isUniform: true,
      scale: 1,
    });
    expect(methodWeightVector('log_odds_mean', 2).totalSlack).toBe(0);
  });

  it('past N = 1,000 uses e^√n unscaled, the same for every N, with e^√N as the scale', () => {
    const small = methodWeightVector('recency_weighted', 1001);
    const large = methodWeightVector('log_odds_mean', 20_000);
    expect(small.weights[0]).toBe(Math.exp(1));
    expect(Array.from(large.weights.subarray(0, 1001))).toEqual(Array.from(small.weights));
    expect(large.scale).toBe(Math.exp(Math.sqrt(20_000)));
    let total = 0;
    for (const weight of large.weights) total += weight;
    expect(large.total).toBe(total);
    const scaled = Array.from(large.weights, (weight) => weight / large.scale);
    expect(scaled).toEqual(Array.from(recencyWeights(20_000) ?? []));
    expect(sameWeightsByRank(1001, 20_000)).toBe(true);
    expect(sameWeightsByRank(1000, 1001)).toBe(false);
    expect(sameWeightsByRank(999, 999)).toBe(true);
    expect(methodWeightVector('recency_weighted', 1000).scale).toBe(1);
  });

  it('never lends the shared e^√n table to a cache as memory to write into', () => {
    const cache = new MethodWeightsCache('recency_weighted', 1);
    const table = cache.get(5000);
    const first = table.weights[0];
    for (const count of [900, 901, 902, 5001, 903]) cache.get(count);
    expect(table.weights[0]).toBe(first);
    expect(cache.get(5000).weights[4999]).toBe(Math.exp(Math.sqrt(5000)));
  });

  it('bounds the distance between the sums of recency weights in any two orders', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 3000 }), fc.integer(), (count, seed) => {
        const { weights, total, totalSlack } = methodWeightVector('recency_weighted', count);
        const shuffled = Array.from(weights);
        let state = seed;
        for (let index = count - 1; index > 0; index--) {
          state = (Math.imul(state, 1103515245) + 12345) | 0;
          const other = (state >>> 0) % (index + 1);
          [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
        }
        let sum = 0;
        for (const weight of shuffled) sum += weight;
        expect(Math.abs(sum - total)).toBeLessThanOrEqual(totalSlack);
      }),
      { numRuns: 200 },
    );
  });
});
