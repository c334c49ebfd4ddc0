// Shared vocabulary of the maths core (docs/maths.md §0, §16.1): validated bundles, CP entries, scores.

export type QuestionType = 'binary' | 'multiple_choice' | 'numeric' | 'date' | 'discrete';

export const QUESTION_TYPES: readonly QuestionType[] = [
  'binary',
  'multiple_choice',
  'numeric',
  'date',
  'discrete',
];

export type AggregationMethod = 'recency_weighted' | 'unweighted' | 'log_odds_mean';

export const AGGREGATION_METHODS: readonly AggregationMethod[] = [
  'recency_weighted',
  'unweighted',
  'log_odds_mean',
];

/** A question as the maths sees it. Times are integer unix seconds. */
export interface CoreQuestion {
  id: number;
  type: QuestionType;
  openTime: number;
  scheduledCloseTime: number;
  /** null = still open */
  actualCloseTime: number | null;
  /** Continuous only (date: unix seconds; discrete: padded by half a unit). */
  rangeMin?: number;
  rangeMax?: number;
  /** null = linear scale */
  zeroPoint?: number | null;
  openLowerBound?: boolean;
  openUpperBound?: boolean;
  /** n; the CDF has n + 1 points. Default 200. */
  inboundOutcomeCount?: number;
  /** MC: every option ever listed, in the all-options order of docs/maths.md §0, catch-all last. */
  allOptions?: string[];
  /** Scoring only. */
  resolution?: string;
  /** Scoring only; null = actualCloseTime. */
  spotScoringTime?: number | null;
}

/**
 * One forecast row. `values` holds, per type:
 * binary: [p] (P(yes)); MC: one entry per all-options index (NaN = unavailable);
 * continuous: the n + 1 CDF points.
 */
export interface CoreForecast {
  id: number;
  userId: number;
  startTime: number;
  /** null = standing */
  endTime: number | null;
  values: Float64Array | number[];
}

export interface CoreBundle {
  question: CoreQuestion;
  forecasts: CoreForecast[];
  atTimes?: number[];
}

/** One CP entry (docs/maths.md §4–6, §16.2). NaN inside the maths = null in output. */
export interface AggregateEntry {
  forecasterCount: number;
  forecastValues: number[];
  intervalLowerBounds: number[];
  centers: number[];
  intervalUpperBounds: number[];
  /** null for continuous questions */
  means: number[] | null;
  /** binary recency_weighted at-time entries only (100 bins) */
  histogram?: number[];
  /** continuous at-time entries only */
  scaledQuartiles?: [number, number, number];
  /** null = uniform weights */
  weights?: number[] | null;
}

export interface HistoryEntry extends AggregateEntry {
  startTime: number;
  endTime: number | null;
}

export interface ScoreValue {
  score: number;
  coverage: number;
}

export type ScoreType = 'baseline' | 'peer' | 'spot_baseline' | 'spot_peer' | 'relative_legacy';

export const SCORE_TYPES: readonly ScoreType[] = [
  'baseline',
  'peer',
  'spot_baseline',
  'spot_peer',
  'relative_legacy',
];

export type ExtraScoreType = 'brier' | 'spot_brier' | 'log' | 'spot_log';
