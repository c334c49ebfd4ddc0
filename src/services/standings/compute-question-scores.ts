// The scores rows of one resolved question, computed by core scoreBundle on the question's own
// bundle (the exact document GET /questions/{id}/bundle exports), with pseudonyms mapped back to
// user ids. Resolution stores them; `brier rescore` compares them with the stored rows.
import { buildCpHistory } from '../../core/aggregation/cp-history.ts';
import { parseBundle } from '../../core/bundle/parse-bundle.ts';
import { scoreBundle } from '../../core/scoring/score-bundle.ts';
import type { ScoreValue } from '../../core/types.ts';
import type { ForecastRecord } from '../../db/repositories/forecast-repository.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { buildBundle, pseudonymise } from '../forecasts/export-question-bundle.ts';

/** The method whose CP is scored as a forecaster (docs/maths.md §12). */
export const CP_SCORE_METHOD = 'recency_weighted';

export interface QuestionScoreRow {
  questionId: number;
  userId: number | null;
  aggregationMethod: string | null;
  scoreType: string;
  score: number;
  coverage: number;
}

function rowsOf(
  questionId: number,
  who: { userId: number | null; aggregationMethod: string | null },
  values: Partial<Record<string, ScoreValue>>,
): QuestionScoreRow[] {
  const rows: QuestionScoreRow[] = [];
  for (const [scoreType, value] of Object.entries(values)) {
    // NaN / ±∞ (a degenerate CP, ln 0, a CP extra at coverage 0) are "null" in the CLI: no row.
    if (value === undefined || !Number.isFinite(value.score) || !Number.isFinite(value.coverage)) {
      continue;
    }
    rows.push({ questionId, ...who, scoreType, score: value.score, coverage: value.coverage });
  }
  return rows;
}

/**
 * Every score row of a question that has a resolution and an actual close time; [] when the
 * outcome is not scorable (annulled, ambiguous) or the question is not resolved.
 */
export function computeQuestionScores(
  question: QuestionRecord,
  forecasts: readonly ForecastRecord[],
): QuestionScoreRow[] {
  if (question.resolution === null || question.actualCloseTime === null) return [];
  const exported = buildBundle(question, forecasts);
  const parsed = parseBundle(exported, { forScoring: true });
  if (!parsed.ok) {
    throw new Error(`question ${question.id} bundle: ${parsed.error.path}: ${parsed.error.reason}`);
  }
  const bundle = parsed.value;
  const scores = scoreBundle(bundle, buildCpHistory(bundle, CP_SCORE_METHOD));
  if (scores.resolutionBucket === null) return [];
  const realIds = new Map<number, number>();
  for (const [userId, pseudonym] of pseudonymise(forecasts).userIds) realIds.set(pseudonym, userId);
  const rows: QuestionScoreRow[] = [];
  const user = (pseudonym: number) => ({
    userId: realIds.get(pseudonym) as number,
    aggregationMethod: null,
  });
  for (const entry of scores.users)
    rows.push(...rowsOf(question.id, user(entry.userId), entry.scores));
  for (const entry of scores.extras.users) {
    rows.push(...rowsOf(question.id, user(entry.userId), entry.scores));
  }
  const cp = { userId: null, aggregationMethod: CP_SCORE_METHOD };
  rows.push(...rowsOf(question.id, cp, scores.aggregations[CP_SCORE_METHOD] ?? {}));
  rows.push(...rowsOf(question.id, cp, scores.extras.aggregations[CP_SCORE_METHOD] ?? {}));
  return rows;
}
