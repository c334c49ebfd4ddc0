// The §3 quartiles of both binary columns from one scan of column 1 (docs/maths.md §3, §4).
//
// Column 0 holds c = 1 − p (rounded), which never increases as p grows: the items of one
// value c sit together in column 1's order, and these groups come in descending c, so column
// 1's order read group by group is column 0's order backwards (inside a group the orders may
// differ, but a group has a single value). Column 0's running sum at the end of a group adds
// the weights of the items with c ≤ the group's c; exactly, that is W minus column 1's
// running sum where the group starts. Each computed sum errs by at most γ_N·W (γ_N = N·u /
// (1 − N·u), u = 2⁻⁵³, sequential sums of weights ≥ 0), so a decision C_k ≥ q (or > q) at a
// group end of column 0 can be taken from column 1's running sum when it is clear of q by a
// few N·u; its value is the group's c. C_k only grows along column 0, so the first group end
// that meets q holds the decision. A decision within the margin (rare with recency weights;
// uniform weights sum exactly, so their margin is 0) sends column 0 to its own exact scan.
// The results are §3's to the last bit either way.
import type { ActiveSetView } from './active-set-view.ts';
import type { ColumnQuartiles } from './column-statistics.ts';
import { PercentileScan } from './percentile-scan.ts';
import type { WeightVector } from './recency-weights.ts';
import { weightedColumnPercentiles } from './weighted-percentile.ts';

const QUARTILES: readonly number[] = [0.25, 0.5, 0.75];
/** Column 0 checks group ends once column 1's sum is within this share of W of a decision. */
const GUARD_MARGIN = 4e-12;

/**
 * Column 0's decisions in the order column 1's scan meets them: column 0's C at the current
 * group end falls from 1 as the scan goes on, so "C > 0.75" fails first, then "C ≥ 0.75",
 * then the median's two, then the 25th's.
 */
const TARGET_QUANTILES = [0.75, 0.75, 0.5, 0.5, 0.25, 0.25];
const TARGET_IS_LEFT = [false, true, false, true, false, true];
/** Output index of a target's quantile (0.25 → 0, 0.5 → 1, 0.75 → 2). */
const TARGET_OUTPUT = [2, 2, 1, 1, 0, 0];

const PENDING = 0;
const DONE = 1;
const UNDECIDED = 2;

/**
 * Column 0's side of the scan. At each group start in column 1's order (a change of c), the
 * decisions that stop holding there take the value c of the group just passed.
 */
class ComplementScan {
  /** Column 1's running sums below this need no check: every pending decision holds. */
  guard: number;
  readonly output = new Float64Array(3);
  private state = PENDING;
  private target = 0;
  private readonly rightValues = new Float64Array(3);
  private readonly lowTotal: number;
  private readonly highTotal: number;

  constructor(
    private readonly total: number,
    totalSlack: number,
    /** Bound on |column 0's sum at a group end − (total − column 1's sum at its start)|. */
    private readonly margin: number,
  ) {
    this.lowTotal = total - totalSlack;
    this.highTotal = total + totalSlack;
    this.guard = this.guardFor(TARGET_QUANTILES[0]);
  }

  get isPending(): boolean {
    return this.state === PENDING;
  }

  get isDone(): boolean {
    return this.state === DONE;
  }

  /** A group starts where column 1's running sum is `running`; c was `previousValue` before. */
  groupStart(running: number, previousValue: number): void {
    const remaining = this.total - running;
    const lowCumulative = (remaining - this.margin) / this.highTotal;
    const highCumulative = (remaining + this.margin) / this.lowTotal;
    while (this.target < TARGET_QUANTILES.length) {
      const quantile = TARGET_QUANTILES[this.target];
      const isLeft = TARGET_IS_LEFT[this.target];
      if (isLeft ? lowCumulative >= quantile : lowCumulative > quantile) break; // holds
      if (isLeft ? !(highCumulative < quantile) : !(highCumulative <= quantile)) {
        this.state = UNDECIDED;
        return;
      }
      this.decide(previousValue);
    }
    this.settle();
  }

  /** Column 1's order is exhausted: the decisions still holding fall on its last group. */
  end(lastValue: number): void {
    if (this.state !== PENDING) return;
    while (this.target < TARGET_QUANTILES.length) this.decide(lastValue);
    this.settle();
  }

  /** (total − running − margin) / highTotal ≥ q + 4e-12 below it, so "C ≥ q" certainly holds. */
  private guardFor(quantile: number): number {
    const total = this.total;
    return total - this.margin - quantile * this.highTotal - GUARD_MARGIN * total;
  }

  private decide(value: number): void {
    const index = TARGET_OUTPUT[this.target];
    // The right value of a quantile comes first here; 0.5·(left + right) as §3 writes it.
    if (TARGET_IS_LEFT[this.target]) this.output[index] = 0.5 * (value + this.rightValues[index]);
    else this.rightValues[index] = value;
    this.target++;
  }

  private settle(): void {
    if (this.target === TARGET_QUANTILES.length) {
      this.state = DONE;
      this.guard = Number.POSITIVE_INFINITY;
    } else {
      this.guard = this.guardFor(TARGET_QUANTILES[this.target]);
    }
  }
}

/**
 * The 25th / 50th / 75th weighted percentiles of both columns of a binary active set
 * ([1 − p, p] per slot), equal to columnQuartiles: one scan of column 1 decides both (see
 * the top of this file), four weights at a time between decisions.
 */
export function binaryColumnQuartiles(
  view: ActiveSetView,
  weights: WeightVector,
  weightBySlot: Float64Array,
): ColumnQuartiles {
  const { count, values } = view;
  const { total, totalSlack } = weights;
  const sortedSlots = view.sortedColumns[1];
  const column = { sortedSlots, count, values, stride: 2, column: 1, weightBySlot };
  const output = new Float64Array(3);
  const scan = new PercentileScan(
    column,
    QUARTILES,
    total - totalSlack,
    total + totalSlack,
    output,
  );
  // 3·γ_N·W plus roundings is below 2·slack = 8·N·u·W; 0 for uniform weights (exact sums).
  const complement = new ComplementScan(total, totalSlack, 2 * totalSlack);
  while (scan.position < count && (scan.isScanning || complement.isPending)) {
    scan.skipBelow(
      Math.min(scan.isScanning ? scan.guard : Number.POSITIVE_INFINITY, complement.guard),
    );
    const position = scan.position;
    if (position >= count) break;
    // One item: first the group start it may be (column 0), then its weight (column 1).
    if (complement.isPending && position > 0 && scan.running >= complement.guard) {
      const previousValue = values[2 * sortedSlots[position - 1]];
      if (values[2 * sortedSlots[position]] !== previousValue) {
        complement.groupStart(scan.running, previousValue);
      }
    }
    scan.step();
  }
  complement.end(values[2 * sortedSlots[count - 1]]);
  const column0 = complement.isDone ? complement.output : exactQuartiles(view, 0, weightBySlot);
  const column1 = scan.isDone ? output : exactQuartiles(view, 1, weightBySlot);
  return {
    lower: Float64Array.of(column0[0], column1[0]),
    median: Float64Array.of(column0[1], column1[1]),
    upper: Float64Array.of(column0[2], column1[2]),
  };
}

/** A binary column's quartiles by the exact §3 scan (W summed in that column's order). */
function exactQuartiles(
  view: ActiveSetView,
  column: number,
  weightBySlot: Float64Array,
): Float64Array {
  const quartiles = new Float64Array(3);
  const slots = view.sortedColumns[column];
  const { count, values } = view;
  weightedColumnPercentiles(slots, count, values, 2, column, weightBySlot, QUARTILES, quartiles);
  return quartiles;
}
