// Tight loops for the weighted sums of §3, §4 and §6, unrolled but still strictly sequential.
//
// `s + a + b + c + d` evaluates as (((s + a) + b) + c) + d, exactly the left-to-right sum of
// docs/maths.md §0, so unrolling over items changes speed, not a single bit of the result.

/** Σ weightBySlot[slots[position]] for position = 0…count−1, in order. */
export function sumBySlots(slots: Int32Array, weightBySlot: Float64Array, count: number): number {
  let total = 0;
  let position = 0;
  for (; position + 3 < count; position += 4) {
    total =
      total +
      weightBySlot[slots[position]] +
      weightBySlot[slots[position + 1]] +
      weightBySlot[slots[position + 2]] +
      weightBySlot[slots[position + 3]];
  }
  for (; position < count; position++) total += weightBySlot[slots[position]];
  return total;
}

/**
 * Partial sums kept between calls of weightedColumnSums: after each block of 8 ranks, the
 * `stride` running sums, block b at b·stride. Blocks before the one holding `firstRank` must
 * hold the sums of an earlier call with the same order, values and weights there (the caller
 * tracks that); the call resumes after them and rewrites the rest.
 */
export interface BlockSums {
  sums: Float64Array;
  firstRank: number;
}

/**
 * sums[column] = Σ_rank weights[rank]·values[order[rank]·stride + column] over the first
 * `count` ranks, each column summed in rank order. Eight ranks per pass keep the running sums
 * of a CDF in registers for eight multiply-adds: the 201-point mean of 10,000 forecasts is
 * the engine's hottest loop. With `blockSums` the same sums resume from a stored block.
 * `weights` null means all ones (uniform): 1·v = v exactly, so the terms are the values.
 */
export function weightedColumnSums(
  order: Int32Array,
  values: Float64Array,
  stride: number,
  weights: Float64Array | null,
  count: number,
  blockSums?: BlockSums,
): Float64Array {
  const sums = new Float64Array(stride);
  let rank = 0;
  if (blockSums !== undefined && blockSums.firstRank >= 8) {
    const block = Math.min(blockSums.firstRank, count) >> 3;
    rank = 8 * block;
    sums.set(blockSums.sums.subarray((block - 1) * stride, block * stride));
  }
  const stored = blockSums?.sums;
  if (weights === null) {
    addUnitWeighted(order, values, stride, count, rank, sums, stored);
    return sums;
  }
  for (; rank + 7 < count; rank += 8) {
    const w0 = weights[rank];
    const w1 = weights[rank + 1];
    const w2 = weights[rank + 2];
    const w3 = weights[rank + 3];
    const w4 = weights[rank + 4];
    const w5 = weights[rank + 5];
    const w6 = weights[rank + 6];
    const w7 = weights[rank + 7];
    const o0 = order[rank] * stride;
    const o1 = order[rank + 1] * stride;
    const o2 = order[rank + 2] * stride;
    const o3 = order[rank + 3] * stride;
    const o4 = order[rank + 4] * stride;
    const o5 = order[rank + 5] * stride;
    const o6 = order[rank + 6] * stride;
    const o7 = order[rank + 7] * stride;
    for (let column = 0; column < stride; column++) {
      sums[column] =
        sums[column] +
        w0 * values[o0 + column] +
        w1 * values[o1 + column] +
        w2 * values[o2 + column] +
        w3 * values[o3 + column] +
        w4 * values[o4 + column] +
        w5 * values[o5 + column] +
        w6 * values[o6 + column] +
        w7 * values[o7 + column];
    }
    if (stored !== undefined) storeBlock(stored, sums, rank, stride);
  }
  for (; rank < count; rank++) {
    const weight = weights[rank];
    const offset = order[rank] * stride;
    for (let column = 0; column < stride; column++) {
      sums[column] += weight * values[offset + column];
    }
  }
  return sums;
}

/** weightedColumnSums' loop for unit weights: the same sums without the products. */
function addUnitWeighted(
  order: Int32Array,
  values: Float64Array,
  stride: number,
  count: number,
  firstRank: number,
  sums: Float64Array,
  stored: Float64Array | undefined,
): void {
  let rank = firstRank;
  for (; rank + 7 < count; rank += 8) {
    const o0 = order[rank] * stride;
    const o1 = order[rank + 1] * stride;
    const o2 = order[rank + 2] * stride;
    const o3 = order[rank + 3] * stride;
    const o4 = order[rank + 4] * stride;
    const o5 = order[rank + 5] * stride;
    const o6 = order[rank + 6] * stride;
    const o7 = order[rank + 7] * stride;
    for (let column = 0; column < stride; column++) {
      sums[column] =
        sums[column] +
        values[o0 + column] +
        values[o1 + column] +
        values[o2 + column] +
        values[o3 + column] +
        values[o4 + column] +
        values[o5 + column] +
        values[o6 + column] +
        values[o7 + column];
    }
    if (stored !== undefined) storeBlock(stored, sums, rank, stride);
  }
  for (; rank < count; rank++) {
    const offset = order[rank] * stride;
    for (let column = 0; column < stride; column++) sums[column] += values[offset + column];
  }
}

/** Columns up to this many are copied by a plain loop (see storeBlock). */
const SHORT_ROW = 32;

/**
 * Keeps the sums after the block of 8 ranks starting at `rank`. For a few columns (MC) a
 * plain loop: TypedArray.prototype.set costs a call per block, as much as the additions of
 * a few columns; for a CDF's 201 the call's memcpy is faster.
 */
function storeBlock(stored: Float64Array, sums: Float64Array, rank: number, stride: number): void {
  const block = (rank >> 3) * stride;
  if (stride > SHORT_ROW) {
    stored.set(sums, block);
    return;
  }
  for (let column = 0; column < stride; column++) stored[block + column] = sums[column];
}
