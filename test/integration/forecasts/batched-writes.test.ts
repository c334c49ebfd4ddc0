// Under load, optimistic forecast writes of different questions share one statement and one
// commit (services/forecasts/cp-write-batcher.ts). Each event keeps its own guard: one event
// that lost a race writes nothing while the others in its statement are written.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CpEventWrite,
  writeCpEvents,
} from '../../../src/db/repositories/cp-event-repository.ts';
import { cpWriteBatcherFor } from '../../../src/services/forecasts/cp-write-batcher.ts';
import { cdfFor, forecast, postForecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast, createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, METRICS_AUTH, type TestApp } from '../../helpers/test-app.ts';
import { expectStoredHistoryToMatch } from './cp-check.ts';

type Json = Record<string, unknown>;

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let users: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator, users } = await createForecastingCast(t, 12));
});
afterAll(() => t.close());

async function guardOf(questionId: number) {
  const result = await sql<{ xmin: string; version: string }>`
    select q.xmin::text as xmin, s.version::text as version
    from questions q join cp_states s on s.question_id = q.id
    where q.id = ${questionId}`.execute(t.deps.database.db);
  const row = result.rows[0]!;
  return { questionXmin: row.xmin, version: Number(row.version) };
}

function stateOnlyWrite(
  questionId: number,
  guard: CpEventWrite['guard'],
  processedUntil: number,
): CpEventWrite {
  return {
    questionId,
    now: t.clock.now(),
    guard,
    replacements: [],
    history: { deletes: [], ends: [], upserts: [] },
    processedUntil,
    notifyPayload: null,
    idempotency: [],
    reserveIds: 0,
  };
}

describe('batched CP writes', () => {
  it('parallel forecasts on six questions share statements and keep every history exact', async () => {
    const types = ['binary', 'multiple_choice', 'numeric'] as const;
    const questions: Array<{ id: number; type: string }> = [];
    for (let i = 0; i < 6; i++) {
      const question = await createOpenQuestion(t, { author, moderator, type: types[i % 3] });
      // A first forecast leaves the committed state in the cache: later ones are optimistic.
      await forecast(t, users[0], question.id, bodyFor(question.type, 0));
      questions.push(question);
    }
    const batcher = cpWriteBatcherFor(t.deps.database);
    const before = { ...batcher.stats };
    for (let round = 1; round <= 3; round++) {
      t.clock.advance(1000);
      const responses = await Promise.all(
        users.flatMap((user, u) =>
          questions.map((question, q) =>
            postForecast(t, user, question.id, bodyFor(question.type, round * 7 + u + q)),
          ),
        ),
      );
      for (const response of responses) expect(response.statusCode).toBe(201);
    }
    for (const question of questions) await expectStoredHistoryToMatch(t, question.id);
    const events = batcher.stats.items - before.items;
    const statements = batcher.stats.statements - before.statements;
    expect(events).toBeGreaterThan(0);
    // Twelve users on six questions at once: some statements carried several questions.
    expect(statements).toBeLessThan(events);
    expect(batcher.stats.largestBatch).toBeGreaterThan(1);
    // Operators see the same on /metrics, with how the events ran.
    const metrics = (await t.app.inject({ url: '/metrics', headers: METRICS_AUTH })).body;
    const sample = (pattern: RegExp) => Number(pattern.exec(metrics)?.[1] ?? Number.NaN);
    expect(sample(/^brier_cp_events\{way="optimistic"\} (\d+)$/m)).toBeGreaterThanOrEqual(events);
    expect(sample(/^brier_cp_events\{way="fallback"\} (\d+)$/m)).toBeGreaterThanOrEqual(6);
    expect(
      sample(/^brier_batched_statements\{purpose="cp_write",kind="statements"\} (\d+)$/m),
    ).toBe(batcher.stats.statements);
  });

  it('merges the forecasts that queue up on one question into one statement, the history exact', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    await forecast(t, users[0], question.id, { probability_yes: 0.5 });
    const batcher = cpWriteBatcherFor(t.deps.database);
    const before = { ...batcher.stats };
    t.clock.advance(1000);
    // Every user at once, and the first two users twice: a second forecast by an author already
    // in a statement waits for the next one.
    const bodies = users.map((user, u) => ({ user, body: { probability_yes: 0.1 + u * 0.05 } }));
    bodies.push({ user: users[0]!, body: { probability_yes: 0.93 } });
    bodies.push({ user: users[1]!, body: { probability_yes: 0.07 } });
    const responses = await Promise.all(
      bodies.map(({ user, body }) => postForecast(t, user, question.id, body)),
    );
    for (const response of responses) expect(response.statusCode).toBe(201);
    const forecasts = batcher.stats.items - before.items;
    const statements = batcher.stats.statements - before.statements;
    // (A second forecast in the same second may need the history read: the locked way.)
    expect(forecasts).toBeGreaterThanOrEqual(users.length);
    expect(statements).toBeLessThan(forecasts);
    await expectStoredHistoryToMatch(t, question.id);
    const standing = await sql<{ user_id: string; probability_yes: number }>`
      select user_id::text, probability_yes from forecasts
      where question_id = ${question.id} and end_time is null order by user_id`.execute(
      t.deps.database.db,
    );
    expect(standing.rows).toHaveLength(users.length);
    // Each user's standing forecast is the one they were answered for last (the highest id).
    const lastAnswered = new Map<number, { id: number; probability: number }>();
    responses.forEach((response, index) => {
      const { id, probability_yes } = (response.json() as Json).forecast as Json;
      const userId = (bodies[index] as (typeof bodies)[number]).user.id;
      const previous = lastAnswered.get(userId);
      if (!previous || (id as number) > previous.id) {
        lastAnswered.set(userId, { id: id as number, probability: probability_yes as number });
      }
    });
    for (const row of standing.rows) {
      expect(row.probability_yes).toBe(lastAnswered.get(Number(row.user_id))?.probability);
    }
  });

  it('keeps going when more forecasts queue on one question than ids are reserved', async () => {
    // 45 authors at once: more than the 32 ids a write reserves ahead, so some events wait for
    // the statement on its way (which reserves more) instead of giving up.
    const crowd = [...users];
    for (let i = crowd.length; i < 45; i++) crowd.push(await createUser(t));
    const question = await createOpenQuestion(t, { author, moderator });
    await forecast(t, crowd[0]!, question.id, { probability_yes: 0.5 });
    t.clock.advance(1000);
    const responses = await Promise.all(
      crowd.map((user, u) =>
        postForecast(t, user, question.id, { probability_yes: 0.02 + (u % 48) * 0.02 }),
      ),
    );
    for (const response of responses) expect(response.statusCode).toBe(201);
    const ids = responses.map((response) => ((response.json() as Json).forecast as Json).id);
    expect(new Set(ids).size).toBe(crowd.length);
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('writes the events whose guard holds and skips the one whose state moved on', async () => {
    const first = await createOpenQuestion(t, { author, moderator });
    const second = await createOpenQuestion(t, { author, moderator });
    await forecast(t, users[1], first.id, { probability_yes: 0.4 });
    await forecast(t, users[1], second.id, { probability_yes: 0.6 });
    const firstGuard = await guardOf(first.id);
    const secondGuard = await guardOf(second.id);
    const stale = { ...secondGuard, version: secondGuard.version - 1 };
    const written = await writeCpEvents(t.deps.database.db, [
      stateOnlyWrite(first.id, firstGuard, 1),
      stateOnlyWrite(second.id, stale, 1),
    ]);
    expect(written.map((result) => result.ok)).toEqual([true, false]);
    expect(written[0]!.version).toBeGreaterThan(firstGuard.version);
    expect(written[1]!.version).toBeNull();
    expect((await guardOf(first.id)).version).toBe(written[0]!.version);
    expect((await guardOf(second.id)).version).toBe(secondGuard.version);
  });

  it('refuses two events of one question in one statement', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    await expect(
      writeCpEvents(t.deps.database.db, [
        stateOnlyWrite(question.id, null, 1),
        stateOnlyWrite(question.id, null, 1),
      ]),
    ).rejects.toThrow(/one event per question/);
  });
});

function bodyFor(type: string, i: number): Record<string, unknown> {
  if (type === 'binary') return { probability_yes: 0.05 + (i % 19) * 0.05 };
  if (type === 'multiple_choice') {
    const a = 0.1 + (i % 7) * 0.1;
    return { probability_yes_per_category: { A: a, B: (1 - a) / 2, Other: (1 - a) / 2 } };
  }
  return { continuous_cdf: cdfFor({ center: 0.1 + (i % 8) * 0.1 }) };
}
