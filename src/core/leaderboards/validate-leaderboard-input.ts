// Validates a `brier leaderboard` input and converts it to a LeaderboardInput (docs/maths.md §16.4).
import {
  collectFailure,
  fail,
  indexPath,
  isJsonObject,
  type JsonObject,
  keyPath,
  type ParseResult,
  requireArray,
  requireBoolean,
  requireFiniteNumber,
  requireInteger,
  requireObject,
  requireString,
  selfPath,
} from '../bundle/json-checks.ts';
import { resolvedQuestionWeight } from './leaderboard-totals.ts';
import {
  type ExclusionStatus,
  LEADERBOARD_SCORE_TYPES,
  type LeaderboardInput,
  type LeaderboardQuestion,
  type LeaderboardScoreRow,
  type LeaderboardScoreType,
  type LeaderboardSettings,
} from './leaderboard-types.ts';

/** Board types that exist upstream but are built from votes and posts, not per-question scores. */
const NON_SCORE_BOARD_TYPES: readonly string[] = ['comment_insight', 'question_writing'];

/** A user id written as a decimal string: no sign, no leading zeros, at least 1. */
const USER_ID_KEY = /^[1-9][0-9]*$/;

/**
 * Checks run in the order of §16.5 (`leaderboard`, `questions`, `scores`, `exclusion_status`,
 * then the M_q check), fields in the order §16.4 lists them; the first failure is returned with
 * its path. `basePath` is `''` for a root object and `[i]` for element i of an array input.
 */
export function validateLeaderboardInput(
  value: unknown,
  basePath = '',
): ParseResult<LeaderboardInput> {
  return collectFailure(() => {
    const root = requireObject(value, selfPath(basePath));
    const leaderboard = parseSettings(root.leaderboard, keyPath(basePath, 'leaderboard'));
    const questionsPath = keyPath(basePath, 'questions');
    const questions = parseQuestions(root.questions, questionsPath);
    const questionIds = new Set(questions.map((question) => question.id));
    const scores = parseScores(root.scores, keyPath(basePath, 'scores'), questionIds);
    const exclusionStatus = parseExclusionStatus(
      root.exclusion_status,
      keyPath(basePath, 'exclusion_status'),
    );
    if (
      leaderboard.scoreType === 'relative_legacy_tournament' &&
      scores.length > 0 &&
      resolvedQuestionWeight(questions) === 0
    ) {
      fail(
        questionsPath,
        'relative_legacy_tournament needs resolved questions with a positive total weight',
      );
    }
    return { leaderboard, questions, scores, exclusionStatus };
  });
}

function parseSettings(value: unknown, path: string): LeaderboardSettings {
  const source = requireObject(value, path);
  const at = (key: string) => keyPath(path, key);
  const scoreType = requireString(source.score_type, at('score_type'));
  if (NON_SCORE_BOARD_TYPES.includes(scoreType)) {
    fail(at('score_type'), `${scoreType} boards are not built from per-question scores`);
  }
  if (!(LEADERBOARD_SCORE_TYPES as readonly string[]).includes(scoreType)) {
    fail(at('score_type'), `must be one of ${LEADERBOARD_SCORE_TYPES.join(', ')}`);
  }
  let prizePool: number | null = null;
  if (source.prize_pool === undefined) fail(at('prize_pool'), 'required');
  if (source.prize_pool !== null)
    prizePool = requireNonNegative(source.prize_pool, at('prize_pool'));
  const minimumPrizeAmount = requireNonNegative(
    source.minimum_prize_amount,
    at('minimum_prize_amount'),
  );
  const finalize = requireBoolean(source.finalize, at('finalize'));
  return {
    scoreType: scoreType as LeaderboardScoreType,
    prizePool,
    minimumPrizeAmount,
    finalize,
  };
}

function parseQuestions(value: unknown, path: string): LeaderboardQuestion[] {
  const rows = requireArray(value, path);
  const questions = rows.map((row, index) => {
    const rowPath = indexPath(path, index);
    const source = requireObject(row, rowPath);
    const at = (key: string) => keyPath(rowPath, key);
    const id = requireInteger(source.id, at('id'));
    const questionWeight = requireNonNegative(source.question_weight, at('question_weight'));
    if (source.resolution === undefined) fail(at('resolution'), 'required');
    const resolution =
      source.resolution === null ? null : requireString(source.resolution, at('resolution'));
    return { id, questionWeight, resolution };
  });
  const seen = new Set<number>();
  questions.forEach((question, index) => {
    if (seen.has(question.id)) fail(keyPath(indexPath(path, index), 'id'), 'duplicate id');
    seen.add(question.id);
  });
  return questions;
}

function parseScores(
  value: unknown,
  path: string,
  questionIds: ReadonlySet<number>,
): LeaderboardScoreRow[] {
  const rows = requireArray(value, path);
  return rows.map((row, index) => {
    const rowPath = indexPath(path, index);
    const source = requireObject(row, rowPath);
    const at = (key: string) => keyPath(rowPath, key);
    // A missing identifier key counts as null (§16.4).
    let userId: number | null = null;
    if (source.user_id !== undefined && source.user_id !== null) {
      userId = requireInteger(source.user_id, at('user_id'));
      if (userId < 1) fail(at('user_id'), 'must be an integer ≥ 1');
    }
    let aggregationMethod: string | null = null;
    if (source.aggregation_method !== undefined && source.aggregation_method !== null) {
      aggregationMethod = requireString(source.aggregation_method, at('aggregation_method'));
    }
    if (userId === null && aggregationMethod === null) {
      fail(at('user_id'), 'required: exactly one of user_id and aggregation_method');
    }
    if (userId !== null && aggregationMethod !== null) {
      fail(at('aggregation_method'), 'not allowed: a row has either user_id or aggregation_method');
    }
    const questionId = requireInteger(source.question_id, at('question_id'));
    if (!questionIds.has(questionId)) fail(at('question_id'), 'not in questions');
    const score = requireFiniteNumber(source.score, at('score'));
    const coverage = requireFiniteNumber(source.coverage, at('coverage'));
    return { userId, aggregationMethod, questionId, score, coverage };
  });
}

function parseExclusionStatus(value: unknown, path: string): Map<number, ExclusionStatus> {
  const statuses = new Map<number, ExclusionStatus>();
  // Absent means {}; an exporter writing null means the same.
  if (value === undefined || value === null) return statuses;
  if (!isJsonObject(value)) fail(path, 'must be an object');
  const source: JsonObject = value;
  for (const [key, status] of Object.entries(source)) {
    const entryPath = keyPath(path, key);
    if (!USER_ID_KEY.test(key) || !Number.isSafeInteger(Number(key))) {
      fail(entryPath, 'keys must be user ids written as decimal integers');
    }
    const parsed = requireInteger(status, entryPath);
    if (parsed < 0 || parsed > 4) fail(entryPath, 'must be an integer from 0 to 4');
    statuses.set(Number(key), parsed as ExclusionStatus);
  }
  return statuses;
}

function requireNonNegative(value: unknown, path: string): number {
  const number = requireFiniteNumber(value, path);
  if (number < 0) fail(path, 'must be ≥ 0');
  return number;
}
