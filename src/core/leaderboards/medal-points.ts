// Medal points of the server's medal table (docs/maths.md §13 "Medal points"); the year is passed in.
import type { Medal } from './leaderboard-types.ts';

const MEDAL_BASE_POINTS: Record<Medal, number> = { gold: 10, silver: 4, bronze: 1 };

const SECONDS_PER_DAY = 86400;

/** Where a medal was won: the age of a medal depends on the kind of board. */
export type MedalBoard =
  | { kind: 'tournament'; closeYear: number }
  | { kind: 'global'; endTime: number | null };

export interface MedalAward {
  userId: number;
  /** Points are summed per category (e.g. `tournament`, `peer_global`, `baseline_global`). */
  category: string;
  medal: Medal;
  board: MedalBoard;
}

export interface MedalPointsRow {
  userId: number;
  points: number;
}

/** UTC calendar year of an instant six calendar months before `time` (unix seconds). */
export function yearSixMonthsBefore(time: number): number {
  const days = Math.floor(time / SECONDS_PER_DAY);
  const date = new Date(days * SECONDS_PER_DAY * 1000);
  const month = date.getUTCMonth(); // 0 = January
  return month >= 6 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

/**
 * Whole years since the board counted: tournaments from their close year, global boards with an
 * end time from year(end_time − 6 months) (a global year is credited to the year it mostly
 * covers), otherwise 0.
 */
export function medalAgeYears(board: MedalBoard, currentYear: number): number {
  if (board.kind === 'tournament') return currentYear - board.closeYear;
  if (board.endTime === null) return 0;
  return currentYear - yearSixMonthsBefore(board.endTime);
}

/** gold 10, silver 4, bronze 1, halved for every year of age. */
export function medalPoints(medal: Medal, ageYears: number): number {
  return MEDAL_BASE_POINTS[medal] * 2 ** -ageYears;
}

/**
 * Per category, each user's summed points, users by points descending (ties keep the order of
 * their first award).
 */
export function rankMedalPoints(
  awards: readonly MedalAward[],
  currentYear: number,
): Map<string, MedalPointsRow[]> {
  const byCategory = new Map<string, Map<number, MedalPointsRow>>();
  for (const award of awards) {
    let users = byCategory.get(award.category);
    if (users === undefined) {
      users = new Map();
      byCategory.set(award.category, users);
    }
    let row = users.get(award.userId);
    if (row === undefined) {
      row = { userId: award.userId, points: 0 };
      users.set(award.userId, row);
    }
    row.points += medalPoints(award.medal, medalAgeYears(award.board, currentYear));
  }
  const ranked = new Map<string, MedalPointsRow[]>();
  for (const [category, users] of byCategory) {
    ranked.set(
      category,
      [...users.values()].sort((a, b) => b.points - a.points),
    );
  }
  return ranked;
}
