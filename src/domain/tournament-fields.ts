// Rules for a tournament's fields: a URL slug, a title, markdown description, ordered times.
import type { FieldProblem } from './errors.ts';
import { isTournamentScoreType, TOURNAMENT_SCORE_TYPES } from './leaderboard-boards.ts';

export const TOURNAMENT_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TOURNAMENT_SLUG_LENGTH = 80;
export const MAX_TOURNAMENT_TITLE_LENGTH = 200;
export const MAX_TOURNAMENT_DESCRIPTION_LENGTH = 20_000;

export interface TournamentFields {
  slug: string;
  title: string;
  description: string;
  startTime: Date | null;
  closeTime: Date | null;
  /** Leaderboard settings (docs/maths.md §13); defaults: peer_tournament, no prizes, no set finalisation. */
  scoreType?: string;
  prizePool?: number | null;
  minimumPrizeAmount?: number;
  finalizeTime?: Date | null;
}

/** Every problem with its path; an empty list means the fields can be stored. */
export function checkTournamentFields(fields: TournamentFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (
    !TOURNAMENT_SLUG_PATTERN.test(fields.slug) ||
    fields.slug.length > MAX_TOURNAMENT_SLUG_LENGTH
  ) {
    problems.push({
      path: '/slug',
      message: `must be lowercase letters and digits joined by "-", at most ${MAX_TOURNAMENT_SLUG_LENGTH} characters`,
    });
  }
  const title = fields.title.trim();
  if (title.length === 0) problems.push({ path: '/title', message: 'must not be blank' });
  if (title.length > MAX_TOURNAMENT_TITLE_LENGTH) {
    problems.push({
      path: '/title',
      message: `must be at most ${MAX_TOURNAMENT_TITLE_LENGTH} characters`,
    });
  }
  if (fields.description.length > MAX_TOURNAMENT_DESCRIPTION_LENGTH) {
    problems.push({
      path: '/description',
      message: `must be at most ${MAX_TOURNAMENT_DESCRIPTION_LENGTH} characters`,
    });
  }
  if (
    fields.startTime &&
    fields.closeTime &&
    fields.closeTime.getTime() <= fields.startTime.getTime()
  ) {
    problems.push({ path: '/close_time', message: 'must be after start_time' });
  }
  return [...problems, ...checkLeaderboardSettings(fields)];
}

/** The leaderboard settings alone (also checked when an admin edits them). */
export function checkLeaderboardSettings(fields: Partial<TournamentFields>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.scoreType !== undefined && !isTournamentScoreType(fields.scoreType)) {
    problems.push({
      path: '/score_type',
      message: `must be one of ${TOURNAMENT_SCORE_TYPES.join(', ')}`,
    });
  }
  const pool = fields.prizePool;
  if (pool !== undefined && pool !== null && !(Number.isFinite(pool) && pool >= 0)) {
    problems.push({ path: '/prize_pool', message: 'must be a number ≥ 0 or null' });
  }
  const minimum = fields.minimumPrizeAmount;
  if (minimum !== undefined && !(Number.isFinite(minimum) && minimum >= 0)) {
    problems.push({ path: '/minimum_prize_amount', message: 'must be a number ≥ 0' });
  }
  return problems;
}
