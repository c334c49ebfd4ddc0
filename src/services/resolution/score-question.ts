// Every score of a resolved question (docs/maths.md §10–12, §15.3), computed exactly as
// `brier score` computes them on the question's exported bundle, and written to `scores`.
import { buildCpHistory } from '../../core/aggregation/cp-history.ts';
import { parseBundle } from '../../core/bundle/parse-bundle.ts';
import { type BundleScores, scoreBundle } from '../../core/scoring/score-bundle.ts';
import type { ScoreValue } from '../../core/types.ts';
import {
  type ForecastRecord,
  listQuestionForecasts,
} from '../../db/repositories/forecast-repository.ts';
import type { Executor } from '../../db/repositories/question-repository.ts';
import {
  replaceQuestionScores,
  type ScoreValueRow,
} from '../../db/repositories/score-repository.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { isScorable } from '../../domain/resolution-rules.ts';
import { buildBundle, pseudonymise } from '../forecasts/export-question-bundle.ts';

/** The CP method whose history is scored as a forecaster (§12). */
export const SCORED_AGGREGATION = 'recency_weighted';

/** scoreBundle on the question's bundle (the export of GET /questions/{id}/bundle). */
export function scoreQuestionBundle(
  question: QuestionRecord,
  forecasts: readonly ForecastRecord[],
): BundleScores {
  const parsed = parseBundle(buildBundle(question, forecasts), { forScoring: true });
  if (!parsed.ok) {
    throw new Error(
      `question ${question.id} cannot be scored: ${parsed.error.path}: ${parsed.error.reason}`,
    );
  }
  return scoreBundle(parsed.value, buildCpHistory(parsed.value, 'recency_weighted'));
}

function pushValues(
  rows: ScoreValueRow[],
  owner: { userId: number | null; aggregationMethod: string | null },
  values: Partial<Record<string, ScoreValue>>,
): void {
  for (const [scoreType, value] of Object.entries(values)) {
    // A time average over zero coverage is 0/0 (the CP's brier/log when no forecast covered the
    // window): there is no score to store, and NaN would poison every reader's sums.
    if (!value || !Number.isFinite(value.score)) continue;
    rows.push({ ...owner, scoreType, score: value.score, coverage: value.coverage });
  }
}

/** The rows `scores` should hold for the question as it stands ([] unless scorable). */
export function expectedScoreRows(
  question: QuestionRecord,
  forecasts: readonly ForecastRecord[],
): ScoreValueRow[] {
  return isScorable(question) ? scoreRows(question, forecasts) : [];
}

/**
 * The `scores` rows of a resolved question: per forecaster (real user ids) the five §10–12 types
 * and the §15.3 extras with coverage > 0; for the CP all of them.
 */
export function scoreRows(
  question: QuestionRecord,
  forecasts: readonly ForecastRecord[],
): ScoreValueRow[] {
  const scores = scoreQuestionBundle(question, forecasts);
  const realIds = new Map<number, number>();
  for (const [real, pseudonym] of pseudonymise(forecasts).userIds) realIds.set(pseudonym, real);
  const rows: ScoreValueRow[] = [];
  const extrasByUser = new Map(scores.extras.users.map((entry) => [entry.userId, entry.scores]));
  const userIds = new Set([...scores.users.map((entry) => entry.userId), ...extrasByUser.keys()]);
  const mainByUser = new Map(scores.users.map((entry) => [entry.userId, entry.scores]));
  for (const pseudonym of [...userIds].sort((a, b) => a - b)) {
    const owner = { userId: realIds.get(pseudonym) as number, aggregationMethod: null };
    pushValues(rows, owner, mainByUser.get(pseudonym) ?? {});
    pushValues(rows, owner, extrasByUser.get(pseudonym) ?? {});
  }
  for (const [method, values] of Object.entries(scores.aggregations)) {
    const owner = { userId: null, aggregationMethod: method };
    pushValues(rows, owner, values ?? {});
    pushValues(rows, owner, scores.extras.aggregations[method as 'recency_weighted'] ?? {});
  }
  return rows;
}

/**
 * Makes `scores` match the question as it now stands, inside the transaction that changed it:
 * rows iff it is resolved with a scorable outcome. Returns the rows written.
 */
export async function rewriteScores(
  tx: Executor,
  question: QuestionRecord,
  at: Date,
): Promise<ScoreValueRow[]> {
  const rows = expectedScoreRows(question, await listQuestionForecasts(tx, question.id));
  await replaceQuestionScores(tx, question.id, rows, at);
  return rows;
}
