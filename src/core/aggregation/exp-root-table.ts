// e^√n and its running sums, for the recency weights of large active sets (recency-weights.ts).
//
// For N past AS_WRITTEN_UP_TO the recency weight of rank n is e^√n itself, unscaled: e^√n / e^√N is
// §2's exp(√n − √N) up to rounding (within 3e-14 relative, the size of the rounding of √n − √N
// itself), and every §3 percentile and §4 / §6 / §15.4 mean divides by a sum of the same
// weights, so the common factor e^−√N cancels. A weight then depends on its rank only, not on
// N: a new forecaster adds one weight instead of changing all N of them, and the incremental
// engine's kept sums stay valid below the first moved rank (store-weighting.ts).

/** Up to this N the weights are exp(√n − √N) as written, to the last bit. */
export const AS_WRITTEN_UP_TO = 1000;

/**
 * The table serves N up to 2¹⁸ (262,144 active forecasts): Σ e^√n ≤ 2¹⁸ · e^512 ≈ 6e227
 * stays a normal double, and the two tables hold at most 4 MiB. Larger N take the formula as
 * written.
 */
export const TABLE_UP_TO = 2 ** 18;

/** Whether the weights for N = `count` are e^√n from this table (unscaled). */
export function isTableCount(count: number): boolean {
  return count > AS_WRITTEN_UP_TO && count <= TABLE_UP_TO;
}

let expRoots = new Float64Array(0);
/** runningSums[n] = e^√1 + … + e^√n, added left to right from 0 (§0's sequential Σ). */
let runningSums = new Float64Array(0);

/**
 * e^√n for n = 0…count (or more), grown by doubling. Grown tables are new arrays: views of
 * the old ones (weight vectors in use) keep their values.
 */
export function expRootsUpTo(count: number): Float64Array {
  if (expRoots.length <= count) grow(count);
  return expRoots;
}

/** e^√1 + … + e^√count, in that order. */
export function expRootSum(count: number): number {
  if (runningSums.length <= count) grow(count);
  return runningSums[count];
}

function grow(count: number): void {
  if (count > TABLE_UP_TO) throw new RangeError(`the e^√n table stops at ${TABLE_UP_TO}`);
  const length = Math.min(Math.max(2 * expRoots.length, count + 1), TABLE_UP_TO + 1);
  const roots = new Float64Array(length);
  const sums = new Float64Array(length);
  roots.set(expRoots);
  sums.set(runningSums);
  for (let n = expRoots.length; n < length; n++) {
    roots[n] = Math.exp(Math.sqrt(n));
    sums[n] = n === 0 ? 0 : sums[n - 1] + roots[n];
  }
  expRoots = roots;
  runningSums = sums;
}
