// The leaderboards, tournament, profile track-record and CP track-record pages, server-rendered:
// the numbers a reader sees come from the stored boards and the track-record service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { resolveWithScores } from '../../factories/resolved-questions.ts';
import { createForecastingCast, createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let users: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUser(t, { role: 'admin' });
  const cast = await createForecastingCast(t, 3);
  users = cast.users;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tournaments',
    headers: admin.auth,
    payload: { slug: 'page-cup', title: 'Page cup', description: 'About the cup.', prize_pool: 10 },
  });
  expect(created.statusCode).toBe(201);
  for (let q = 0; q < 6; q++) {
    const question = await createOpenQuestion(t, {
      author: cast.author,
      moderator: cast.moderator,
      title: `Page question ${q}`,
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/tournaments/page-cup/questions/${question.id}`,
      headers: admin.auth,
      payload: { question_weight: 1 },
    });
    for (const [index, user] of users.entries()) {
      t.clock.advance(3_600_000);
      await forecast(t, user, question.id, { probability_yes: 0.71 + index * 0.02 });
    }
    t.clock.advance(3_600_000);
    await resolveWithScores(t, question.id, q % 3 === 0 ? 'no' : 'yes');
  }
});
afterAll(() => t.close());

async function page(url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url, headers });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response.body;
}

describe('standings pages', () => {
  it('the leaderboard lists every forecaster and the unranked CP, and marks your row', async () => {
    const session = await signIn(t, users[1]);
    const html = await page('/leaderboards', { cookie: session.cookie });
    for (const user of users) expect(html).toContain(user.username);
    expect(html).toContain('Community prediction');
    expect(html).toContain('class="is-me"');
    expect(html).toMatch(/<option value="last-90-days"/);
    const baseline = await page('/leaderboards?score_type=baseline_global&window=last-90-days');
    expect(baseline).toContain('Last 90 days');
  });

  it('the tournament page shows questions, weights and the board', async () => {
    const html = await page('/tournaments/page-cup');
    expect(html).toContain('About the cup.');
    expect(html).toContain('Page question 5');
    expect(html).toContain('Prize');
    const missing = await t.app.inject({ method: 'GET', url: '/tournaments/none' });
    expect(missing.statusCode).toBe(404);
  });

  it('the profile shows the track record, calibration table and a feedback card', async () => {
    const html = await page(`/users/${users[0].username}`);
    expect(html).toContain('Track record');
    expect(html).toContain('data-island="calibration-chart"');
    // Six forecasts at 71 %: 4 happened; one feedback card for the 70–80 % bin.
    expect(html).toMatch(/In your 70–80 % bin, 67 % of the events happened \(n = 6/);
    const filtered = await page(`/users/${users[0].username}?tournament=page-cup&tag=`);
    expect(filtered).toContain('Page question 0');
  });

  it('the CP track record page shows its calibration', async () => {
    const html = await page('/track-record');
    expect(html).toContain('6 questions');
  });
});
