// The §3 weighted-percentile scan of one column, resumable so that two columns share a loop.

/** One column of an active set in value order, with the weights the scan adds. */
export interface ScannedColumn {
  /** The first `count` slots in value order (nulls last, ties in active-set order). */
  sortedSlots: Int32Array;
  count: number;
  values: Float64Array;
  stride: number;
  column: number;
  weightBySlot: Float64Array;
}

/**
 * Relative margin below q·W under which a running weight certainly gives C_k < q, so the
 * scan can skip the division; near the threshold C_k = running / W is evaluated exactly as
 * §3 writes it. (The division and the product each err by at most 2⁻⁵³ relative.)
 */
const GUARD_MARGIN = 1 - 1e-12;

const SCANNING = 0;
const DONE = 1;
const UNDECIDED = 2;

/**
 * §3 steps 2–4 of one column for ascending quantiles q (= P/100 < 1), knowing only that W
 * lies in [lowTotal, highTotal]. The running sums are §3's exactly (sequential, in sorted
 * order); a decision "C_k ≥ q" (or "> q") is taken when fl(running / highTotal) and
 * fl(running / lowTotal) agree on it, since a rounded quotient is monotone in W, so the two
 * bracket fl(running / W). With lowTotal = highTotal = W every decision is certain;
 * otherwise a decision inside the bracket stops the scan as undecided (`isDone` false) and
 * the caller sums W and scans again. Writes 0.5·(v_left + v_right) per quantile to `output`.
 * Null values take part like numbers (Compatibility quirk: nulls can become the
 * percentile), so NaN comes out then.
 */
export class PercentileScan {
  /** Next position to add, and the sum of the weights before it. */
  position = 0;
  running = 0;
  /** Below this running weight no decision is due (C_k < q for every remaining q). */
  guard: number;
  private target = 0;
  private state = SCANNING;
  private readonly leftValues: Float64Array;

  constructor(
    readonly column: ScannedColumn,
    private readonly quantiles: readonly number[],
    private readonly lowTotal: number,
    private readonly highTotal: number,
    readonly output: Float64Array,
  ) {
    this.leftValues = new Float64Array(quantiles.length);
    this.guard = quantiles[0] * lowTotal * GUARD_MARGIN;
  }

  get isScanning(): boolean {
    return this.state === SCANNING;
  }

  get isDone(): boolean {
    return this.state === DONE;
  }

  /**
   * Adds the weight at `position` and, while scanning, takes the decisions due there. (After
   * the scan, steps only carry the running sum on, for binaryColumnQuartiles.)
   */
  step(): void {
    const { sortedSlots, count, values, stride, column, weightBySlot } = this.column;
    if (this.position >= count) {
      if (this.state === SCANNING) this.state = UNDECIDED; // q ≥ 1, or weights not > 0
      return;
    }
    const slot = sortedSlots[this.position++];
    this.running += weightBySlot[slot];
    if (this.state !== SCANNING || this.running < this.guard) return;
    const quantiles = this.quantiles;
    const lowCumulative = this.running / this.highTotal;
    const highCumulative = this.running / this.lowTotal;
    const value = values[slot * stride + column];
    const targetCount = 2 * quantiles.length;
    // Targets in position order: left of q0, right of q0, left of q1, … (left ≤ right ≤ next left).
    while (this.target < targetCount) {
      const index = this.target >> 1;
      const quantile = quantiles[index];
      const isLeft = (this.target & 1) === 0;
      if (isLeft ? !(lowCumulative >= quantile) : !(lowCumulative > quantile)) {
        if (isLeft ? highCumulative >= quantile : highCumulative > quantile) {
          this.state = UNDECIDED;
          return;
        }
        break;
      }
      if (isLeft) this.leftValues[index] = value;
      else this.output[index] = 0.5 * (this.leftValues[index] + value);
      this.target++;
    }
    if (this.target === targetCount) this.state = DONE;
    else this.guard = quantiles[this.target >> 1] * this.lowTotal * GUARD_MARGIN;
  }

  /**
   * Adds weights four at a time while the running sum stays below `guard` (no decision is
   * due there), stopping before the block that would reach it or near the end.
   */
  skipBelow(guard: number): void {
    const { sortedSlots, count, weightBySlot } = this.column;
    let position = this.position;
    let running = this.running;
    for (; position + 3 < count; position += 4) {
      // (((running + a) + b) + c) + d: the same sequential sums as one weight at a time,
      // and below the guard after the fourth means below it after each.
      const next =
        running +
        weightBySlot[sortedSlots[position]] +
        weightBySlot[sortedSlots[position + 1]] +
        weightBySlot[sortedSlots[position + 2]] +
        weightBySlot[sortedSlots[position + 3]];
      if (next >= guard) break;
      running = next;
    }
    this.position = position;
    this.running = running;
  }

  /** Runs the scan to its end. */
  finish(): void {
    while (this.state === SCANNING) {
      this.skipBelow(this.guard);
      this.step();
    }
  }
}

/**
 * Runs two scans to their ends in one loop, four weights at a time for both while both are
 * below their guards, then one at a time past a guard. (A running sum is a chain of
 * dependent additions, so two chains side by side cost little more than one.)
 */
export function finishScanPair(first: PercentileScan, second: PercentileScan): void {
  const firstSlots = first.column.sortedSlots;
  const secondSlots = second.column.sortedSlots;
  const firstWeights = first.column.weightBySlot;
  const secondWeights = second.column.weightBySlot;
  const limit = Math.min(first.column.count, second.column.count) - 3;
  while (first.isScanning && second.isScanning) {
    let firstPosition = first.position;
    let secondPosition = second.position;
    let firstRunning = first.running;
    let secondRunning = second.running;
    const firstGuard = first.guard;
    const secondGuard = second.guard;
    while (firstPosition < limit && secondPosition < limit) {
      const firstNext =
        firstRunning +
        firstWeights[firstSlots[firstPosition]] +
        firstWeights[firstSlots[firstPosition + 1]] +
        firstWeights[firstSlots[firstPosition + 2]] +
        firstWeights[firstSlots[firstPosition + 3]];
      const secondNext =
        secondRunning +
        secondWeights[secondSlots[secondPosition]] +
        secondWeights[secondSlots[secondPosition + 1]] +
        secondWeights[secondSlots[secondPosition + 2]] +
        secondWeights[secondSlots[secondPosition + 3]];
      if (firstNext >= firstGuard || secondNext >= secondGuard) break;
      firstRunning = firstNext;
      secondRunning = secondNext;
      firstPosition += 4;
      secondPosition += 4;
    }
    first.position = firstPosition;
    first.running = firstRunning;
    second.position = secondPosition;
    second.running = secondRunning;
    if (firstPosition >= limit || secondPosition >= limit) break;
    first.step();
    second.step();
  }
  first.finish();
  second.finish();
}
