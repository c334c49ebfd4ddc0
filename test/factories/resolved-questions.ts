// Resolved questions with their scores, while the resolution workflow lives elsewhere: closes the
// question (if still open) at the TestClock's now, marks it resolved with `resolution`, and
// writes the scores rows core scoreBundle computes on the question's exported bundle — the
// computation resolution performs. Optionally rebuilds the stored leaderboards.
import { listQuestionForecasts } from '../../src/db/repositories/forecast-repository.ts';
import { selectQuestion } from '../../src/db/repositories/question-repository.ts';
import {
  replaceQuestionScores,
  type ScoreRow,
} from '../../src/db/repositories/score-repository.ts';
import { expectedScoreRows } from '../../src/services/resolution/score-question.ts';
import { refreshStandings } from '../../src/services/standings/refresh-leaderboards.ts';
import type { TestApp } from '../helpers/test-app.ts';

export interface ResolveOptions {
  /** Close and resolution instant; default: the TestClock's now. */
  at?: Date;
  /** Rebuild every stored leaderboard afterwards (default true). */
  refresh?: boolean;
}

/** Resolves question `id` and stores its scores; returns the rows written. */
export async function resolveWithScores(
  t: TestApp,
  id: number,
  resolution: string,
  options: ResolveOptions = {},
): Promise<ScoreRow[]> {
  const at = options.at ?? t.clock.now();
  const db = t.deps.database.db;
  const rows = await db.transaction().execute(async (tx) => {
    const before = await selectQuestion(tx, id, { forUpdate: true });
    if (!before) throw new Error(`no question ${id}`);
    await tx
      .updateTable('questions')
      .set({
        status: resolution === 'annulled' ? 'annulled' : 'resolved',
        resolution,
        resolved_at: at,
        actual_close_time: before.actualCloseTime ?? at,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    const question = await selectQuestion(tx, id);
    if (!question) throw new Error(`no question ${id}`);
    const computed = expectedScoreRows(question, await listQuestionForecasts(tx, id));
    await replaceQuestionScores(tx, id, computed, at);
    return computed.map((row) => ({ ...row, questionId: id }));
  });
  if (options.refresh ?? true) await refreshStandings(t.deps);
  return rows;
}
