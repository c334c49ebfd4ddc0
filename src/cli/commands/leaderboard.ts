// `brier leaderboard FILE|-`: a ranked board from per-question scores (docs/maths.md §13, §16.4).
import { buildLeaderboard } from '../../core/leaderboards/build-leaderboard.ts';
import type { LeaderboardEntry } from '../../core/leaderboards/leaderboard-types.ts';
import { validateLeaderboardInput } from '../../core/leaderboards/validate-leaderboard-input.ts';
import { type CliCommand, EXIT_SUCCESS } from '../command.ts';
import { mapJsonInput } from '../json-input.ts';
import { writeJsonDocument } from '../json-output.ts';
import { readJsonInput } from '../read-input.ts';

/** One entry with the fields in the order of §13. */
export function presentLeaderboardEntry(entry: LeaderboardEntry): Record<string, unknown> {
  return {
    user_id: entry.userId,
    aggregation_method: entry.aggregationMethod,
    score: entry.score,
    coverage: entry.coverage,
    contribution_count: entry.contributionCount,
    take: entry.take,
    rank: entry.rank,
    exclusion_status: entry.exclusionStatus,
    percent_prize: entry.percentPrize,
    prize: entry.prize,
    medal: entry.medal,
  };
}

export const leaderboardCommand: CliCommand = {
  name: 'leaderboard',
  options: {},
  positionals: { min: 1, max: 1, name: 'FILE (a path, or - for stdin)' },
  async run({ positionals, io }) {
    const input = await readJsonInput(positionals[0], io);
    const output = mapJsonInput(input, validateLeaderboardInput, (parsed) => ({
      entries: buildLeaderboard(parsed).map(presentLeaderboardEntry),
    }));
    writeJsonDocument(io, output);
    return EXIT_SUCCESS;
  },
};
