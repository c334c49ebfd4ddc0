// What the CP entries of one weighting share (docs/maths.md §3, §4, §6, §15.4).
import type { ColumnQuartiles } from './column-statistics.ts';
import type { WeightVector } from './recency-weights.ts';

/**
 * Computed once per active set and weighting (recency or uniform): `recency_weighted` and
 * `log_odds_mean` read the same quartiles and means, and each entry adds only its own centre.
 */
export interface WeightedStatistics {
  weights: WeightVector;
  /** §4 column means (binary, MC) or §6 mean CDF: Σ w·v / Σ w per column, active-set order. */
  means: Float64Array;
  /** §3 25th / 50th / 75th weighted percentiles per column; null for continuous questions. */
  quartiles: ColumnQuartiles | null;
  /** Binary §15.4: Σ w·ln(p / (1 − p)) in active-set order; NaN when not asked for. */
  logOddsSum: number;
  /** MC §15.4: Σ w·ln v_j, then Σ w, per option over non-null values; null when not asked for. */
  logColumnSums: Float64Array | null;
}
