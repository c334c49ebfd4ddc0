import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.ts';
import { runCli } from '../run-cli.ts';

async function leaderboard(input: unknown) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    writeStdout: (text) => {
      stdout += text;
    },
    writeStderr: (text) => {
      stderr += text;
    },
    readStdin: async () => JSON.stringify(input),
  };
  const code = await runCli(['leaderboard', '-'], io);
  return { code, stdout, stderr };
}

// E8 of docs/maths.md §17.
const e8 = () => ({
  leaderboard: {
    score_type: 'peer_tournament',
    prize_pool: 100,
    minimum_prize_amount: 5,
    finalize: true,
  },
  questions: [
    { id: 1, question_weight: 1, resolution: 'yes' },
    { id: 2, question_weight: 0.5, resolution: 'no' },
  ],
  scores: [
    { user_id: 1, question_id: 1, score: 20, coverage: 1 },
    { user_id: 1, question_id: 2, score: 20, coverage: 1 },
    { user_id: 2, question_id: 1, score: 20, coverage: 1 },
    { user_id: 3, question_id: 1, score: 6, coverage: 1 },
    { user_id: 4, question_id: 1, score: -5, coverage: 1 },
    { user_id: 5, question_id: 1, score: 15, coverage: 1 },
    { aggregation_method: 'recency_weighted', question_id: 1, score: 25, coverage: 1 },
  ],
  exclusion_status: { '2': 1 },
});

describe('brier leaderboard (docs/maths.md §16.4)', () => {
  it('prints E8 with the §13 field order', async () => {
    const { code, stdout } = await leaderboard(e8());
    expect(code).toBe(0);
    const { entries } = JSON.parse(stdout);
    expect(Object.keys(entries[0])).toEqual([
      'user_id',
      'aggregation_method',
      'score',
      'coverage',
      'contribution_count',
      'take',
      'rank',
      'exclusion_status',
      'percent_prize',
      'prize',
      'medal',
    ]);
    expect(entries[1]).toEqual({
      user_id: null,
      aggregation_method: 'recency_weighted',
      score: 25,
      coverage: 1,
      contribution_count: 1,
      take: 625,
      rank: 2,
      exclusion_status: 2,
      percent_prize: 0,
      prize: null,
      medal: null,
    });
    expect(entries.map((entry: { prize: number | null }) => entry.prize)).toEqual([
      80,
      null,
      null,
      20,
      0,
      0,
    ]);
  });

  it('rejects invalid input with exit 2 and the path of the first failure', async () => {
    const input = e8();
    input.scores[3].question_id = 7;
    const { code, stdout, stderr } = await leaderboard([e8(), input]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^brier: \[1\]\.scores\[3\]\.question_id: [^\n]+\n$/);
  });
});
