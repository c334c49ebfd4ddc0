// The account holder's own data: the export holds everything the account owns and nothing of
// anyone else's; deletion needs the password and a browser session, signs out everywhere, frees
// the name and e-mail, and keeps the forecasts (and so the community prediction) under a pseudonym.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let questionId: number;

beforeAll(async () => {
  t = await createTestApp();
  const cast = await createForecastingCast(t, 2);
  [alice, bob] = cast.users as [TestUser, TestUser];
  const question = await createOpenQuestion(t, { author: cast.author, moderator: cast.moderator });
  questionId = question.id;
  await forecast(t, alice, questionId, { probability_yes: 0.25 });
  t.clock.advance(60_000);
  await forecast(t, bob, questionId, { probability_yes: 0.75 });
});
afterAll(() => t.close());

describe('account export', () => {
  it('holds the account, its forecasts and tokens, and nobody else’s data', async () => {
    const response = await t.app.inject({ url: '/api/v1/me/export', headers: alice.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/brier-account-.*\.json/);
    const data = response.json();
    expect(data.format).toBe('brier-account-export');
    expect(data.account).toMatchObject({
      id: alice.id,
      username: alice.username,
      email: alice.email,
    });
    expect(JSON.stringify(data)).not.toContain('password');
    expect(data.forecasts).toHaveLength(1);
    expect(data.forecasts[0]).toMatchObject({ question_id: questionId, probability_yes: 0.25 });
    expect(data.api_tokens[0]).toMatchObject({ name: 'test token' });
    expect(data.api_tokens[0].token_hash).toBeUndefined();
    // Forecasting followed the question; comments, votes and the rest have their sections.
    expect(data.follows).toEqual([expect.objectContaining({ target_type: 'question' })]);
    for (const section of ['comments', 'comment_votes', 'articles', 'reports']) {
      expect(data[section]).toEqual([]);
    }
    expect(JSON.stringify(data)).not.toContain(bob.username);
    const anonymous = await t.app.inject({ url: '/api/v1/me/export' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('account deletion', () => {
  it('needs a session and the password, then pseudonymises and keeps the forecasts', async () => {
    const cpBefore = (
      await t.app.inject({ url: `/api/v1/questions/${questionId}/cp`, headers: alice.auth })
    ).body;
    const session = await signIn(t, bob);
    const elsewhere = await signIn(t, bob);
    const remove = (body: object, headers: Record<string, string>) =>
      t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers, payload: body });

    expect((await remove({ password: bob.password }, bob.auth)).statusCode).toBe(403);
    const wrong = await remove({ password: 'not the password' }, session.headers);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('/password');

    const deleted = await remove({ password: bob.password }, session.headers);
    expect(deleted.statusCode).toBe(204);
    // Signed out everywhere, tokens gone, the name and profile gone.
    for (const headers of [session.headers, elsewhere.headers, bob.auth]) {
      const me = await t.app.inject({ url: '/api/v1/me', headers });
      expect(me.statusCode).toBe(401);
    }
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: bob.email, password: bob.password },
    });
    expect(login.statusCode).toBe(401);
    const profile = await t.app.inject({ url: `/api/v1/users/${bob.username}` });
    expect(profile.statusCode).toBe(404);
    // The name and e-mail are free again.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: bob.email, username: bob.username, password: 'a-brand-new-pass-1' },
    });
    expect(again.statusCode).toBe(201);

    // The forecast still counts: the community prediction did not move.
    const cpAfter = (
      await t.app.inject({ url: `/api/v1/questions/${questionId}/cp`, headers: alice.auth })
    ).body;
    expect(cpAfter).toBe(cpBefore);
    const forecasts = await t.deps.database.db
      .selectFrom('forecasts')
      .select('user_id')
      .where('question_id', '=', questionId)
      .execute();
    expect(forecasts.map((row) => row.user_id)).toContain(bob.id);
    const row = await t.deps.database.db
      .selectFrom('users')
      .select(['username', 'email', 'bio', 'display_name'])
      .where('id', '=', bob.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      username: `deleted-${bob.id}`,
      email: `deleted-${bob.id}@deleted.invalid`,
      bio: '',
      display_name: null,
    });
  });
});

describe('settings page', () => {
  it('links the export and deletes the account through the plain form', async () => {
    const cast = await createForecastingCast(t, 1);
    const carol = cast.users[0] as TestUser;
    const session = await signIn(t, carol);
    const page = await t.app.inject({ url: '/settings', headers: { cookie: session.cookie } });
    expect(page.body).toContain('href="/api/v1/me/export"');
    const post = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/settings/delete-account',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          cookie: session.cookie,
        },
        payload: `password=${encodeURIComponent(password)}&_csrf=${encodeURIComponent(session.csrfToken)}`,
      });
    const wrong = await post('nope-nope-nope');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('is not your current password');
    const done = await post(carol.password);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/?account=deleted');
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
  });
});
