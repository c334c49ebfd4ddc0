// Recency weights of the active set (docs/maths.md §2) and the weight vector each method uses.
import type { AggregationMethod } from '../types.ts';
import { expRootSum, expRootsUpTo, isTableCount } from './exp-root-table.ts';

/**
 * w_n = exp(√n − √N) for n = 1…N in active-set order (oldest first), or null for uniform
 * weights. Compatibility quirk (two forecasters never recency-weighted): N ≤ 2 is uniform.
 * These are the weights as reported (newest exactly 1); the engines may use them scaled
 * (WeightVector.scale).
 */
export function recencyWeights(count: number): Float64Array | null {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`recencyWeights needs a non-negative integer count, got ${count}`);
  }
  if (count <= 2) return null;
  const weights = new Float64Array(count);
  writeRecencyWeights(weights);
  return weights;
}

/**
 * Fills `weights` (length N ≥ 3) with the §2 recency weights for N, newest exactly 1: up to
 * N = 1,000 exp(√n − √N) as written, to the last bit; beyond, e^√n / e^√N from the table of
 * exp-root-table.ts (within 3e-14 relative of the formula as written). Returns their sum in
 * active-set order (the sequential Σ of §0, added as they are computed).
 */
function writeRecencyWeights(weights: Float64Array): number {
  const count = weights.length;
  let total = 0;
  if (!isTableCount(count)) {
    const rootCount = Math.sqrt(count);
    for (let rank = 1; rank <= count; rank++) {
      const weight = Math.exp(Math.sqrt(rank) - rootCount);
      weights[rank - 1] = weight;
      total += weight;
    }
    return total;
  }
  const expRoots = expRootsUpTo(count);
  const newest = expRoots[count];
  for (let rank = 1; rank <= count; rank++) {
    const weight = expRoots[rank] / newest;
    weights[rank - 1] = weight;
    total += weight;
  }
  return total;
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

/** Unit roundoff of IEEE-754 double: every +, −, ×, ÷ errs by at most this, relatively. */
const UNIT_ROUNDOFF = 2 ** -53;

/** A method's weights for one N, with their sum (both depend on N only, not on the set). */
export interface WeightVector {
  /** w by active-set rank, length N (ones when uniform). */
  weights: Float64Array;
  /** W = Σ weights in active-set order (§0 sequential sum): the divisor of the §4 means. */
  total: number;
  /**
   * A bound on |(the same weights summed in any other order) − total|, e.g. §3's W summed
   * in a column's sorted order. Each order's sequential sum errs by at most γ_{N−1}·W
   * (γ_m = m·u / (1 − m·u), u = 2⁻⁵³) for weights ≥ 0, so two orders differ by at most
   * about 2(N−1)·u·W; the slack is twice that. Sums of ones are exact integers: slack 0.
   */
  totalSlack: number;
  /** All weights are 1 (`unweighted`, or N ≤ 2): running sums are exact integers. */
  isUniform: boolean;
  /**
   * weights / scale are §2's weights (newest 1): 1, or e^√N when the weights are the table's
   * unscaled e^√n (N > 1,000, exp-root-table.ts). Only a reported weight (the §4 histogram)
   * needs the division: every percentile and mean divides by a sum of the same weights.
   */
  scale: number;
}

/**
 * The WeightVector of `method` for N = `count`; `buffer` (when large enough) receives the
 * weights instead of a new allocation.
 */
export function methodWeightVector(
  method: AggregationMethod,
  count: number,
  buffer?: ArrayBuffer,
): WeightVector {
  if (usesRecencyWeights(method) && isTableCount(count)) return tableWeightVector(count);
  const byteLength = count * Float64Array.BYTES_PER_ELEMENT;
  const weights =
    buffer !== undefined && buffer.byteLength >= byteLength
      ? new Float64Array(buffer, 0, count)
      : new Float64Array(count);
  if (!usesRecencyWeights(method) || count <= 2) {
    // N ones add up to exactly N, in any order.
    return { weights: weights.fill(1), total: count, totalSlack: 0, isUniform: true, scale: 1 };
  }
  const total = writeRecencyWeights(weights);
  return { weights, total, totalSlack: totalSlack(count, total), isUniform: false, scale: 1 };
}

/** See WeightVector.totalSlack. */
function totalSlack(count: number, total: number): number {
  return 4 * count * UNIT_ROUNDOFF * total;
}

/**
 * The unscaled e^√n weights of N = `count` (exp-root-table.ts): a view of the shared table,
 * which nobody writes, and its running sum. They depend on the rank only, so any N past
 * 1,000 shares them (sameWeightsByRank).
 */
function tableWeightVector(count: number): WeightVector {
  const expRoots = expRootsUpTo(count);
  const total = expRootSum(count);
  return {
    weights: expRoots.subarray(1, count + 1),
    total,
    totalSlack: totalSlack(count, total),
    isUniform: false,
    scale: expRoots[count],
  };
}

/** Whether the recency weights of N = `a` and N = `b` are equal rank by rank. */
export function sameWeightsByRank(a: number, b: number): boolean {
  return a === b || (isTableCount(a) && isTableCount(b));
}

/**
 * The recency vectors most recently computed by any cache of this thread. The server keeps
 * one engine per method, and `recency_weighted` and `log_odds_mean` use the same weights: when
 * a new forecaster changes N, the second engine copies the vector the first one just computed
 * (a memcpy) instead of taking N exponentials again (≈ 10 ns each). Vectors are kept by
 * reference, so computing one costs nothing more; their owner does not reuse the memory of a
 * vector kept here (see MethodWeightsCache.get), and a copy is made for anyone else.
 */
class RecentRecencyVectors {
  private readonly entries = new Map<number, WeightVector>();

  constructor(private readonly capacity: number) {}

  /** Copies the vector for N = `count` into `buffer` when one is kept. */
  copyInto(count: number, buffer: ArrayBuffer): WeightVector | undefined {
    const kept = this.entries.get(count);
    if (kept === undefined) return undefined;
    const weights = new Float64Array(buffer, 0, count);
    weights.set(kept.weights);
    return { ...kept, weights };
  }

  keep(vector: WeightVector): void {
    const count = vector.weights.length;
    this.entries.delete(count);
    this.entries.set(count, vector);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as number);
    }
  }

  holds(vector: WeightVector): boolean {
    return this.entries.get(vector.weights.length) === vector;
  }
}

const recentRecencyVectors = new RecentRecencyVectors(4);

let ones = new Float64Array(0);

/**
 * The uniform WeightVector for N = `count`, a view of one shared array of ones (grown when
 * needed, never written otherwise): uniform weights need no vector per N.
 */
function uniformWeightVector(count: number): WeightVector {
  if (ones.length < count) ones = new Float64Array(Math.max(2 * ones.length, count)).fill(1);
  return {
    weights: ones.subarray(0, count),
    total: count,
    totalSlack: 0,
    isUniform: true,
    scale: 1,
  };
}

/**
 * Keeps the weight vectors of recent N. The incremental engine changes N by at most 1 per
 * event, a random walk that revisits nearby N, so a few entries save most of the N square
 * roots and exponentials a new vector costs. An evicted vector's memory is reused for the
 * next one (vectors get 25 % spare room for that), since a history build visits thousands
 * of N and would otherwise allocate (and collect) a vector for each: so use a vector only
 * until the next `get` (one entry's computation), never keep it. `unweighted` gets views of
 * shared ones instead.
 */
export class MethodWeightsCache {
  private readonly entries = new Map<number, WeightVector>();

  constructor(
    private readonly method: AggregationMethod,
    private readonly capacity = 16,
  ) {}

  get(count: number): WeightVector {
    if (!usesRecencyWeights(this.method)) return uniformWeightVector(count);
    // Views of the shared table: never cached, never handed on as a buffer to write into.
    if (isTableCount(count)) return tableWeightVector(count);
    const cached = this.entries.get(count);
    if (cached !== undefined) return cached;
    let buffer: ArrayBuffer | undefined;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      const evicted = this.entries.get(oldest) as WeightVector;
      // A vector other caches may still copy keeps its memory.
      if (!recentRecencyVectors.holds(evicted)) buffer = evicted.weights.buffer as ArrayBuffer;
      this.entries.delete(oldest);
    }
    if (buffer === undefined || buffer.byteLength < count * Float64Array.BYTES_PER_ELEMENT) {
      buffer = new ArrayBuffer(Math.ceil(1.25 * count) * Float64Array.BYTES_PER_ELEMENT);
    }
    const vector = this.computeInto(count, buffer);
    this.entries.set(count, vector);
    return vector;
  }

  private computeInto(count: number, buffer: ArrayBuffer): WeightVector {
    if (count <= 2) return methodWeightVector(this.method, count, buffer);
    const copied = recentRecencyVectors.copyInto(count, buffer);
    if (copied !== undefined) return copied;
    const vector = methodWeightVector(this.method, count, buffer);
    recentRecencyVectors.keep(vector);
    return vector;
  }
}
