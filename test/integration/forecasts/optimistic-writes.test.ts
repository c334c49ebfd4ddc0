// A forecast on a question this process already holds the committed state of runs without reading
// first: one statement writes it if the question row and its CP state are unchanged
// (services/forecasts/cp-transaction.ts). Whatever changed in between — a close, an option, another
// instance's forecast — must make it fall back to the locked way, with the locked way's answer.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/database.ts';
import { listQuestionForecasts } from '../../../src/db/repositories/forecast-repository.ts';
import { type App, buildApp } from '../../../src/http/app.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { forecast, postForecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp, testConfig } from '../../helpers/test-app.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { expectStoredHistoryToMatch } from './cp-check.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let users: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator, users } = await createForecastingCast(t, 4));
});
afterAll(() => t.close());

const SECOND = 1000;

describe('optimistic forecast writes', () => {
  it('refuse a forecast once the question was closed behind the cached state', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    await forecast(t, users[0], question.id, { probability_yes: 0.3 });
    t.clock.advance(2 * SECOND);
    // Cached now: the next forecast would run on the question as it was.
    await forecast(t, users[1], question.id, { probability_yes: 0.6 });
    t.clock.advance(2 * SECOND);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${question.id}/close`,
      headers: moderator.auth,
    });
    expect(closed.statusCode).toBe(200);
    t.clock.advance(2 * SECOND);
    const refused = await postForecast(t, users[2], question.id, { probability_yes: 0.9 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('QUESTION_NOT_OPEN');
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('answers like the locked way: same-second replacement, then a new second', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const first = await forecast(t, users[0], question.id, { probability_yes: 0.2 });
    const second = await forecast(t, users[1], question.id, { probability_yes: 0.7 });
    // Same user, same second: the previous forecast is deleted and its entry replaced.
    const third = await forecast(t, users[1], question.id, { probability_yes: 0.4 });
    expect(third.community_prediction.forecaster_count).toBe(2);
    expect(third.community_prediction.seq).toBe(second.community_prediction.seq);
    t.clock.advance(3 * SECOND);
    const fourth = await forecast(t, users[2], question.id, { probability_yes: 0.5 });
    expect(fourth.community_prediction.forecaster_count).toBe(3);
    expect(fourth.community_prediction.seq).toBe(third.community_prediction.seq + 1);
    const ids = [first, second, third, fourth].map((body) => body.forecast.id as number);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const stored = await listQuestionForecasts(t.deps.database.db, question.id);
    expect(stored.map((row) => row.id)).toEqual([
      first.forecast.id,
      third.forecast.id,
      fourth.forecast.id,
    ]);
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('replays an Idempotency-Key without writing again', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    await forecast(t, users[0], question.id, { probability_yes: 0.2 });
    t.clock.advance(2 * SECOND);
    const headers = { 'idempotency-key': `optimistic-${question.id}` };
    const once = await postForecast(t, users[1], question.id, { probability_yes: 0.8 }, headers);
    expect(once.statusCode).toBe(201);
    t.clock.advance(2 * SECOND);
    const again = await postForecast(t, users[1], question.id, { probability_yes: 0.8 }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(once.json());
    const reused = await postForecast(t, users[1], question.id, { probability_yes: 0.1 }, headers);
    expect(reused.statusCode).toBe(422);
    expect(await listQuestionForecasts(t.deps.database.db, question.id)).toHaveLength(2);
    await expectStoredHistoryToMatch(t, question.id);
  });

  it.runIf(testBackend() === 'postgres')(
    'fall back when another instance wrote: ids keep growing in insertion order',
    async () => {
      const deps: Deps = {
        database: await openDatabase({
          databaseUrl: t.testDatabase.url,
          dataDir: '',
          poolSize: 2,
        }),
        config: testConfig(),
        clock: t.clock,
        logger: pino({ level: 'silent' }),
      };
      const other: App = await buildApp(deps);
      await other.ready();
      try {
        const question = await createOpenQuestion(t, { author, moderator });
        const ids: number[] = [];
        const post = async (app: App, user: TestUser, p: number) => {
          const response = await app.inject({
            method: 'POST',
            url: `/api/v1/questions/${question.id}/forecasts`,
            headers: user.auth,
            payload: { probability_yes: p },
          });
          expect(response.statusCode, response.body).toBe(201);
          ids.push(response.json().forecast.id);
        };
        // Both instances warm their caches, then take turns: every turn finds the other's write.
        for (let round = 0; round < 3; round++) {
          await post(t.app, users[0], 0.2 + round / 10);
          t.clock.advance(SECOND);
          await post(other, users[1], 0.6 - round / 10);
          t.clock.advance(SECOND);
        }
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        await expectStoredHistoryToMatch(t, question.id);
      } finally {
        await other.close();
        await deps.database.close();
      }
    },
  );
});
