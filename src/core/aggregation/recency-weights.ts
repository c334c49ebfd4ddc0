// Recency weights of the active set (MATH.md §2) and the weight vector each method uses.
import type { AggregationMethod } from '../types.ts';

/**
 * w_n = exp(√n − √N) for n = 1…N in active-set order (oldest first), or null for uniform
 * weights. Compatibility quirk (two forecasters never recency-weighted): N ≤ 2 is uniform.
 */
export function recencyWeights(count: number): Float64Array | null {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`recencyWeights needs a non-negative integer count, got ${count}`);
  }
  if (count <= 2) return null;
  const weights = new Float64Array(count);
  const rootCount = Math.sqrt(count);
  for (let rank = 1; rank <= count; rank++) {
    weights[rank - 1] = Math.exp(Math.sqrt(rank) - rootCount);
  }
  return weights;
}

/** True when the method applies recency weights (log_odds_mean does too, §15.4). */
export function usesRecencyWeights(method: AggregationMethod): boolean {
  return method !== 'unweighted';
}

/**
 * The explicit weight vector (length N, active-set order) for a method: recency weights, or
 * all ones when uniform. Multiplying by 1 is exact, so using ones for uniform weights gives
 * the same sums as the unweighted formulas.
 */
export function methodWeights(method: AggregationMethod, count: number): Float64Array {
  const weights = usesRecencyWeights(method) ? recencyWeights(count) : null;
  return weights ?? new Float64Array(count).fill(1);
}

/**
 * Keeps the weight vectors of recent N. The incremental engine changes N by at most 1 per
 * event, a random walk that revisits nearby N, so a few entries save most of the N square
 * roots and exponentials a new vector costs.
 */
export class MethodWeightsCache {
  private readonly entries = new Map<number, Float64Array>();

  constructor(
    private readonly method: AggregationMethod,
    private readonly capacity = 16,
  ) {}

  get(count: number): Float64Array {
    const cached = this.entries.get(count);
    if (cached !== undefined) return cached;
    const weights = methodWeights(this.method, count);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
    this.entries.set(count, weights);
    return weights;
  }
}
