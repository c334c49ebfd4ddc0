import { describe, expect, it } from 'vitest';
import { validateLeaderboardInput } from './validate-leaderboard-input.ts';

const valid = (): Record<string, unknown> => ({
  leaderboard: {
    score_type: 'peer_tournament',
    prize_pool: 100,
    minimum_prize_amount: 5,
    finalize: true,
  },
  questions: [
    { id: 1, question_weight: 1, resolution: 'yes' },
    { id: 2, question_weight: 0.5, resolution: null },
  ],
  scores: [
    { user_id: 1, question_id: 1, score: 2, coverage: 1 },
    {
      user_id: null,
      aggregation_method: 'recency_weighted',
      question_id: 2,
      score: 1,
      coverage: 0.5,
    },
  ],
  exclusion_status: { '1': 1 },
});

type Key = string | number;

/** A valid input with the value at `keys` replaced (undefined deletes it). */
function withValue(keys: Key[], value: unknown, input = valid()): Record<string, unknown> {
  let target = input as Record<Key, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<Key, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return input;
}

function failurePath(input: unknown, basePath = ''): string {
  const result = validateLeaderboardInput(input, basePath);
  if (result.ok) throw new Error('expected a validation failure');
  return result.error.path;
}

describe('leaderboard input validation (docs/maths.md §16.4)', () => {
  it('accepts a valid input and converts it', () => {
    const result = validateLeaderboardInput(valid());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.leaderboard).toEqual({
      scoreType: 'peer_tournament',
      prizePool: 100,
      minimumPrizeAmount: 5,
      finalize: true,
    });
    expect(result.value.scores[0]).toEqual({
      userId: 1,
      aggregationMethod: null,
      questionId: 1,
      score: 2,
      coverage: 1,
    });
    expect(result.value.exclusionStatus.get(1)).toBe(1);
    // exclusion_status is optional; prize_pool may be null.
    expect(validateLeaderboardInput(withValue(['exclusion_status'], undefined)).ok).toBe(true);
    expect(validateLeaderboardInput(withValue(['leaderboard', 'prize_pool'], null)).ok).toBe(true);
  });

  it('reports the root and the leaderboard fields', () => {
    expect(failurePath([])).toBe('$');
    expect(failurePath('x', '[3]')).toBe('[3]');
    expect(failurePath(withValue(['leaderboard'], undefined))).toBe('leaderboard');
    for (const scoreType of ['comment_insight', 'question_writing', 'best', 7]) {
      expect(failurePath(withValue(['leaderboard', 'score_type'], scoreType))).toBe(
        'leaderboard.score_type',
      );
    }
    expect(failurePath(withValue(['leaderboard', 'prize_pool'], -1))).toBe(
      'leaderboard.prize_pool',
    );
    expect(failurePath(withValue(['leaderboard', 'prize_pool'], undefined))).toBe(
      'leaderboard.prize_pool',
    );
    expect(failurePath(withValue(['leaderboard', 'minimum_prize_amount'], '5'))).toBe(
      'leaderboard.minimum_prize_amount',
    );
    expect(failurePath(withValue(['leaderboard', 'finalize'], 1))).toBe('leaderboard.finalize');
  });

  it('reports questions, scores and exclusions with array indices', () => {
    expect(failurePath(withValue(['questions', 1, 'question_weight'], -0.5))).toBe(
      'questions[1].question_weight',
    );
    expect(failurePath(withValue(['questions', 1, 'id'], 1))).toBe('questions[1].id');
    expect(failurePath(withValue(['questions', 0, 'id'], 1.5))).toBe('questions[0].id');
    expect(failurePath(withValue(['questions', 0, 'resolution'], 3))).toBe(
      'questions[0].resolution',
    );
    expect(failurePath(withValue(['scores', 0, 'user_id'], 0))).toBe('scores[0].user_id');
    // Neither identifier, or both.
    expect(failurePath(withValue(['scores', 1, 'aggregation_method'], null))).toBe(
      'scores[1].user_id',
    );
    expect(failurePath(withValue(['scores', 1, 'user_id'], 4))).toBe(
      'scores[1].aggregation_method',
    );
    expect(failurePath(withValue(['scores', 0, 'question_id'], 9))).toBe('scores[0].question_id');
    expect(failurePath(withValue(['scores', 0, 'coverage'], Number.POSITIVE_INFINITY))).toBe(
      'scores[0].coverage',
    );
    expect(failurePath(withValue(['exclusion_status'], { '1': 5 }))).toBe('exclusion_status.1');
    expect(failurePath(withValue(['exclusion_status'], { abc: 1 }))).toBe('exclusion_status.abc');
    expect(failurePath(withValue(['exclusion_status'], []))).toBe('exclusion_status');
    expect(failurePath(withValue(['scores', 0, 'score'], 'x'), '[0]')).toBe('[0].scores[0].score');
  });

  it('reports the first failure in the §16.5 order', () => {
    const input = withValue(['scores', 0, 'score'], Number.NaN);
    expect(failurePath(withValue(['leaderboard', 'finalize'], 'no', input))).toBe(
      'leaderboard.finalize',
    );
  });

  it('rejects relative_legacy_tournament scores without resolved question weight', () => {
    const input = withValue(
      ['questions', 0, 'resolution'],
      'annulled',
      withValue(['leaderboard', 'score_type'], 'relative_legacy_tournament'),
    );
    expect(failurePath(input)).toBe('questions');
    // Without any score rows the board is simply empty.
    expect(validateLeaderboardInput(withValue(['scores'], [], input)).ok).toBe(true);
  });
});
