// Forecasting over HTTP: the CP in the response, replacing, withdrawing, reaffirming, your own
// history and the question page's summary. (Refusals: validation.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast, postForecast, reaffirm, withdraw } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  alice = await createUser(t);
  bob = await createUser(t);
});
afterAll(() => t.close());

describe('binary', () => {
  it('accepts a forecast and answers 201 with the forecast and the new CP', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const response = await postForecast(t, alice, question.id, { probability_yes: 0.3 });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.forecast).toMatchObject({
      question_id: question.id,
      probability_yes: 0.3,
      end_time: null,
    });
    expect(body.community_prediction).toMatchObject({
      method: 'recency_weighted',
      seq: 0,
      forecaster_count: 1,
      forecast_values: [0.7, 0.3],
      end_time: null,
    });
    t.clock.advance(10_000);
    const second = await forecast(t, bob, question.id, { probability_yes: 0.6 });
    // docs/maths.md §17 E2: two equally weighted forecasts average at the median.
    expect(second.community_prediction.forecast_values).toEqual([0.55, 0.44999999999999996]);
    expect(second.community_prediction.seq).toBe(1);
  });

  it('replaces the standing forecast, and withdrawing ends it', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    await forecast(t, alice, question.id, { probability_yes: 0.2 });
    t.clock.advance(5_000);
    await forecast(t, alice, question.id, { probability_yes: 0.8 });
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/questions/${question.id}/forecasts/mine`,
      headers: alice.auth,
    });
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items;
    expect(items.map((item: { probability_yes: number }) => item.probability_yes)).toEqual([
      0.8, 0.2,
    ]);
    expect(items[1].end_time).toBe(items[0].start_time);
    t.clock.advance(5_000);
    const withdrawn = await withdraw(t, alice, question.id);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().community_prediction).toBeNull();
    expect((await withdraw(t, alice, question.id)).json().error.code).toBe('NOT_FOUND');
  });

  it('reaffirms with the same values and a new start', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    expect((await reaffirm(t, alice, question.id)).statusCode).toBe(404);
    const first = await forecast(t, alice, question.id, { probability_yes: 0.42 });
    t.clock.advance(60_000);
    const response = await reaffirm(t, alice, question.id);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.forecast.probability_yes).toBe(0.42);
    expect(body.forecast.id).toBeGreaterThan(first.forecast.id);
    expect(Date.parse(body.forecast.start_time)).toBe(t.clock.now().getTime());
  });
});

describe('the question page summary', () => {
  it('shows the CP, your standing forecast and the number of forecasters', async () => {
    const question = await createOpenQuestion(t, { author, moderator, type: 'multiple_choice' });
    const empty = (
      await t.app.inject({ method: 'GET', url: `/api/v1/questions/${question.id}` })
    ).json();
    expect(empty).toMatchObject({
      community_prediction: null,
      my_forecast: null,
      forecaster_count: 0,
    });
    await forecast(t, alice, question.id, {
      probability_yes_per_category: { A: 0.5, B: 0.3, Other: 0.2 },
    });
    t.clock.advance(1000);
    await forecast(t, bob, question.id, {
      probability_yes_per_category: { A: 0.2, B: 0.2, Other: 0.6 },
    });
    const page = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/questions/${question.id}`,
        headers: alice.auth,
      })
    ).json();
    expect(page.forecaster_count).toBe(2);
    expect(page.my_forecast.probability_yes_per_category).toEqual({ A: 0.5, B: 0.3, Other: 0.2 });
    expect(page.community_prediction).toMatchObject({
      method: 'recency_weighted',
      forecaster_count: 2,
      options: ['A', 'B', 'Other'],
    });
    const anonymous = (
      await t.app.inject({ method: 'GET', url: `/api/v1/questions/${question.id}` })
    ).json();
    expect(anonymous.my_forecast).toBeNull();
    expect(anonymous.community_prediction).toEqual(page.community_prediction);
  });
});
