// The session list, signing one session or every other one out, and password change (which signs
// out every other session): through the API and through the settings page's plain forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestSession, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1';

async function signInAs(user: TestUser, userAgent: string, password = user.password) {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'user-agent': userAgent },
    payload: { login: user.username, password },
  });
  expect(login.statusCode, login.body).toBe(200);
  const value = login.cookies.find((c) => c.name === 'brier_session')?.value;
  const cookie = `brier_session=${value}`;
  const csrfToken = login.json().csrf_token as string;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } } as TestSession;
}

async function isSignedIn(session: TestSession): Promise<boolean> {
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers });
  return me.statusCode === 200;
}

async function listSessions(session: TestSession) {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/v1/me/sessions',
    headers: session.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json().items as Array<{ id: string; user_agent: string; is_current: boolean }>;
}

describe('sessions', () => {
  it('lists the sessions with their browsers, and signs one out', async () => {
    const user = await createUser(t);
    const laptop = await signInAs(user, FIREFOX);
    const phone = await signInAs(user, SAFARI);
    const sessions = await listSessions(laptop);
    expect(sessions).toHaveLength(2);
    const current = sessions.find((s) => s.is_current);
    expect(current?.user_agent).toBe(FIREFOX);
    const other = sessions.find((s) => !s.is_current);
    expect(other?.user_agent).toBe(SAFARI);
    expect(other?.id).toMatch(/^[0-9a-f]{16}$/);

    // Somebody else cannot sign my sessions out: the id is simply unknown to them.
    const stranger = await signInAs(await createUser(t), FIREFOX);
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${other?.id}`,
      headers: stranger.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect(await isSignedIn(phone)).toBe(true);

    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${other?.id}`,
      headers: laptop.headers,
    });
    expect(ended.statusCode).toBe(204);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(true);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${other?.id}`,
      headers: laptop.headers,
    });
    expect(again.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'DELETE',
      url: "/api/v1/me/sessions/' or 1=1 --",
      headers: laptop.headers,
    });
    expect(bad.statusCode).toBe(404);
  });

  it('signs out everywhere else, keeping this browser and the API tokens', async () => {
    const user = await createUser(t);
    const sessions = [
      await signInAs(user, FIREFOX),
      await signInAs(user, SAFARI),
      await signInAs(user, SAFARI),
    ];
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/sessions',
      headers: sessions[0]?.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ended: 2 });
    expect(await isSignedIn(sessions[0] as TestSession)).toBe(true);
    expect(await isSignedIn(sessions[1] as TestSession)).toBe(false);
    expect(await isSignedIn(sessions[2] as TestSession)).toBe(false);
    const viaToken = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: user.auth });
    expect(viaToken.statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('needs the current password and a good new one, then signs out the other sessions', async () => {
    const user = await createUser(t);
    const here = await signInAs(user, FIREFOX);
    const elsewhere = await signInAs(user, SAFARI);
    const change = (body: object, headers: Record<string, string> = here.headers) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers, payload: body });

    const wrong = await change({
      current_password: 'not it at all',
      new_password: 'a-fresh-pass-42',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('/current_password');
    const common = await change({ current_password: user.password, new_password: 'password123' });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details.fields[0].path).toBe('/new_password');
    const withToken = await change(
      { current_password: user.password, new_password: 'a-fresh-pass-42' },
      user.auth,
    );
    expect(withToken.statusCode).toBe(403);
    expect(await isSignedIn(elsewhere)).toBe(true);

    const changed = await change({
      current_password: user.password,
      new_password: 'a-fresh-pass-42',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ ended: 1 });
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);

    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: user.username, password: user.password },
    });
    expect(oldPassword.statusCode).toBe(401);
    await signInAs(user, FIREFOX, 'a-fresh-pass-42');
  });
});

describe('settings page', () => {
  function postForm(session: TestSession, url: string, body: string) {
    return t.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        cookie: session.cookie,
      },
      payload: `${body}&_csrf=${encodeURIComponent(session.csrfToken)}`,
    });
  }

  it('lists sessions, signs others out and changes the password without JavaScript', async () => {
    const user = await createUser(t);
    const here = await signInAs(user, FIREFOX);
    const phone = await signInAs(user, SAFARI);
    const page = await t.app.inject({
      method: 'GET',
      url: '/settings',
      headers: { cookie: here.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Firefox on Linux');
    expect(page.body).toContain('(this browser)');
    expect(page.body).toContain('Safari on iOS');
    expect(page.body).toContain('Sign out everywhere else');

    const wrong = await postForm(
      here,
      '/settings/password',
      'current_password=nope-nope-nope&new_password=another-pass-77',
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('is not your current password');

    const signedOut = await postForm(here, '/settings/sessions/end-others', '');
    expect(signedOut.statusCode).toBe(303);
    expect(await isSignedIn(phone)).toBe(false);

    const changed = await postForm(
      here,
      '/settings/password',
      `current_password=${encodeURIComponent(user.password)}&new_password=another-pass-77`,
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Password changed.');
  });
});
