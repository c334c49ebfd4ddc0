// Many forecasts, updates and withdrawals at once on one question (through two app instances on
// PostgreSQL) never corrupt the CP: the stored history equals the full recompute afterwards.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/database.ts';
import { type App, buildApp } from '../../../src/http/app.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { cdfFor } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp, testConfig } from '../../helpers/test-app.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { expectStoredHistoryToMatch, storedHistory } from './cp-check.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let users: TestUser[];
/** A second instance with its own engine cache (PostgreSQL only; PGlite has one process). */
let second: { app: App; deps: Deps } | null = null;

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator, users } = await createForecastingCast(t, 20));
  if (testBackend() === 'postgres') {
    const deps: Deps = {
      database: await openDatabase({ databaseUrl: t.testDatabase.url, dataDir: '', poolSize: 8 }),
      config: testConfig(),
      clock: t.clock,
      logger: pino({ level: 'silent' }),
    };
    const app = await buildApp(deps);
    await app.ready();
    second = { app, deps };
  }
});

afterAll(async () => {
  if (second) {
    await second.app.close();
    await second.deps.database.close();
  }
  await t.close();
});

type Operation =
  | { kind: 'forecast'; user: TestUser; body: Record<string, unknown> }
  | {
      kind: 'withdraw';
      user: TestUser;
    };

async function run(questionId: number, operations: Operation[]) {
  return Promise.all(
    operations.map((operation, index) => {
      const app = second && index % 2 === 1 ? second.app : t.app;
      return operation.kind === 'forecast'
        ? app.inject({
            method: 'POST',
            url: `/api/v1/questions/${questionId}/forecasts`,
            headers: operation.user.auth,
            payload: operation.body,
          })
        : app.inject({
            method: 'DELETE',
            url: `/api/v1/questions/${questionId}/forecasts/mine`,
            headers: operation.user.auth,
          });
    }),
  );
}

describe('concurrent forecasts on one question', () => {
  it.each(['binary', 'multiple_choice', 'numeric'] as const)(
    '%s: 40 parallel forecasts, updates and withdrawals from 20 users',
    async (type) => {
      const question = await createOpenQuestion(t, { author, moderator, type });
      const body = (i: number): Record<string, unknown> => {
        if (type === 'binary') return { probability_yes: 0.05 + (i % 19) * 0.05 };
        if (type === 'multiple_choice') {
          const a = 0.1 + (i % 7) * 0.1;
          return { probability_yes_per_category: { A: a, B: (1 - a) / 2, Other: (1 - a) / 2 } };
        }
        return { continuous_cdf: cdfFor({ center: (i % 10) / 10 }) };
      };
      // Round 1, all in one second: first forecasts and immediate updates.
      const first = await run(
        question.id,
        Array.from({ length: 40 }, (_, i) => ({
          kind: 'forecast' as const,
          user: users[i % 20],
          body: body(i),
        })),
      );
      for (const response of first) expect(response.statusCode).toBe(201);
      await expectStoredHistoryToMatch(t, question.id);

      // Round 2, a second later: updates mixed with withdrawals (some users withdraw twice).
      t.clock.advance(1000);
      const second = await run(
        question.id,
        Array.from({ length: 40 }, (_, i) =>
          i % 3 === 0
            ? { kind: 'withdraw' as const, user: users[i % 20] }
            : { kind: 'forecast' as const, user: users[(i * 7) % 20], body: body(i + 3) },
        ),
      );
      for (const response of second) expect([200, 201, 404]).toContain(response.statusCode);
      await expectStoredHistoryToMatch(t, question.id);

      // Round 3, spread over a few seconds.
      for (let round = 0; round < 3; round++) {
        t.clock.advance(1000);
        const responses = await run(
          question.id,
          Array.from({ length: 14 }, (_, i) =>
            i % 4 === 0
              ? { kind: 'withdraw' as const, user: users[(i + round) % 20] }
              : { kind: 'forecast' as const, user: users[(i * 3 + round) % 20], body: body(i) },
          ),
        );
        for (const response of responses) expect([200, 201, 404]).toContain(response.statusCode);
      }
      await expectStoredHistoryToMatch(t, question.id);
      expect((await storedHistory(t, question.id, 'recency_weighted')).length).toBeGreaterThan(2);
    },
  );
});
