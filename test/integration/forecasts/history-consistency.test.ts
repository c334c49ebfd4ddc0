// The stored CP history is updated incrementally, yet must always equal docs/maths.md §7's history of
// the stored forecasts: same-second updates and withdrawals, emptied sets, auto-withdrawals
// (applied by the job or by a later event), early close, options added, and a random walk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteHistory } from '../../../src/db/repositories/cp-entry-repository.ts';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import { rebuildCpHistory } from '../../../src/services/forecasts/rebuild-cp-history.ts';
import { cdfFor, forecast, postForecast, reaffirm, withdraw } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { expectStoredHistoryToMatch, storedHistory } from './cp-check.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let users: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator, users } = await createForecastingCast(t, 6));
});
afterAll(() => t.close());

const SECOND = 1000;
const [a, b, c] = [0, 1, 2];

function inSeconds(seconds: number): string {
  return new Date(t.clock.now().getTime() + seconds * SECOND).toISOString();
}

async function binaryQuestion() {
  return createOpenQuestion(t, { author, moderator });
}

describe('events within one second', () => {
  it('an update in the same second replaces the forecast and the entry', async () => {
    const question = await binaryQuestion();
    await forecast(t, users[a], question.id, { probability_yes: 0.2 });
    await forecast(t, users[a], question.id, { probability_yes: 0.6 });
    const history = await storedHistory(t, question.id, 'recency_weighted');
    expect(history).toHaveLength(1);
    expect(history[0].forecastValues).toEqual([0.4, 0.6]);
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('a forecast made and withdrawn in one second leaves no trace (no timestep)', async () => {
    const question = await binaryQuestion();
    await forecast(t, users[a], question.id, { probability_yes: 0.2 });
    t.clock.advance(3 * SECOND);
    await forecast(t, users[b], question.id, { probability_yes: 0.9 });
    expect((await withdraw(t, users[b], question.id)).statusCode).toBe(200);
    const history = await storedHistory(t, question.id, 'recency_weighted');
    expect(history).toHaveLength(1);
    expect(history[0].endTime).toBeNull();
    await expectStoredHistoryToMatch(t, question.id);
    // …and the same second can still become a timestep afterwards.
    await forecast(t, users[c], question.id, { probability_yes: 0.5 });
    expect(await storedHistory(t, question.id, 'recency_weighted')).toHaveLength(2);
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('an emptied CP refilled in the same second', async () => {
    const question = await binaryQuestion();
    await forecast(t, users[a], question.id, { probability_yes: 0.3 });
    t.clock.advance(2 * SECOND);
    expect((await withdraw(t, users[a], question.id)).statusCode).toBe(200);
    await forecast(t, users[b], question.id, { probability_yes: 0.7 });
    await forecast(t, users[c], question.id, { probability_yes: 0.1 });
    expect((await withdraw(t, users[c], question.id)).statusCode).toBe(200);
    await expectStoredHistoryToMatch(t, question.id);
    expect((await withdraw(t, users[b], question.id)).statusCode).toBe(200);
    const history = await storedHistory(t, question.id, 'recency_weighted');
    expect(history).toHaveLength(1);
    expect(history[0].endTime).not.toBeNull();
    await expectStoredHistoryToMatch(t, question.id);
  });
});

describe('auto-withdrawal (end_time)', () => {
  it('the job appends the entry at the end time', async () => {
    const question = await binaryQuestion();
    const created = await forecast(t, users[a], question.id, {
      probability_yes: 0.2,
      end_time: inSeconds(30),
    });
    expect(created.forecast.end_time).toBe(inSeconds(30));
    t.clock.advance(10 * SECOND);
    await forecast(t, users[b], question.id, { probability_yes: 0.8 });
    t.clock.advance(19 * SECOND);
    await runDueJobs(t.deps);
    expect(await storedHistory(t, question.id, 'recency_weighted')).toHaveLength(2);
    t.clock.advance(1 * SECOND);
    await runDueJobs(t.deps);
    const history = await storedHistory(t, question.id, 'recency_weighted');
    expect(history).toHaveLength(3);
    expect(history[2]).toMatchObject({
      forecasterCount: 1,
      forecastValues: [0.19999999999999996, 0.8],
    });
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('an event after an end time applies it even before the job runs', async () => {
    const question = await binaryQuestion();
    await forecast(t, users[a], question.id, { probability_yes: 0.2, end_time: inSeconds(5) });
    await forecast(t, users[b], question.id, { probability_yes: 0.4, end_time: inSeconds(7) });
    t.clock.advance(7 * SECOND);
    // b's end (t+7) is this very second; a's (t+5) is its own timestep.
    await forecast(t, users[c], question.id, { probability_yes: 0.9 });
    await expectStoredHistoryToMatch(t, question.id);
    await runDueJobs(t.deps);
    await expectStoredHistoryToMatch(t, question.id);
    expect(await storedHistory(t, question.id, 'recency_weighted')).toHaveLength(3);
  });

  it('replacing a forecast before its end time cancels the auto-withdrawal', async () => {
    const question = await binaryQuestion();
    await forecast(t, users[a], question.id, { probability_yes: 0.2, end_time: inSeconds(5) });
    t.clock.advance(2 * SECOND);
    await forecast(t, users[a], question.id, { probability_yes: 0.3 });
    t.clock.advance(10 * SECOND);
    await runDueJobs(t.deps);
    const history = await storedHistory(t, question.id, 'recency_weighted');
    expect(history).toHaveLength(2);
    expect(history[1].endTime).toBeNull();
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('end times after an early close are not timesteps', async () => {
    const question = await binaryQuestion();
    await forecast(t, users[a], question.id, { probability_yes: 0.2, end_time: inSeconds(100) });
    await forecast(t, users[b], question.id, { probability_yes: 0.6 });
    t.clock.advance(50 * SECOND);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${question.id}/close`,
      headers: moderator.auth,
    });
    expect(closed.statusCode).toBe(200);
    expect(
      (await postForecast(t, users[c], question.id, { probability_yes: 0.5 })).json().error.code,
    ).toBe('QUESTION_NOT_OPEN');
    t.clock.advance(60 * SECOND);
    await runDueJobs(t.deps);
    expect(await storedHistory(t, question.id, 'recency_weighted')).toHaveLength(1);
    await expectStoredHistoryToMatch(t, question.id);
  });
});

describe('other question types', () => {
  it('multiple choice, with an option added while open', async () => {
    const question = await createOpenQuestion(t, { author, moderator, type: 'multiple_choice' });
    await forecast(t, users[a], question.id, {
      probability_yes_per_category: { A: 0.6, B: 0.3, Other: 0.1 },
    });
    t.clock.advance(SECOND);
    await forecast(t, users[b], question.id, {
      probability_yes_per_category: { A: 0.2, B: 0.5, Other: 0.3 },
    });
    t.clock.advance(SECOND);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${question.id}/options`,
      headers: moderator.auth,
      payload: { label: 'C', description: 'A third way.' },
    });
    expect(added.statusCode).toBeLessThan(300);
    // Every current option is now required.
    const missing = await postForecast(t, users[c], question.id, {
      probability_yes_per_category: { A: 0.1, B: 0.2, Other: 0.7 },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].path).toBe('/probability_yes_per_category/C');
    await forecast(t, users[c], question.id, {
      probability_yes_per_category: { A: 0.1, B: 0.2, C: 0.3, Other: 0.4 },
    });
    t.clock.advance(SECOND);
    await forecast(t, users[a], question.id, {
      probability_yes_per_category: { A: 0.25, B: 0.25, C: 0.25, Other: 0.25 },
    });
    expect((await withdraw(t, users[b], question.id)).statusCode).toBe(200);
    const history = await storedHistory(t, question.id, 'recency_weighted');
    expect(history[0].forecastValues).toHaveLength(4);
    expect(history[0].forecastValues[2]).toBeNull();
    await expectStoredHistoryToMatch(t, question.id);
    // A stale reaffirm (no value for C) is refused with C's path; a fresh one works.
    t.clock.advance(SECOND);
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/questions/${question.id}/forecasts/mine`,
      headers: users[c].auth,
    });
    expect(mine.json().items[0].probability_yes_per_category).toEqual({
      A: 0.1,
      B: 0.2,
      C: 0.3,
      Other: 0.4,
    });
    expect((await reaffirm(t, users[c], question.id)).statusCode).toBe(201);
    await expectStoredHistoryToMatch(t, question.id);
  });

  it('numeric, from CDFs and from components', async () => {
    const question = await createOpenQuestion(t, { author, moderator, type: 'numeric' });
    await forecast(t, users[a], question.id, { continuous_cdf: cdfFor({ center: 0.3 }) });
    t.clock.advance(SECOND);
    await forecast(t, users[b], question.id, {
      components: [
        { center: 60, scale: 0.1, weight: 2 },
        { center: 20, scale: 0.05, weight: 1 },
      ],
    });
    t.clock.advance(SECOND);
    await forecast(t, users[c], question.id, { continuous_cdf: cdfFor({ center: 0.8 }) });
    await forecast(t, users[a], question.id, { continuous_cdf: cdfFor({ center: 0.5 }) });
    expect((await withdraw(t, users[b], question.id)).statusCode).toBe(200);
    await expectStoredHistoryToMatch(t, question.id);
  });
});

describe('rebuildCpHistory', () => {
  it('restores a lost history from the forecasts, and events continue from it', async () => {
    const question = await binaryQuestion();
    await forecast(t, users[a], question.id, { probability_yes: 0.2, end_time: inSeconds(4) });
    t.clock.advance(2 * SECOND);
    await forecast(t, users[b], question.id, { probability_yes: 0.7 });
    await deleteHistory(t.deps.database.db, question.id);
    expect(await storedHistory(t, question.id, 'recency_weighted')).toHaveLength(0);
    expect(await rebuildCpHistory(t.deps, { questionId: question.id })).toBe(2);
    await expectStoredHistoryToMatch(t, question.id);
    t.clock.advance(3 * SECOND);
    await forecast(t, users[c], question.id, { probability_yes: 0.4 });
    await runDueJobs(t.deps);
    expect(await storedHistory(t, question.id, 'recency_weighted')).toHaveLength(4);
    await expectStoredHistoryToMatch(t, question.id);
  });
});

/** A small deterministic PRNG (mulberry32) so a failing walk can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a random walk of events', () => {
  it.each([1, 2, 3])('seed %i: the stored history equals the recomputed one', async (seed) => {
    const next = random(seed);
    const type = (['binary', 'multiple_choice', 'numeric'] as const)[seed % 3];
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      type,
      ...(type === 'numeric' ? { inbound_outcome_count: 20 } : {}),
    });
    const values = () => {
      if (type === 'binary')
        return { probability_yes: Math.round((0.01 + 0.98 * next()) * 1000) / 1000 };
      if (type === 'multiple_choice') {
        const raw = [next() + 0.05, next() + 0.05, next() + 0.05];
        const sum = raw[0] + raw[1] + raw[2];
        return {
          probability_yes_per_category: { A: raw[0] / sum, B: raw[1] / sum, Other: raw[2] / sum },
          normalize: true,
        };
      }
      return { continuous_cdf: cdfFor({ n: 20, center: next() }) };
    };
    for (let step = 0; step < 60; step++) {
      const user = users[Math.floor(next() * users.length)];
      const roll = next();
      if (roll < 0.5) {
        await forecast(t, user, question.id, values());
      } else if (roll < 0.65) {
        await forecast(t, user, question.id, {
          ...values(),
          end_time: inSeconds(1 + Math.floor(next() * 3)),
        });
      } else if (roll < 0.85) {
        expect([200, 404]).toContain((await withdraw(t, user, question.id)).statusCode);
      } else {
        expect([201, 404]).toContain((await reaffirm(t, user, question.id)).statusCode);
      }
      const wait = next();
      if (wait < 0.4) t.clock.advance(SECOND);
      else if (wait < 0.5) t.clock.advance(3 * SECOND);
      if (next() < 0.2) await runDueJobs(t.deps);
    }
    await expectStoredHistoryToMatch(t, question.id);
    t.clock.advance(10 * SECOND);
    await runDueJobs(t.deps);
    await expectStoredHistoryToMatch(t, question.id);
  });
});
