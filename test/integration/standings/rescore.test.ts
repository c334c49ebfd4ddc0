// `brier rescore`: recomputing stored scores from stored forecasts finds nothing on untouched
// questions, reports a tampered score (and a missing one), and --fix puts the right rows back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listRescorableQuestionIds,
  rescoreQuestions,
} from '../../../src/services/standings/rescore-questions.ts';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { resolveWithScores } from '../../factories/resolved-questions.ts';
import { createForecastingCast } from '../../factories/users.ts';
import { brierEnv, runBrier } from '../../helpers/brier-process.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
const ids: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const { author, moderator, users } = await createForecastingCast(t, 3);
  for (const type of ['binary', 'multiple_choice'] as const) {
    const question = await createOpenQuestion(t, { author, moderator, type });
    for (const [index, user] of users.entries()) {
      t.clock.advance(600_000);
      await forecast(
        t,
        user,
        question.id,
        type === 'binary'
          ? { probability_yes: 0.2 + 0.3 * index }
          : {
              probability_yes_per_category: {
                A: 0.5,
                B: 0.2 + 0.1 * index,
                Other: 0.3 - 0.1 * index,
              },
            },
      );
    }
    t.clock.advance(600_000);
    await resolveWithScores(t, question.id, type === 'binary' ? 'yes' : 'B');
    ids.push(question.id);
  }
});
afterAll(() => t.close());

describe('rescore', () => {
  it('finds no difference on untouched questions', async () => {
    expect(await listRescorableQuestionIds(t.deps)).toEqual(ids);
    const result = await rescoreQuestions(t.deps, { questionIds: ids });
    expect(result.differences).toEqual([]);
  });

  it('reports a changed and a missing score, and --fix restores them', async () => {
    const db = t.deps.database.db;
    await db
      .updateTable('scores')
      .set({ score: 123 })
      .where('question_id', '=', ids[0])
      .where('score_type', '=', 'peer')
      .where('aggregation_method', '=', 'recency_weighted')
      .execute();
    await db
      .deleteFrom('scores')
      .where('question_id', '=', ids[1])
      .where('score_type', '=', 'brier')
      .where('user_id', 'is not', null)
      .execute();
    const found = await rescoreQuestions(t.deps, { questionIds: ids });
    expect(found.differences.filter((d) => d.questionId === ids[0])).toEqual([
      expect.objectContaining({
        who: 'cp recency_weighted',
        scoreType: 'peer',
        stored: expect.objectContaining({ score: 123 }),
      }),
    ]);
    const missing = found.differences.filter((d) => d.questionId === ids[1]);
    expect(missing).toHaveLength(3);
    expect(missing.every((d) => d.stored === null && d.scoreType === 'brier')).toBe(true);

    const fixed = await rescoreQuestions(t.deps, { questionIds: ids, fix: true });
    expect(fixed.fixedQuestionIds).toEqual(ids);
    expect((await rescoreQuestions(t.deps, { questionIds: ids })).differences).toEqual([]);
  });

  it('runs as `brier rescore --all` with a progress bar, exit 0 on an empty database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brier-rescore-'));
    try {
      const run = await runBrier(['rescore', '--all'], brierEnv({ DATA_DIR: dataDir }));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('0 question(s) rescored; 0 difference(s)');
      const missing = await runBrier(
        ['rescore', '--question', '42'],
        brierEnv({ DATA_DIR: dataDir }),
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^brier: /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
