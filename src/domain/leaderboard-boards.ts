// Which leaderboards exist and what feeds them (docs/maths.md §13, docs/decisions.md
// "Leaderboards and track records").
import type { LeaderboardScoreType } from '../core/leaderboards/leaderboard-types.ts';

/** The site-wide boards, over a time window of resolution dates. */
export type GlobalScoreType = 'peer_global' | 'baseline_global';
export const GLOBAL_SCORE_TYPES: readonly GlobalScoreType[] = ['peer_global', 'baseline_global'];

/** Boards a tournament may use (built from per-question scores of its questions). */
export type TournamentScoreType =
  | 'peer_tournament'
  | 'spot_peer_tournament'
  | 'spot_baseline_tournament'
  | 'relative_legacy_tournament';
export const TOURNAMENT_SCORE_TYPES: readonly TournamentScoreType[] = [
  'peer_tournament',
  'spot_peer_tournament',
  'spot_baseline_tournament',
  'relative_legacy_tournament',
];

/** The per-question score type each board is built from (docs/maths.md §13, last paragraph). */
export const BASE_SCORE_TYPE: Record<GlobalScoreType | TournamentScoreType, string> = {
  peer_global: 'peer',
  baseline_global: 'baseline',
  peer_tournament: 'peer',
  spot_peer_tournament: 'spot_peer',
  spot_baseline_tournament: 'spot_baseline',
  relative_legacy_tournament: 'relative_legacy',
};

export function isTournamentScoreType(value: string): value is TournamentScoreType {
  return (TOURNAMENT_SCORE_TYPES as readonly string[]).includes(value);
}

export function isGlobalScoreType(value: string): value is GlobalScoreType {
  return (GLOBAL_SCORE_TYPES as readonly string[]).includes(value);
}

export const LAST_90_DAYS = 'last-90-days';
export const ALL_TIME = 'all';
const DAY_MS = 86_400_000;

/** A global board's window: 'all', 'last-90-days' or a UTC year like '2026'. */
export interface BoardWindow {
  key: string;
  /** resolved_at ∈ [start, end); null = unbounded */
  start: Date | null;
  end: Date | null;
}

export function isWindowKey(value: string): boolean {
  return value === ALL_TIME || value === LAST_90_DAYS || /^(19|20|21)\d\d$/.test(value);
}

export function boardWindow(key: string, now: Date): BoardWindow {
  if (key === ALL_TIME) return { key, start: null, end: null };
  if (key === LAST_90_DAYS) return { key, start: new Date(now.getTime() - 90 * DAY_MS), end: null };
  const year = Number(key);
  return { key, start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
}

export function globalBoardKey(scoreType: GlobalScoreType, window: string): string {
  return `${scoreType}:${window}`;
}

export function tournamentBoardKey(tournamentId: number): string {
  return `tournament:${tournamentId}`;
}

export type BoardScoreType = LeaderboardScoreType & (GlobalScoreType | TournamentScoreType);
