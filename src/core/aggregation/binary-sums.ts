// The binary §4 sums Σ w·(1 − p), Σ w·p (and §15.4 Σ w·log-odds) of a store, kept in blocks.
//
// Each sum is the strictly sequential Σ of docs/maths.md §0 in active-set order, as
// `weightedColumnSums` and `binaryLogOddsSum` add them: `s + a + b + c + d` evaluates as
// (((s + a) + b) + c) + d. The running sums after every block of four ranks are stored, so a
// later call resumes at the block holding the first changed rank (the same terms so far, so
// the same partial sums). Column 0 holds 1 − p as computed from p, so computing it again here
// gives the same double. One loop per kind of weighting, without tests inside.

/** Stored numbers per block of four ranks: Σ w·(1 − p), Σ w·p, Σ w·log-odds. */
export const BINARY_SUMS_PER_BLOCK = 3;

/** Where the sums start: the ranks, the stored blocks, and the layout by slot. */
export interface BinarySumsInput {
  order: Int32Array;
  /** [1 − p, p] per slot. */
  values: Float64Array;
  count: number;
  /** Ranks from here on changed since the stored blocks were written. */
  firstRank: number;
  blockSums: Float64Array;
  /** Receives [Σ w·(1 − p), Σ w·p, Σ w·log-odds] over all ranks. */
  output: Float64Array;
}

/** The rank the sums resume from, with output[] set to the stored sums before it. */
function resume(input: BinarySumsInput): number {
  const { firstRank, blockSums, output } = input;
  const rank = firstRank - (firstRank % 4);
  const block = (rank / 4 - 1) * BINARY_SUMS_PER_BLOCK;
  output[0] = rank === 0 ? 0 : blockSums[block];
  output[1] = rank === 0 ? 0 : blockSums[block + 1];
  output[2] = rank === 0 ? 0 : blockSums[block + 2];
  return rank;
}

/**
 * Recency weights: also writes weightBySlot[order[rank]] = weights[rank] from the resumed
 * rank on (the weights the §3 scans read by slot), and sums the log-odds when `logValues`
 * (the log-odds by slot) is given.
 */
export function sumWeightedBinary(
  input: BinarySumsInput,
  weights: Float64Array,
  weightBySlot: Float64Array,
  logValues: Float64Array | undefined,
): void {
  if (logValues !== undefined) {
    sumWeightedBinaryWithLogs(input, weights, weightBySlot, logValues);
    return;
  }
  const { order, values, count, blockSums, output } = input;
  let rank = resume(input);
  let sum0 = output[0];
  let sum1 = output[1];
  for (; rank + 3 < count; rank += 4) {
    const slot0 = order[rank];
    const slot1 = order[rank + 1];
    const slot2 = order[rank + 2];
    const slot3 = order[rank + 3];
    const weight0 = weights[rank];
    const weight1 = weights[rank + 1];
    const weight2 = weights[rank + 2];
    const weight3 = weights[rank + 3];
    weightBySlot[slot0] = weight0;
    weightBySlot[slot1] = weight1;
    weightBySlot[slot2] = weight2;
    weightBySlot[slot3] = weight3;
    const probability0 = values[2 * slot0 + 1];
    const probability1 = values[2 * slot1 + 1];
    const probability2 = values[2 * slot2 + 1];
    const probability3 = values[2 * slot3 + 1];
    sum0 =
      sum0 +
      weight0 * (1 - probability0) +
      weight1 * (1 - probability1) +
      weight2 * (1 - probability2) +
      weight3 * (1 - probability3);
    sum1 =
      sum1 +
      weight0 * probability0 +
      weight1 * probability1 +
      weight2 * probability2 +
      weight3 * probability3;
    const block = (rank >> 2) * BINARY_SUMS_PER_BLOCK;
    blockSums[block] = sum0;
    blockSums[block + 1] = sum1;
  }
  for (; rank < count; rank++) {
    const slot = order[rank];
    const weight = weights[rank];
    weightBySlot[slot] = weight;
    const probability = values[2 * slot + 1];
    sum0 += weight * (1 - probability);
    sum1 += weight * probability;
  }
  output[0] = sum0;
  output[1] = sum1;
}

function sumWeightedBinaryWithLogs(
  input: BinarySumsInput,
  weights: Float64Array,
  weightBySlot: Float64Array,
  logValues: Float64Array,
): void {
  const { order, values, count, blockSums, output } = input;
  let rank = resume(input);
  let sum0 = output[0];
  let sum1 = output[1];
  let logSum = output[2];
  for (; rank + 3 < count; rank += 4) {
    const slot0 = order[rank];
    const slot1 = order[rank + 1];
    const slot2 = order[rank + 2];
    const slot3 = order[rank + 3];
    const weight0 = weights[rank];
    const weight1 = weights[rank + 1];
    const weight2 = weights[rank + 2];
    const weight3 = weights[rank + 3];
    weightBySlot[slot0] = weight0;
    weightBySlot[slot1] = weight1;
    weightBySlot[slot2] = weight2;
    weightBySlot[slot3] = weight3;
    const probability0 = values[2 * slot0 + 1];
    const probability1 = values[2 * slot1 + 1];
    const probability2 = values[2 * slot2 + 1];
    const probability3 = values[2 * slot3 + 1];
    sum0 =
      sum0 +
      weight0 * (1 - probability0) +
      weight1 * (1 - probability1) +
      weight2 * (1 - probability2) +
      weight3 * (1 - probability3);
    sum1 =
      sum1 +
      weight0 * probability0 +
      weight1 * probability1 +
      weight2 * probability2 +
      weight3 * probability3;
    logSum =
      logSum +
      weight0 * logValues[slot0] +
      weight1 * logValues[slot1] +
      weight2 * logValues[slot2] +
      weight3 * logValues[slot3];
    const block = (rank >> 2) * BINARY_SUMS_PER_BLOCK;
    blockSums[block] = sum0;
    blockSums[block + 1] = sum1;
    blockSums[block + 2] = logSum;
  }
  for (; rank < count; rank++) {
    const slot = order[rank];
    const weight = weights[rank];
    weightBySlot[slot] = weight;
    const probability = values[2 * slot + 1];
    sum0 += weight * (1 - probability);
    sum1 += weight * probability;
    logSum += weight * logValues[slot];
  }
  output[0] = sum0;
  output[1] = sum1;
  output[2] = logSum;
}

/**
 * Uniform weights: the weights are ones and 1·x = x exactly, so the terms are 1 − p and p
 * themselves (the same doubles the weighted formulas add), and weightBySlot stays all ones.
 */
export function sumUniformBinary(input: BinarySumsInput): void {
  const { order, values, count, blockSums, output } = input;
  let rank = resume(input);
  let sum0 = output[0];
  let sum1 = output[1];
  for (; rank + 3 < count; rank += 4) {
    const probability0 = values[2 * order[rank] + 1];
    const probability1 = values[2 * order[rank + 1] + 1];
    const probability2 = values[2 * order[rank + 2] + 1];
    const probability3 = values[2 * order[rank + 3] + 1];
    sum0 = sum0 + (1 - probability0) + (1 - probability1) + (1 - probability2) + (1 - probability3);
    sum1 = sum1 + probability0 + probability1 + probability2 + probability3;
    const block = (rank >> 2) * BINARY_SUMS_PER_BLOCK;
    blockSums[block] = sum0;
    blockSums[block + 1] = sum1;
  }
  for (; rank < count; rank++) {
    const probability = values[2 * order[rank] + 1];
    sum0 += 1 - probability;
    sum1 += probability;
  }
  output[0] = sum0;
  output[1] = sum1;
}

/** The second weighting of sumBinaryPair: uniform weights, sums only. */
export interface UniformBinarySums {
  blockSums: Float64Array;
  output: Float64Array;
}

/**
 * sumWeightedBinary (with log-odds) and sumUniformBinary in one pass, for a store holding
 * `recency_weighted` or `log_odds_mean` next to `unweighted`: the five running sums are
 * independent chains, so side by side they cost little more than the weighted three alone,
 * and the ranks, slots and values are read once. Both resume at `input.firstRank`, which
 * must not be after either weighting's first changed rank (earlier only recomputes equal sums).
 */
export function sumBinaryPair(
  input: BinarySumsInput,
  weights: Float64Array,
  weightBySlot: Float64Array,
  logValues: Float64Array,
  uniform: UniformBinarySums,
): void {
  const { order, values, count, blockSums, output } = input;
  const uniformBlocks = uniform.blockSums;
  let rank = resume(input);
  resume({ ...input, blockSums: uniformBlocks, output: uniform.output });
  let sum0 = output[0];
  let sum1 = output[1];
  let logSum = output[2];
  let uniform0 = uniform.output[0];
  let uniform1 = uniform.output[1];
  for (; rank + 3 < count; rank += 4) {
    const slot0 = order[rank];
    const slot1 = order[rank + 1];
    const slot2 = order[rank + 2];
    const slot3 = order[rank + 3];
    const weight0 = weights[rank];
    const weight1 = weights[rank + 1];
    const weight2 = weights[rank + 2];
    const weight3 = weights[rank + 3];
    weightBySlot[slot0] = weight0;
    weightBySlot[slot1] = weight1;
    weightBySlot[slot2] = weight2;
    weightBySlot[slot3] = weight3;
    const probability0 = values[2 * slot0 + 1];
    const probability1 = values[2 * slot1 + 1];
    const probability2 = values[2 * slot2 + 1];
    const probability3 = values[2 * slot3 + 1];
    const complement0 = 1 - probability0;
    const complement1 = 1 - probability1;
    const complement2 = 1 - probability2;
    const complement3 = 1 - probability3;
    sum0 = sum0 + weight0 * complement0 + weight1 * complement1;
    sum0 = sum0 + weight2 * complement2 + weight3 * complement3;
    sum1 = sum1 + weight0 * probability0 + weight1 * probability1;
    sum1 = sum1 + weight2 * probability2 + weight3 * probability3;
    logSum = logSum + weight0 * logValues[slot0] + weight1 * logValues[slot1];
    logSum = logSum + weight2 * logValues[slot2] + weight3 * logValues[slot3];
    uniform0 = uniform0 + complement0 + complement1 + complement2 + complement3;
    uniform1 = uniform1 + probability0 + probability1 + probability2 + probability3;
    const block = (rank >> 2) * BINARY_SUMS_PER_BLOCK;
    blockSums[block] = sum0;
    blockSums[block + 1] = sum1;
    blockSums[block + 2] = logSum;
    uniformBlocks[block] = uniform0;
    uniformBlocks[block + 1] = uniform1;
  }
  for (; rank < count; rank++) {
    const slot = order[rank];
    const weight = weights[rank];
    weightBySlot[slot] = weight;
    const probability = values[2 * slot + 1];
    const complement = 1 - probability;
    sum0 += weight * complement;
    sum1 += weight * probability;
    logSum += weight * logValues[slot];
    uniform0 += complement;
    uniform1 += probability;
  }
  output[0] = sum0;
  output[1] = sum1;
  output[2] = logSum;
  uniform.output[0] = uniform0;
  uniform.output[1] = uniform1;
}
