// The MC sums of a store holding `log_odds_mean` next to `unweighted` (and maybe
// `recency_weighted`), in one pass: the §4 means' sums under recency and uniform weights and
// the §15.4 log sums (docs/maths.md §4, §15.4).
//
// Each of the three is exactly what `weightedColumnSums` gives for it (each column a strictly
// sequential Σ in rank order, `s + a + … + h` evaluating left to right; uniform terms are the
// values themselves, 1·v = v), with the same blocks of 8 ranks kept, so the results are the
// same doubles. One pass reads each rank's slot, weight and values once and keeps three
// independent chains per column in flight.

/** The three sums' inputs, the blocks kept between calls, and where the sums go. */
export interface MultipleChoicePairSums {
  order: Int32Array;
  /** Option values by slot, `stride` per slot (NaN = null). */
  values: Float64Array;
  /** ln v by slot, `stride` per slot (0 for a null), as log-odds-mean.ts writes them. */
  logValues: Float64Array;
  stride: number;
  count: number;
  /** Recency weights by rank. */
  weights: Float64Array;
  /** Ranks from here on changed since the blocks were written (the blocks before it hold). */
  firstRank: number;
  weightedBlocks: Float64Array;
  logBlocks: Float64Array;
  uniformBlocks: Float64Array;
  /** Receive Σ w·v, Σ w·ln v and Σ v per column. */
  weighted: Float64Array;
  logs: Float64Array;
  uniform: Float64Array;
}

export function sumMultipleChoicePair(input: MultipleChoicePairSums): void {
  const { order, values, logValues, stride, count, weights } = input;
  const { weightedBlocks, logBlocks, uniformBlocks, weighted, logs, uniform } = input;
  const block = Math.min(input.firstRank, count) >> 3;
  let rank = 8 * block;
  for (let column = 0; column < stride; column++) {
    const stored = (block - 1) * stride + column;
    weighted[column] = block === 0 ? 0 : weightedBlocks[stored];
    logs[column] = block === 0 ? 0 : logBlocks[stored];
    uniform[column] = block === 0 ? 0 : uniformBlocks[stored];
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
    const stored = (rank >> 3) * stride;
    for (let column = 0; column < stride; column++) {
      const v0 = values[o0 + column];
      const v1 = values[o1 + column];
      const v2 = values[o2 + column];
      const v3 = values[o3 + column];
      const v4 = values[o4 + column];
      const v5 = values[o5 + column];
      const v6 = values[o6 + column];
      const v7 = values[o7 + column];
      const weightedSum =
        weighted[column] +
        w0 * v0 +
        w1 * v1 +
        w2 * v2 +
        w3 * v3 +
        w4 * v4 +
        w5 * v5 +
        w6 * v6 +
        w7 * v7;
      const uniformSum = uniform[column] + v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7;
      const logSum =
        logs[column] +
        w0 * logValues[o0 + column] +
        w1 * logValues[o1 + column] +
        w2 * logValues[o2 + column] +
        w3 * logValues[o3 + column] +
        w4 * logValues[o4 + column] +
        w5 * logValues[o5 + column] +
        w6 * logValues[o6 + column] +
        w7 * logValues[o7 + column];
      weighted[column] = weightedSum;
      uniform[column] = uniformSum;
      logs[column] = logSum;
      weightedBlocks[stored + column] = weightedSum;
      uniformBlocks[stored + column] = uniformSum;
      logBlocks[stored + column] = logSum;
    }
  }
  for (; rank < count; rank++) {
    const weight = weights[rank];
    const offset = order[rank] * stride;
    for (let column = 0; column < stride; column++) {
      const value = values[offset + column];
      weighted[column] += weight * value;
      uniform[column] += value;
      logs[column] += weight * logValues[offset + column];
    }
  }
}
