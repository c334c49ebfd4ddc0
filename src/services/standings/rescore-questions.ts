// `brier rescore`: recomputes the scores of resolved questions from their stored forecasts
// (expectedScoreRows, the very computation resolution performs) and compares them with the
// stored rows. With `fix`, differing questions get the recomputed rows and the boards a refresh.
import { listQuestionForecasts } from '../../db/repositories/forecast-repository.ts';
import { selectQuestion } from '../../db/repositories/question-repository.ts';
import {
  listQuestionScores,
  replaceQuestionScores,
  type ScoreValueRow,
} from '../../db/repositories/score-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { expectedScoreRows } from '../resolution/score-question.ts';
import { refreshStandings } from './refresh-leaderboards.ts';

export interface ScoreDifference {
  questionId: number;
  /** `user 12` or `cp recency_weighted` */
  who: string;
  scoreType: string;
  stored: { score: number; coverage: number } | null;
  recomputed: { score: number; coverage: number } | null;
}

export interface RescoreResult {
  questionCount: number;
  differences: ScoreDifference[];
  fixedQuestionIds: number[];
}

/** Equal up to rounding noise: |a − b| ≤ 1e-9 · max(1, |a|, |b|). */
function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function keyOf(row: ScoreValueRow): string {
  const who = row.userId === null ? `cp ${row.aggregationMethod}` : `user ${row.userId}`;
  return `${who}\u0000${row.scoreType}`;
}

export function compareScores(
  questionId: number,
  stored: readonly ScoreValueRow[],
  recomputed: readonly ScoreValueRow[],
): ScoreDifference[] {
  const before = new Map(stored.map((row) => [keyOf(row), row]));
  const after = new Map(recomputed.map((row) => [keyOf(row), row]));
  const differences: ScoreDifference[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(key);
    const now = after.get(key);
    if (old && now && isClose(old.score, now.score) && isClose(old.coverage, now.coverage))
      continue;
    const [who, scoreType] = key.split('\u0000');
    differences.push({
      questionId,
      who,
      scoreType,
      stored: old ? { score: old.score, coverage: old.coverage } : null,
      recomputed: now ? { score: now.score, coverage: now.coverage } : null,
    });
  }
  return differences;
}

/** Ids of every question that has or should have scores (resolved or annulled), ascending. */
export async function listRescorableQuestionIds(deps: Deps): Promise<number[]> {
  const rows = await deps.database.db
    .selectFrom('questions')
    .select('id')
    .where('status', 'in', ['resolved', 'annulled'])
    .orderBy('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

export async function rescoreQuestions(
  deps: Deps,
  input: { questionIds: number[]; fix?: boolean; onProgress?: (done: number) => void },
): Promise<RescoreResult> {
  const db = deps.database.db;
  const differences: ScoreDifference[] = [];
  const fixedQuestionIds: number[] = [];
  for (const [index, id] of input.questionIds.entries()) {
    const question = await selectQuestion(db, id);
    if (!question) throw new DomainError('NOT_FOUND', `No question ${id}.`);
    const recomputed = expectedScoreRows(question, await listQuestionForecasts(db, id));
    const found = compareScores(id, await listQuestionScores(db, id), recomputed);
    differences.push(...found);
    if (input.fix && found.length > 0) {
      await db
        .transaction()
        .execute((tx) => replaceQuestionScores(tx, id, recomputed, deps.clock.now()));
      fixedQuestionIds.push(id);
    }
    input.onProgress?.(index + 1);
  }
  if (fixedQuestionIds.length > 0) await refreshStandings(deps);
  return { questionCount: input.questionIds.length, differences, fixedQuestionIds };
}
