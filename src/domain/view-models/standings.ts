// What leaderboard, tournament and track-record pages and API responses are built from
// (services/standings, services/tournaments; stored rows of migration 0030).
import type { CalibrationBin } from '../../core/calibration/calibration-table.ts';
import type { FeedbackCard } from '../calibration-feedback.ts';

export type { CalibrationBin, FeedbackCard };

export interface PublicProfile {
  id: number;
  username: string;
  displayName: string | null;
}

export interface ScoredQuestionRow {
  id: number;
  title: string;
  type: string;
  resolution: string | null;
  resolvedAt: Date | null;
  tournamentId: number | null;
  tournamentSlug: string | null;
  tournamentTitle: string | null;
}

/** Score types a track record shows, in column order. */
export const TRACK_RECORD_SCORE_TYPES = ['peer', 'baseline', 'brier', 'log'] as const;
export type TrackRecordScoreType = (typeof TRACK_RECORD_SCORE_TYPES)[number];

/** The CP entry the viewer may see (services/forecasts/forecast-views.ts CpEntryView). */
export interface CpEntryLike {
  forecast_values: Array<number | null>;
}

export interface StoredLeaderboard {
  key: string;
  scoreType: string;
  tournamentId: number | null;
  timeWindow: string;
  windowStart: Date | null;
  windowEnd: Date | null;
  questionCount: number;
  /** Rows shown (exclusion status ≤ 2), the CP row included. */
  entryCount: number;
  isFinalized: boolean;
  computedAt: Date;
}

export interface StoredEntry {
  position: number;
  userId: number | null;
  aggregationMethod: string | null;
  score: number;
  coverage: number;
  contributionCount: number;
  take: number | null;
  rank: number;
  exclusionStatus: number;
  percentPrize: number;
  prize: number | null;
  medal: 'gold' | 'silver' | 'bronze' | null;
}

export interface StoredEntryWithUser extends StoredEntry {
  username: string | null;
  displayName: string | null;
}

/** A tournament with its leaderboard settings (migrations 0002, 0030). */
export interface TournamentDetails {
  id: number;
  slug: string;
  title: string;
  description: string;
  startTime: Date | null;
  closeTime: Date | null;
  createdAt: Date;
  scoreType: string;
  prizePool: number | null;
  minimumPrizeAmount: number;
  isFinalized: boolean;
  finalizeTime: Date | null;
  finalizedAt: Date | null;
}

export interface TournamentQuestionRow {
  id: number;
  title: string;
  type: string;
  status: string;
  questionWeight: number;
  resolution: string | null;
  scheduledCloseTime: Date | null;
}

export interface LeaderboardView {
  board: StoredLeaderboard;
  entries: StoredEntryWithUser[];
  /** Entries shown (status ≤ 2), the CP row included. */
  total: number;
  offset: number;
  limit: number;
  /** The viewer's own row, wherever it is on the board. */
  myEntry: StoredEntryWithUser | null;
  /** Windows with a stored board for this score type, for the selector. */
  windows: string[];
}
export interface TournamentQuestionView extends TournamentQuestionRow {
  communityPrediction: CpEntryLike | null;
  forecasterCount: number;
}

export interface TournamentView {
  tournament: TournamentDetails;
  questions: TournamentQuestionView[];
  leaderboard: Omit<LeaderboardView, 'windows'>;
}

export type ScoreCell = { score: number; coverage: number } | null;

export interface TrackRecordQuestion extends ScoredQuestionRow {
  mine: Record<TrackRecordScoreType, ScoreCell>;
  cp: Record<TrackRecordScoreType, ScoreCell>;
}

export interface ScoreTotal {
  scoreType: TrackRecordScoreType;
  count: number;
  total: number;
  /** null with count 0 */
  average: number | null;
  cpCount: number;
  cpTotal: number;
  cpAverage: number | null;
}

export interface TrackRecordFilters {
  tag: string | null;
  tournamentSlug: string | null;
}

export interface TrackRecord {
  user: PublicProfile;
  filters: TrackRecordFilters;
  questions: TrackRecordQuestion[];
  totals: ScoreTotal[];
  calibration: CalibrationBin[];
  feedback: FeedbackCard[];
}

export interface CpTrackRecord {
  filters: TrackRecordFilters;
  questionCount: number;
  calibration: CalibrationBin[];
  feedback: FeedbackCard[];
}
