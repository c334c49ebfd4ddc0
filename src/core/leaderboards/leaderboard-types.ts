// Vocabulary of leaderboards built from per-question scores (docs/maths.md §13, §16.4).

/** The eight board types built from per-question scores (comment/question boards are not). */
export type LeaderboardScoreType =
  | 'peer_global'
  | 'peer_global_legacy'
  | 'peer_tournament'
  | 'default'
  | 'spot_peer_tournament'
  | 'spot_baseline_tournament'
  | 'relative_legacy_tournament'
  | 'baseline_global';

export const LEADERBOARD_SCORE_TYPES: readonly LeaderboardScoreType[] = [
  'peer_global',
  'peer_global_legacy',
  'peer_tournament',
  'default',
  'spot_peer_tournament',
  'spot_baseline_tournament',
  'relative_legacy_tournament',
  'baseline_global',
];

/** 0 include; 1 no prize; 2 shown without rank/prize/medal; 3 as 2, advanced view only; 4 excluded. */
export type ExclusionStatus = 0 | 1 | 2 | 3 | 4;

/** Aggregation rows (the CP) are always shown without rank, prize or medal. */
export const AGGREGATION_EXCLUSION_STATUS: ExclusionStatus = 2;

export type Medal = 'gold' | 'silver' | 'bronze';

export interface LeaderboardSettings {
  scoreType: LeaderboardScoreType;
  /** null = no prize pool */
  prizePool: number | null;
  minimumPrizeAmount: number;
  /** Medals are handed out only on a finalised board. */
  finalize: boolean;
}

export interface LeaderboardQuestion {
  id: number;
  questionWeight: number;
  resolution: string | null;
}

/** One per-question score of the board's base score type; exactly one identifier is non-null. */
export interface LeaderboardScoreRow {
  userId: number | null;
  aggregationMethod: string | null;
  questionId: number;
  score: number;
  coverage: number;
}

export interface LeaderboardInput {
  leaderboard: LeaderboardSettings;
  questions: LeaderboardQuestion[];
  scores: LeaderboardScoreRow[];
  /** user id → status; users not listed are 0 */
  exclusionStatus: ReadonlyMap<number, ExclusionStatus>;
}

/** One output row, fields in the order docs/maths.md §13 prints them. */
export interface LeaderboardEntry {
  userId: number | null;
  aggregationMethod: string | null;
  score: number;
  coverage: number;
  contributionCount: number;
  take: number | null;
  rank: number;
  exclusionStatus: ExclusionStatus;
  percentPrize: number;
  /** null for entries that cannot win (status ≠ 0) */
  prize: number | null;
  medal: Medal | null;
}
