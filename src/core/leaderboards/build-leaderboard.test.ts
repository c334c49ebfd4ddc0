import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertWithinContract } from '../../../test/factories/core-bundles.ts';
import { buildLeaderboard } from './build-leaderboard.ts';
import type {
  ExclusionStatus,
  LeaderboardInput,
  LeaderboardScoreRow,
  LeaderboardSettings,
} from './leaderboard-types.ts';

const userRow = (userId: number, questionId: number, score: number, coverage = 1) =>
  ({ userId, aggregationMethod: null, questionId, score, coverage }) as LeaderboardScoreRow;
const cpRow = (questionId: number, score: number, coverage = 1) =>
  ({
    userId: null,
    aggregationMethod: 'recency_weighted',
    questionId,
    score,
    coverage,
  }) as LeaderboardScoreRow;

function input(
  settings: Partial<LeaderboardSettings>,
  scores: LeaderboardScoreRow[],
  exclusions: Record<number, ExclusionStatus> = {},
  questions = [
    { id: 1, questionWeight: 1, resolution: 'yes' as string | null },
    { id: 2, questionWeight: 0.5, resolution: 'no' as string | null },
  ],
): LeaderboardInput {
  return {
    leaderboard: {
      scoreType: 'peer_tournament',
      prizePool: null,
      minimumPrizeAmount: 0,
      finalize: false,
      ...settings,
    },
    questions,
    scores,
    exclusionStatus: new Map(
      Object.entries(exclusions).map(([id, status]) => [Number(id), status]),
    ),
  };
}

describe('buildLeaderboard (docs/maths.md §13)', () => {
  it('E8: peer tournament with weights, an exclusion, a CP row, prizes and medals', () => {
    // Totals: user 1 = 20·1 + 20·0.5 = 30, user 2 = 20, user 3 = 6, user 4 = −5, user 5 = 15,
    // CP = 25. Takes max(score, 0)²: 900, 400, 36, 0, 225, 625.
    const entries = buildLeaderboard(
      input(
        { prizePool: 100, minimumPrizeAmount: 5, finalize: true },
        [
          userRow(1, 1, 20),
          userRow(2, 1, 20),
          userRow(1, 2, 20),
          userRow(3, 1, 6),
          userRow(4, 1, -5),
          userRow(5, 1, 15),
          cpRow(1, 25),
        ],
        { 2: 1 },
      ),
    );
    // Ranked: user 1 (1), CP (status 2: rank 2, no increment), user 2 (status 1, rank 2),
    // user 5 (3), user 3 (4), user 4 (5).
    expect(entries.map((entry) => entry.userId ?? entry.aggregationMethod)).toEqual([
      1,
      'recency_weighted',
      2,
      5,
      3,
      4,
    ]);
    expect(entries.map((entry) => entry.rank)).toEqual([1, 2, 2, 3, 4, 5]);
    expect(entries.map((entry) => entry.take)).toEqual([900, 625, 400, 225, 36, 0]);
    expect(entries.map((entry) => entry.exclusionStatus)).toEqual([0, 2, 1, 0, 0, 0]);
    // Pool = 900 + 225 + 36 + 0 = 1161 (status 0 only). From the bottom: user 4 take 0 skipped;
    // user 3: 36/1161 < 0.05 → 0, pool 1125; user 5: 225/1125 = 0.2; user 1: 900/1125 = 0.8.
    expect(entries.map((entry) => entry.percentPrize)).toEqual([0.8, 0, 0, 0.2, 0, 0]);
    expect(entries.map((entry) => entry.prize)).toEqual([80, null, null, 20, 0, 0]);
    // M = 5 eligible: gold ≤ 1, silver ≤ 2, bronze ≤ 3.
    expect(entries.map((entry) => entry.medal)).toEqual([
      'gold',
      null,
      'silver',
      'bronze',
      null,
      null,
    ]);
    expect(entries[0].contributionCount).toBe(2);
    expect(entries[0].score).toBe(30);
    expect(entries[0].coverage).toBe(1.5);
  });

  it('ties: closeness is relative to the previous key and chains', () => {
    // Sorted 100.0005, 100, 99.9994, 99.9988, 99.9: each step of 0.0005–0.0006 is within
    // 1e-8 + 1e-5·(previous ≈ 100) ≈ 0.001, so ranks chain to 1 although 100.0005 − 99.9988 =
    // 0.0017 is not; 99.9 is 0.0988 below its predecessor: rank = counter = 5.
    const entries = buildLeaderboard(
      input({ scoreType: 'baseline_global' }, [
        userRow(1, 1, 100),
        userRow(2, 1, 100.0005),
        userRow(3, 1, 99.9994),
        userRow(4, 1, 99.9988),
        userRow(5, 1, 99.9),
      ]),
    );
    expect(entries.map((entry) => entry.userId)).toEqual([2, 1, 3, 4, 5]);
    expect(entries.map((entry) => entry.rank)).toEqual([1, 1, 1, 1, 5]);
  });

  it('equal keys keep first-appearance order; statuses 2–4 take no rank number', () => {
    const entries = buildLeaderboard(
      input(
        { scoreType: 'baseline_global', finalize: true },
        [userRow(7, 1, 5), userRow(3, 1, 5), userRow(4, 1, 9), userRow(5, 1, 1), userRow(6, 1, 0)],
        { 4: 3, 5: 4 },
      ),
    );
    expect(entries.map((entry) => entry.userId)).toEqual([4, 7, 3, 5, 6]);
    // User 4 (key 9, status 3) shows rank 1 without consuming it; 7 (key 5) gets rank 1 too and
    // consumes it; 3 ties with 7 (rank 1, counter → 3); 5 (status 4) shows 3 without consuming
    // it, so 6 also gets 3.
    expect(entries.map((entry) => entry.rank)).toEqual([1, 1, 1, 3, 3]);
    // Statuses ≥ 2 never get a medal or a prize; M = 3 eligible: gold ≤ 1, bronze ≤ 3.
    expect(entries.map((entry) => entry.medal)).toEqual([null, 'gold', 'gold', null, 'bronze']);
    expect(entries.map((entry) => entry.prize)).toEqual([null, 0, 0, null, 0]);
  });

  it('no medals before finalisation; no prize pool gives 0 prizes', () => {
    const entries = buildLeaderboard(input({}, [userRow(1, 1, 3), userRow(2, 1, 1)]));
    expect(entries.map((entry) => entry.medal)).toEqual([null, null]);
    // Takes 9 and 1: shares 0.9 and 0.1 (μ = 0 without a pool), prize 0 · share.
    expect(entries.map((entry) => entry.percentPrize)).toEqual([0.9, 0.1]);
    expect(entries.map((entry) => entry.prize)).toEqual([0, 0]);
  });

  it('peer_global divides by max(30, coverage); peer_global_legacy by max(40, count)', () => {
    const rows = [userRow(1, 1, 60, 0.5), userRow(1, 2, 60, 100), userRow(2, 1, 90, 1)];
    // User 1: score 60 + 30 = 90, coverage 0.5 + 50 = 50.5 → 90/50.5; user 2: 90/30 = 3.
    const global = buildLeaderboard(input({ scoreType: 'peer_global' }, rows));
    expect(global.map((entry) => entry.userId)).toEqual([2, 1]);
    expect(global[0].score).toBe(3);
    assertWithinContract(global[1].score, 90 / 50.5);
    expect(global.every((entry) => entry.take === null)).toBe(true);
    // Legacy: 90/40 for both (2 and 1 contributions): a tie, first appearance first.
    const legacy = buildLeaderboard(input({ scoreType: 'peer_global_legacy' }, rows));
    expect(legacy.map((entry) => [entry.userId, entry.score, entry.rank])).toEqual([
      [1, 2.25, 1],
      [2, 2.25, 1],
    ]);
  });

  it('relative_legacy_tournament: coverage / M_q, take = coverage · e^score, ranked by take', () => {
    // Questions: q1 (w 1, yes), q2 (w 0.5, no), q3 (w 2, annulled), q4 (w 4, null) → M_q = 1.5.
    const questions = [
      { id: 1, questionWeight: 1, resolution: 'yes' },
      { id: 2, questionWeight: 0.5, resolution: 'no' },
      { id: 3, questionWeight: 2, resolution: 'annulled' },
      { id: 4, questionWeight: 4, resolution: null },
    ];
    const entries = buildLeaderboard(
      input(
        { scoreType: 'relative_legacy_tournament' },
        [userRow(1, 1, 1, 1), userRow(1, 2, 0, 1), userRow(2, 1, 2, 0.3)],
        {},
        questions,
      ),
    );
    // User 1: score 1, coverage (1 + 0.5)/1.5 = 1, take e¹ = 2.718281828459045.
    // User 2: score 2, coverage 0.3/1.5 = 0.19999999999999998, take 0.2·e² ≈ 1.4778.
    expect(entries.map((entry) => entry.userId)).toEqual([1, 2]);
    expect(entries[0].coverage).toBe(1);
    assertWithinContract(entries[0].take as number, Math.E);
    assertWithinContract(entries[1].take as number, (0.3 / 1.5) * Math.exp(2));
  });

  it('the minimum share drops small takes walking up from the bottom', () => {
    // Takes 81, 16, 4, 1 (scores 9, 4, 2, 1), pool 102, μ = 10/100 = 0.1.
    // Bottom up: 1/102 < 0.1 → pool 101; 4/101 < 0.1 → pool 97; 16/97 = 0.1649 ≥ 0.1 kept;
    // 81/97 kept. Normalised by (16 + 81)/97 = 1: prizes 100·81/97 and 100·16/97.
    const entries = buildLeaderboard(
      input({ prizePool: 100, minimumPrizeAmount: 10 }, [
        userRow(1, 1, 1),
        userRow(2, 1, 2),
        userRow(3, 1, 4),
        userRow(4, 1, 9),
      ]),
    );
    assertWithinContract(entries[0].prize as number, (100 * 81) / 97);
    assertWithinContract(entries[1].prize as number, (100 * 16) / 97);
    expect(entries[2].prize).toBe(0);
    expect(entries[3].prize).toBe(0);
  });

  it('ranks are stable under reordering of rows when keys are distinct (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 30, maxLength: 30 }),
        fc.nat(),
        (keys, statuses, seed) => {
          // Keys are whole numbers, so distinct keys are never "close" (|Δ| ≥ 1).
          const rows = keys.map((key, i) => userRow(i + 1, 1, key));
          const exclusions = Object.fromEntries(
            keys.map((_, i) => [i + 1, statuses[i] as ExclusionStatus]),
          );
          const shuffled = [...rows];
          let state = seed;
          for (let i = shuffled.length - 1; i > 0; i--) {
            state = (state * 1103515245 + 12345) % 2147483648;
            const j = state % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
          }
          const settings = { scoreType: 'peer_tournament' as const, prizePool: 50, finalize: true };
          const rankOf = (entries: ReturnType<typeof buildLeaderboard>) =>
            new Map(entries.map((entry) => [entry.userId, [entry.rank, entry.medal, entry.prize]]));
          expect(rankOf(buildLeaderboard(input(settings, shuffled, exclusions)))).toEqual(
            rankOf(buildLeaderboard(input(settings, rows, exclusions))),
          );
        },
      ),
    );
  });
});
