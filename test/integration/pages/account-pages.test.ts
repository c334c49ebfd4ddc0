// Settings (profile, API tokens) and public profiles through the HTML pages and form posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import {
  createForecastingCast,
  signIn,
  type TestSession,
  type TestUser,
} from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let reader: TestUser;
let session: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  const cast = await createForecastingCast(t, 1);
  reader = cast.users[0]!;
  session = await signIn(t, reader);
  const question = await createOpenQuestion(t, {
    author: cast.author,
    moderator: cast.moderator,
    title: 'Will <b>bold</b> things happen?',
  });
  await forecast(t, reader, question.id, { probability_yes: 0.4 });
});

afterAll(async () => {
  await t?.close();
});

function post(url: string, body: string, withCsrf = true) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      cookie: session.cookie,
    },
    payload: withCsrf ? `${body}&_csrf=${encodeURIComponent(session.csrfToken)}` : body,
  });
}

describe('settings', () => {
  it('sends guests to sign in and back', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/settings' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login?next=%2Fsettings');
  });

  it('saves the profile, and shows a bad value beside its field', async () => {
    const saved = await post('/settings/profile', 'display_name=Ada+L&bio=I+forecast+%3Cb%3E');
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Profile saved.');
    expect(saved.body).toContain('I forecast &lt;b>');
    const tooLong = await post('/settings/profile', `display_name=${'x'.repeat(300)}&bio=`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('id="field-display_name-error"');
  });

  it('refuses a form post without the CSRF token', async () => {
    const response = await post('/settings/profile', 'display_name=Mallory&bio=', false);
    expect(response.statusCode).toBe(403);
    const profile = await t.app.inject({ method: 'GET', url: `/users/${reader.username}` });
    expect(profile.body).not.toContain('Mallory');
  });

  it('creates a token shown once that works, lists it, and revokes it', async () => {
    const created = await post('/settings/tokens', 'name=bot&scopes=read&scopes=write');
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = /<code class="token-secret" id="new-token">([^<]+)<\/code>/.exec(
      created.body,
    )?.[1];
    expect(token).toBeDefined();
    expect(created.body).toContain('data-island="copy-button"');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    const settings = await t.app.inject({
      method: 'GET',
      url: '/settings',
      headers: { cookie: session.cookie },
    });
    expect(settings.body).not.toContain(token!);
    const botRow = settings.body.split('<tr>').find((row) => row.startsWith('<td>bot</td>'));
    const revokeAction = /action="(\/settings\/tokens\/\d+\/revoke)"/.exec(botRow ?? '')?.[1];
    expect(revokeAction).toBeDefined();
    const revoked = await post(revokeAction!, '');
    expect(revoked.statusCode).toBe(303);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('asks for a scope and a name beside the fields', async () => {
    const response = await post('/settings/tokens', 'name=');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="field-name-error"');
  });
});

describe('public profile', () => {
  it('shows the name, bio and the questions forecast, escaped', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/users/${reader.username}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Ada L</h1>');
    expect(response.body).toContain('Will &lt;b>bold&lt;/b> things happen?');
    expect(response.body).not.toContain('@example.test');
  });

  it('is a 404 page for an unknown user', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/users/nobody-here',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<h1>Page not found</h1>');
  });
});
