// The unit that gets scored (docs/maths.md §0 "item"): a forecast or a CP history entry, with its PMF.

export interface ScoringItem {
  startTime: number;
  /** null = standing (forecast) or still-open last entry (CP history) */
  endTime: number | null;
  /** PMF of docs/maths.md §8: 2 entries (binary), K_all (MC, NaN = unavailable) or n + 2 (continuous). */
  pmf: Float64Array;
}
