// One weighting (recency or uniform) of an ActiveSetStore: its weights by slot, the partial
// sums kept between entries, and the statistics of the current active set (docs/maths.md §2–§4, §6).
import type { AggregationMethod, CoreQuestion } from '../types.ts';
import { type ActiveSetView, isContinuousType } from './active-set-view.ts';
import { weightedStatistics } from './aggregate-entry.ts';
import {
  BINARY_SUMS_PER_BLOCK,
  sumBinaryPair,
  sumUniformBinary,
  sumWeightedBinary,
} from './binary-sums.ts';
import { sumMultipleChoicePair } from './multiple-choice-sums.ts';
import {
  MethodWeightsCache,
  sameWeightsByRank,
  usesRecencyWeights,
  type WeightVector,
} from './recency-weights.ts';
import type { WeightedStatistics } from './weighted-statistics.ts';

/**
 * The methods with recency weights (`recency_weighted`, `log_odds_mean`) share one weighting,
 * `unweighted` has the other. Ranks below `settledRanks` kept their slot since the last
 * statistics; when those had the same weights (the same N, or uniform weights), their
 * weightBySlot and block sums still hold, and the next statistics fill weights and resume the
 * sums from there (exactly the same partial sums: same terms, same order). Updates mostly
 * replace a forecast, which keeps N; past N = 1,000 a new forecaster keeps the weights too.
 */
export class StoreWeighting {
  readonly isRecency: boolean;
  /** Weight by slot for the §3 scans; stays all ones for the uniform weighting. */
  weightBySlot: Float64Array;
  private settledRanks = 0;
  private settledCount = 0;
  /** Binary: BINARY_SUMS_PER_BLOCK sums per block of 4 ranks (binary-sums.ts). */
  private binaryBlockSums: Float64Array;
  /** MC, continuous: the means' sums after each block of 8 ranks (weightedColumnSums). */
  private meanBlockSums: Float64Array;
  /** MC log_odds_mean: the log sums after each block of 8 ranks. */
  private logBlockSums: Float64Array;
  private readonly weightsCache: MethodWeightsCache;
  private statistics: WeightedStatistics | null = null;
  private statisticsVersion = -1;
  private partner: StoreWeighting | null = null;
  /** The binary sums of the last statistics, reused (see takeColumnSums). */
  private readonly sumsOutput = new Float64Array(BINARY_SUMS_PER_BLOCK);
  private readonly columnSums = new Float64Array(2);

  constructor(
    private readonly question: CoreQuestion,
    private readonly stride: number,
    method: AggregationMethod,
    /** Whether a method of this weighting reads the §15.4 log sums. */
    private readonly needsLogSums: boolean,
    capacity: number,
  ) {
    this.isRecency = usesRecencyWeights(method);
    this.weightsCache = new MethodWeightsCache(method);
    this.weightBySlot = new Float64Array(0);
    this.binaryBlockSums = this.meanBlockSums = this.logBlockSums = this.weightBySlot;
    this.resize(capacity);
  }

  /** New arrays for `capacity` slots (ranks): nothing from before is reused. */
  resize(capacity: number): void {
    const { stride } = this;
    this.weightBySlot = new Float64Array(capacity);
    if (!this.isRecency) this.weightBySlot.fill(1);
    const isBinary = this.question.type === 'binary';
    this.binaryBlockSums = new Float64Array(isBinary ? (capacity / 4) * BINARY_SUMS_PER_BLOCK : 0);
    this.meanBlockSums = new Float64Array(isBinary ? 0 : (capacity / 8) * stride);
    const hasLogBlocks = this.needsLogSums && !isBinary;
    this.logBlockSums = new Float64Array(hasLogBlocks ? (capacity / 8) * stride : 0);
    this.settledRanks = 0;
    this.statistics = null;
  }

  /** The slot at `rank` changed (an insertion or removal there): later ranks moved. */
  changedAt(rank: number): void {
    this.settledRanks = Math.min(this.settledRanks, rank);
  }

  /**
   * Binary and MC stores with `log_odds_mean` and `unweighted`: the two weightings compute
   * their sums in one pass (binary-sums.ts, multiple-choice-sums.ts), whichever is asked first.
   */
  static pair(recency: StoreWeighting, uniform: StoreWeighting): void {
    const { type } = recency.question;
    const isPairable = type === 'binary' || type === 'multiple_choice';
    if (!(isPairable && recency.isRecency && recency.needsLogSums && !uniform.isRecency)) {
      throw new RangeError('a pair is a recency weighting with log sums and a uniform one');
    }
    recency.partner = uniform;
    uniform.partner = recency;
  }

  /** The statistics of the store's active set at `version` (computed once per version). */
  statisticsOf(view: ActiveSetView, version: number): WeightedStatistics {
    if (this.statistics !== null && this.statisticsVersion === version) return this.statistics;
    if (this.partner !== null) {
      const [recency, uniform] = this.isRecency ? [this, this.partner] : [this.partner, this];
      StoreWeighting.sumPair(recency, uniform, view, version);
      return this.statistics as WeightedStatistics;
    }
    const start = this.startSums(view.count);
    // The store makes a view per entry: the sums go on it (no copy per entry).
    const summed = view;
    if (this.question.type === 'binary') {
      this.sumBinary(view, start, summed);
    } else {
      if (this.isRecency && !isContinuousType(this.question.type)) {
        fillWeights(view.order, view.count, start.weights.weights, this.weightBySlot, start.rank);
      }
      summed.meanBlockSums = { sums: this.meanBlockSums, firstRank: start.rank };
      if (this.logBlockSums.length > 0) {
        summed.logBlockSums = { sums: this.logBlockSums, firstRank: start.rank };
      }
    }
    return this.finish(summed, start.weights, version);
  }

  /** Both statistics of a pair (see `pair`) from one pass of sums. */
  private static sumPair(
    recency: StoreWeighting,
    uniform: StoreWeighting,
    view: ActiveSetView,
    version: number,
  ): void {
    const recencyStart = recency.startSums(view.count);
    const uniformStart = uniform.startSums(view.count);
    const firstRank = Math.min(recencyStart.rank, uniformStart.rank);
    const weights = recencyStart.weights.weights;
    const logValues = view.logValues as Float64Array;
    const { order, values, count, stride } = view;
    if (recency.question.type === 'binary') {
      const output = recency.sumsOutput;
      const uniformOutput = uniform.sumsOutput;
      sumBinaryPair(
        { order, values, count, firstRank, blockSums: recency.binaryBlockSums, output },
        weights,
        recency.weightBySlot,
        logValues,
        { blockSums: uniform.binaryBlockSums, output: uniformOutput },
      );
      recency.takeColumnSums();
      uniform.takeColumnSums();
      const recencySums = { ...view, columnSums: recency.columnSums, logOddsSum: output[2] };
      recency.finish(recencySums, recencyStart.weights, version);
      uniform.finish({ ...view, columnSums: uniform.columnSums }, uniformStart.weights, version);
      return;
    }
    fillWeights(order, count, weights, recency.weightBySlot, recencyStart.rank);
    const sums = {
      weighted: new Float64Array(stride),
      logs: new Float64Array(stride),
      uniform: new Float64Array(stride),
    };
    sumMultipleChoicePair({
      order,
      values,
      logValues,
      stride,
      count,
      weights,
      firstRank,
      weightedBlocks: recency.meanBlockSums,
      logBlocks: recency.logBlockSums,
      uniformBlocks: uniform.meanBlockSums,
      ...sums,
    });
    const recencySums = { ...view, columnSums: sums.weighted, logColumnSums: sums.logs };
    recency.finish(recencySums, recencyStart.weights, version);
    uniform.finish({ ...view, columnSums: sums.uniform }, uniformStart.weights, version);
  }

  /**
   * The weights for N = `count` and the first rank whose sums must be recomputed: up to
   * N = 1,000 a new N changes every recency weight; past it the weight of a rank is the same
   * for every N (exp-root-table.ts), and uniform weights are ones whatever N is.
   */
  private startSums(count: number): SumsStart {
    const weights = this.weightsCache.get(count);
    const isSameWeights = !this.isRecency || sameWeightsByRank(count, this.settledCount);
    const rank = isSameWeights ? Math.min(this.settledRanks, count) : 0;
    this.settledRanks = count;
    this.settledCount = count;
    return { weights, rank };
  }

  private finish(
    summed: ActiveSetView,
    weights: WeightVector,
    version: number,
  ): WeightedStatistics {
    this.statistics = weightedStatistics(
      this.question,
      summed,
      weights,
      this.weightBySlot,
      this.needsLogSums,
    );
    this.statisticsVersion = version;
    return this.statistics;
  }

  /** The binary sums from `start.rank` on (binary-sums.ts), into `summed`. */
  private sumBinary(view: ActiveSetView, start: SumsStart, summed: ActiveSetView): void {
    const output = this.sumsOutput;
    const { order, values, count } = view;
    const firstRank = start.rank;
    const input = { order, values, count, firstRank, blockSums: this.binaryBlockSums, output };
    const logValues = this.needsLogSums ? view.logValues : undefined;
    const weights = start.weights.weights;
    if (this.isRecency) sumWeightedBinary(input, weights, this.weightBySlot, logValues);
    else if (logValues === undefined) sumUniformBinary(input);
    else throw new RangeError('log sums come with recency weights');
    this.takeColumnSums();
    summed.columnSums = this.columnSums;
    if (logValues !== undefined) summed.logOddsSum = output[2];
  }

  /** columnSums = the first two binary sums (reused arrays: entries copy what they keep). */
  private takeColumnSums(): void {
    this.columnSums[0] = this.sumsOutput[0];
    this.columnSums[1] = this.sumsOutput[1];
  }
}

interface SumsStart {
  weights: WeightVector;
  /** First rank whose weights and sums are not kept from the last statistics. */
  rank: number;
}

/**
 * weightBySlot[order[rank]] = weights[rank] for the ranks from `firstRank` on (the others
 * hold already): the weights the §3 scans read by slot. Four ranks per pass.
 */
function fillWeights(
  order: Int32Array,
  count: number,
  weights: Float64Array,
  weightBySlot: Float64Array,
  firstRank: number,
): void {
  let rank = firstRank;
  for (; rank + 3 < count; rank += 4) {
    weightBySlot[order[rank]] = weights[rank];
    weightBySlot[order[rank + 1]] = weights[rank + 1];
    weightBySlot[order[rank + 2]] = weights[rank + 2];
    weightBySlot[order[rank + 3]] = weights[rank + 3];
  }
  for (; rank < count; rank++) weightBySlot[order[rank]] = weights[rank];
}
