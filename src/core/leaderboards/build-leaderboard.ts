// A leaderboard from per-question scores: totals, ranks, prizes and medals (docs/maths.md §13).
import { assignMedals } from './assign-medals.ts';
import { assignPrizes } from './assign-prizes.ts';
import { leaderboardTotals } from './leaderboard-totals.ts';
import type { LeaderboardEntry, LeaderboardInput } from './leaderboard-types.ts';
import { assignRanks, sortByKeyDescending } from './rank-entries.ts';

/** Entries in ranked order; every input identifier appears, whatever its exclusion status. */
export function buildLeaderboard(input: LeaderboardInput): LeaderboardEntry[] {
  const ranked = sortByKeyDescending(leaderboardTotals(input));
  const ranks = assignRanks(ranked);
  const { percentPrizes, prizes } = assignPrizes(ranked, input.leaderboard);
  const medals = assignMedals(
    ranked.map((entry, i) => ({ rank: ranks[i], exclusionStatus: entry.exclusionStatus })),
    input.leaderboard.finalize,
  );
  return ranked.map((entry, i) => ({
    userId: entry.userId,
    aggregationMethod: entry.aggregationMethod,
    score: entry.score,
    coverage: entry.coverage,
    contributionCount: entry.contributionCount,
    take: entry.take,
    rank: ranks[i],
    exclusionStatus: entry.exclusionStatus,
    percentPrize: percentPrizes[i],
    prize: prizes[i],
    medal: medals[i],
  }));
}
