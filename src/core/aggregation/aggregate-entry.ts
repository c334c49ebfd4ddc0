// Computes one CP entry from an active-set view: the kernel shared by every CP producer.
import type { AggregateEntry, AggregationMethod, CoreQuestion } from '../types.ts';
import {
  type ActiveSetView,
  type AggregationOptions,
  isContinuousType,
} from './active-set-view.ts';
import { binaryEntry } from './binary-cp.ts';
import { continuousEntry } from './continuous-cp.ts';
import { logOddsMeanEntry } from './log-odds-mean.ts';
import { multipleChoiceEntry } from './multiple-choice-cp.ts';
import type { WeightVector } from './recency-weights.ts';

/**
 * The §4 / §5 / §6 / §15.4 entry of a non-empty active set. `weights` is the method's weight
 * vector by active-set rank (ones when uniform) with its sum, and `weightBySlot` the same
 * weights indexed by slot (binary and MC only: continuous entries do not read it). `aggregateActiveSet` (history, at-time queries) and the incremental engine both end
 * here, so their results are bit-identical for the same active set.
 */
export function computeAggregateEntry(
  question: CoreQuestion,
  method: AggregationMethod,
  view: ActiveSetView,
  weights: WeightVector,
  weightBySlot: Float64Array,
  options: AggregationOptions = {},
): AggregateEntry {
  if (view.count === 0) throw new RangeError('a CP entry needs at least one active forecast');
  if (isContinuousType(question.type)) {
    // §15.4: log_odds_mean is not defined for continuous questions and returns the
    // recency-weighted entry; the caller already passes recency weights for it.
    return continuousEntry(question, view, weights, options.includeScaledQuartiles === true);
  }
  const isBinary = question.type === 'binary';
  if (method === 'log_odds_mean') {
    return logOddsMeanEntry(isBinary, view, weights, weightBySlot, options.extremize ?? 1);
  }
  if (isBinary) {
    return binaryEntry(view, weights, weightBySlot, options.includeHistogram === true);
  }
  return multipleChoiceEntry(view, weights, weightBySlot);
}
