// Computes CP entries from an active-set view: the kernel shared by every CP producer.
import type { AggregateEntry, AggregationMethod, CoreQuestion } from '../types.ts';
import {
  type ActiveSetView,
  type AggregationOptions,
  isContinuousType,
} from './active-set-view.ts';
import { binaryEntry } from './binary-cp.ts';
import { binaryColumnQuartiles } from './binary-quartiles.ts';
import { columnMeans, columnQuartiles, uniformColumnQuartiles } from './column-statistics.ts';
import { continuousEntry } from './continuous-cp.ts';
import { binaryLogOddsSum, logOddsMeanEntry, multipleChoiceLogSums } from './log-odds-mean.ts';
import { multipleChoiceEntry } from './multiple-choice-cp.ts';
import type { WeightVector } from './recency-weights.ts';
import type { WeightedStatistics } from './weighted-statistics.ts';

export type { WeightedStatistics } from './weighted-statistics.ts';

/**
 * The weighted statistics of a non-empty active set that the entries of every method with
 * these weights read (§3 quartiles, §4 / §6 means, §15.4 log sums when `needsLogSums`).
 * `weights` is the weight vector by active-set rank (ones when uniform) with its sum, and
 * `weightBySlot` the same weights indexed by slot (binary and MC with recency weights only;
 * uniform quartiles and continuous entries do not read it). `recency_weighted` and
 * `log_odds_mean` share one weighting, so a store holding both computes this once.
 */
export function weightedStatistics(
  question: CoreQuestion,
  view: ActiveSetView,
  weights: WeightVector,
  weightBySlot: Float64Array,
  needsLogSums: boolean,
): WeightedStatistics {
  if (view.count === 0) throw new RangeError('a CP entry needs at least one active forecast');
  const means = columnMeans(view, weights);
  if (isContinuousType(question.type)) {
    return { weights, means, quartiles: null, logOddsSum: Number.NaN, logColumnSums: null };
  }
  const isBinary = question.type === 'binary';
  let quartiles: WeightedStatistics['quartiles'];
  if (weights.isUniform) quartiles = uniformColumnQuartiles(view);
  else if (isBinary) quartiles = binaryColumnQuartiles(view, weights, weightBySlot);
  else quartiles = columnQuartiles(view, weights, weightBySlot);
  return {
    weights,
    means,
    quartiles,
    logOddsSum: needsLogSums && isBinary ? binaryLogOddsSum(view, weights) : Number.NaN,
    logColumnSums: needsLogSums && !isBinary ? multipleChoiceLogSums(view, weights) : null,
  };
}

/** Whether `method` reads the §15.4 log sums on questions of this type. */
export function needsLogSums(question: CoreQuestion, method: AggregationMethod): boolean {
  return method === 'log_odds_mean' && !isContinuousType(question.type);
}

/**
 * The §4 / §5 / §6 / §15.4 entry of `method` from the statistics of its weighting. Every
 * producer (history, at-time queries, the incremental engine) ends here, so their results are
 * bit-identical for the same active set.
 */
export function entryFromStatistics(
  question: CoreQuestion,
  method: AggregationMethod,
  view: ActiveSetView,
  statistics: WeightedStatistics,
  options: AggregationOptions = {},
): AggregateEntry {
  if (isContinuousType(question.type)) {
    // §15.4: log_odds_mean is not defined for continuous questions and returns the
    // recency-weighted entry; the caller already passes recency weights for it.
    return continuousEntry(question, view, statistics, options.includeScaledQuartiles === true);
  }
  const isBinary = question.type === 'binary';
  if (method === 'log_odds_mean') {
    return logOddsMeanEntry(isBinary, view, statistics, options.extremize ?? 1);
  }
  if (isBinary) return binaryEntry(view, statistics, options.includeHistogram === true);
  return multipleChoiceEntry(view, statistics);
}

/** One entry from scratch: the statistics of `method`'s weights, then its entry. */
export function computeAggregateEntry(
  question: CoreQuestion,
  method: AggregationMethod,
  view: ActiveSetView,
  weights: WeightVector,
  weightBySlot: Float64Array,
  options: AggregationOptions = {},
): AggregateEntry {
  const logs = needsLogSums(question, method);
  const statistics = weightedStatistics(question, view, weights, weightBySlot, logs);
  return entryFromStatistics(question, method, view, statistics, options);
}
