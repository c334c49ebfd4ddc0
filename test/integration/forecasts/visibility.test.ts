// Who sees the community prediction: nobody but admins before cp_reveal_time (in every endpoint),
// only forecasters on forecast-first questions; your own forecasts are always visible to you.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;

const HOUR = 3_600_000;
const CP_PATHS = ['history', 'history.csv', 'forecasts.csv', 'bundle', 'cp'];

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
  alice = await createUser(t);
  bob = await createUser(t);
});
afterAll(() => t.close());

async function get(url: string, user: TestUser | null) {
  return t.app.inject({ method: 'GET', url, headers: user?.auth ?? {} });
}

describe('before cp_reveal_time', () => {
  it('hides the CP from everyone but admins, everywhere, until the reveal', async () => {
    const revealAt = new Date(t.clock.now().getTime() + 2 * HOUR).toISOString();
    const question = await createOpenQuestion(t, { author, moderator, cp_reveal_time: revealAt });
    const created = await forecast(t, alice, question.id, { probability_yes: 0.3 });
    expect(created.community_prediction).toBeNull();
    expect(created.forecast.probability_yes).toBe(0.3);

    const page = (await get(`/api/v1/questions/${question.id}`, alice)).json();
    expect(page.community_prediction).toBeNull();
    expect(page.my_forecast.probability_yes).toBe(0.3);
    expect(page.forecaster_count).toBe(1);

    for (const user of [null, alice, moderator]) {
      for (const path of CP_PATHS) {
        const response = await get(`/api/v1/questions/${question.id}/${path}`, user);
        expect(response.statusCode, `${path} as ${user?.role ?? 'anonymous'}`).toBe(403);
        expect(response.json().error.code).toBe('CP_HIDDEN');
        expect(response.json().error.details.reason).toBe('before_reveal');
      }
    }
    // Your own forecasts stay yours to see.
    const mine = await get(`/api/v1/questions/${question.id}/forecasts/mine`, alice);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);

    for (const path of CP_PATHS) {
      expect((await get(`/api/v1/questions/${question.id}/${path}`, admin)).statusCode).toBe(200);
    }
    expect(
      (await get(`/api/v1/questions/${question.id}`, admin)).json().community_prediction,
    ).not.toBeNull();

    t.clock.advance(2 * HOUR);
    expect(
      (await get(`/api/v1/questions/${question.id}`, null)).json().community_prediction,
    ).toMatchObject({
      forecast_values: [0.7, 0.3],
    });
    for (const path of CP_PATHS) {
      expect((await get(`/api/v1/questions/${question.id}/${path}`, null)).statusCode).toBe(200);
    }
  });
});

describe('forecast before you see the crowd', () => {
  it('shows the CP to a user only once they have forecast (admins always)', async () => {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      is_forecast_before_crowd: true,
    });
    const first = await forecast(t, alice, question.id, { probability_yes: 0.4 });
    expect(first.community_prediction).toMatchObject({ forecast_values: [0.6, 0.4] });

    for (const user of [null, bob]) {
      expect(
        (await get(`/api/v1/questions/${question.id}`, user)).json().community_prediction,
      ).toBeNull();
      const history = await get(`/api/v1/questions/${question.id}/history`, user);
      expect(history.statusCode).toBe(403);
      expect(history.json().error.details.reason).toBe('forecast_first');
    }
    expect((await get(`/api/v1/questions/${question.id}/history`, alice)).statusCode).toBe(200);
    expect((await get(`/api/v1/questions/${question.id}/history`, admin)).statusCode).toBe(200);
    expect(
      (await get(`/api/v1/questions/${question.id}`, alice)).json().community_prediction,
    ).not.toBeNull();

    const second = await forecast(t, bob, question.id, { probability_yes: 0.6 });
    expect(second.community_prediction).not.toBeNull();
    expect((await get(`/api/v1/questions/${question.id}/history`, bob)).statusCode).toBe(200);
    // Withdrawing does not un-see the crowd.
    t.clock.advance(1000);
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/questions/${question.id}/forecasts/mine`,
      headers: bob.auth,
    });
    expect(withdrawn.json().community_prediction).toMatchObject({ forecast_values: [0.6, 0.4] });
  });
});
