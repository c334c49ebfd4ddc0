// Per-identifier totals of a leaderboard and their score-type transforms (docs/maths.md §13 "Totals").
import { isVoidResolution } from '../locations/bucket.ts';
import {
  AGGREGATION_EXCLUSION_STATUS,
  type ExclusionStatus,
  type LeaderboardInput,
  type LeaderboardQuestion,
  type LeaderboardScoreType,
} from './leaderboard-types.ts';

/** A board row before ranking: totals, take, ranking key and exclusion status. */
export interface LeaderboardTotal {
  userId: number | null;
  aggregationMethod: string | null;
  score: number;
  coverage: number;
  contributionCount: number;
  take: number | null;
  /** score, or take for relative_legacy_tournament */
  key: number;
  exclusionStatus: ExclusionStatus;
}

/**
 * M_q: Σ question_weight of the questions that resolved (a non-empty resolution other than
 * annulled / ambiguous), in input order; relative_legacy_tournament divides coverage by it.
 */
export function resolvedQuestionWeight(questions: readonly LeaderboardQuestion[]): number {
  let total = 0;
  for (const question of questions) {
    const resolution = question.resolution;
    if (resolution !== null && resolution !== '' && !isVoidResolution(resolution)) {
      total += question.questionWeight;
    }
  }
  return total;
}

/** Tournaments whose prize follows max(score, 0)². */
const SQUARED_TAKE_TYPES: ReadonlySet<LeaderboardScoreType> = new Set([
  'peer_tournament',
  'default',
  'spot_peer_tournament',
  'spot_baseline_tournament',
]);

/**
 * Groups rows by identifier (user id, else aggregation method) in order of first appearance,
 * sums score·w and coverage·w with w the question's weight, then applies the board's transform.
 */
export function leaderboardTotals(input: LeaderboardInput): LeaderboardTotal[] {
  const weights = new Map<number, number>();
  for (const question of input.questions) weights.set(question.id, question.questionWeight);

  const totals: LeaderboardTotal[] = [];
  const byIdentifier = new Map<string, LeaderboardTotal>();
  for (const row of input.scores) {
    const identifier =
      row.userId !== null ? `user:${row.userId}` : `method:${row.aggregationMethod}`;
    const weight = weights.get(row.questionId);
    if (weight === undefined) throw new RangeError(`unknown question ${row.questionId}`);
    let total = byIdentifier.get(identifier);
    if (total === undefined) {
      total = {
        userId: row.userId,
        aggregationMethod: row.userId !== null ? null : row.aggregationMethod,
        score: 0,
        coverage: 0,
        contributionCount: 0,
        take: null,
        key: 0,
        exclusionStatus:
          row.userId !== null
            ? (input.exclusionStatus.get(row.userId) ?? 0)
            : AGGREGATION_EXCLUSION_STATUS,
      };
      byIdentifier.set(identifier, total);
      totals.push(total);
    }
    total.score += row.score * weight;
    total.coverage += row.coverage * weight;
    total.contributionCount++;
  }

  const scoreType = input.leaderboard.scoreType;
  const resolvedWeight =
    scoreType === 'relative_legacy_tournament' ? resolvedQuestionWeight(input.questions) : 0;
  for (const total of totals) {
    applyScoreType(total, scoreType, resolvedWeight);
    total.key = scoreType === 'relative_legacy_tournament' ? (total.take as number) : total.score;
  }
  return totals;
}

function applyScoreType(
  total: LeaderboardTotal,
  scoreType: LeaderboardScoreType,
  resolvedWeight: number,
): void {
  if (scoreType === 'peer_global') {
    total.score = total.score / Math.max(30, total.coverage);
  } else if (scoreType === 'peer_global_legacy') {
    total.score = total.score / Math.max(40, total.contributionCount);
  } else if (SQUARED_TAKE_TYPES.has(scoreType)) {
    total.take = Math.max(total.score, 0) ** 2;
  } else if (scoreType === 'relative_legacy_tournament') {
    total.coverage = total.coverage / resolvedWeight;
    total.take = total.coverage * Math.exp(total.score);
  }
}
