// Registration, login, logout and the session cookie, through the real app and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function register(payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
}

function login(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });
}

function sessionCookieOf(response: { cookies: Array<{ name: string; value: string }> }) {
  const cookie = response.cookies.find((c) => c.name === 'brier_session');
  if (!cookie) throw new Error('no brier_session cookie');
  return cookie;
}

async function sessionCount(): Promise<number> {
  const row = await t.deps.database.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('POST /api/v1/auth/register', () => {
  it('creates a reader (even the first account), signs in and returns the user', async () => {
    const response = await register({
      email: 'First@Example.com',
      username: 'First_user-1',
      password: 'correct horse battery',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({
      username: 'First_user-1',
      email: 'First@Example.com',
      role: 'reader',
      display_name: null,
      bio: '',
    });
    expect(body.user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(body.user).not.toHaveProperty('password_hash');
    expect(typeof body.csrf_token).toBe('string');

    const cookie = sessionCookieOf(response);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { cookie: `brier_session=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('First_user-1');
  });

  it('stores the session as a sha-256 digest, never the cookie value', async () => {
    const response = await register({
      email: 'digest@example.com',
      username: 'digest',
      password: 'correct horse battery',
    });
    const value = sessionCookieOf(response).value;
    const rows = await t.deps.database.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((row) => row.id === value)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.id))).toBe(true);
  });

  it('sets the cookie httpOnly, SameSite=Lax, path=/, 30 days, not Secure on http', async () => {
    const response = await register({
      email: 'flags@example.com',
      username: 'flags',
      password: 'correct horse battery',
    });
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    const cookie = response.cookies.find((c) => c.name === 'brier_session') as {
      expires?: Date;
    };
    const lifetime = (cookie.expires as Date).getTime() - t.clock.now().getTime();
    expect(Math.abs(lifetime - 30 * DAY_MS)).toBeLessThan(2000);
  });

  it('refuses a taken username or email case-insensitively with 409 ALREADY_EXISTS', async () => {
    await register({ email: 'taken@example.com', username: 'Taken', password: '0123456789' });
    const sameName = await register({
      email: 'other@example.com',
      username: 'tAKEN',
      password: '0123456789',
    });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().error.code).toBe('ALREADY_EXISTS');
    expect(sameName.json().error.details.fields).toEqual([
      { path: '/username', message: expect.any(String) },
    ]);

    const sameEmail = await register({
      email: 'TAKEN@example.com',
      username: 'other_name',
      password: '0123456789',
    });
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      '/email',
    ]);
  });

  it('turns a lost race on the unique index into ALREADY_EXISTS too', async () => {
    const payload = { email: 'race@example.com', username: 'racer', password: '0123456789' };
    const [a, b] = await Promise.all([register(payload), register(payload)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('ALREADY_EXISTS');
  });

  it('checks username characters and lengths, email format and password length', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'a@example.com', username: 'ab', password: '0123456789' }, '/username'],
      [{ email: 'a@example.com', username: 'x'.repeat(31), password: '0123456789' }, '/username'],
      [{ email: 'a@example.com', username: 'has space', password: '0123456789' }, '/username'],
      [{ email: 'a@example.com', username: 'émile', password: '0123456789' }, '/username'],
      [{ email: 'not-an-email', username: 'valid_name', password: '0123456789' }, '/email'],
      [{ email: 'a b@example.com', username: 'valid_name', password: '0123456789' }, '/email'],
      [{ email: 'a@example.com', username: 'valid_name', password: '012345678' }, '/password'],
      [{ email: 'a@example.com', username: 'valid_name', password: 'x'.repeat(201) }, '/password'],
    ];
    for (const [payload, path] of cases) {
      const response = await register(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(
        path,
      );
    }
  });
});

describe('POST /api/v1/auth/login', () => {
  it('signs in by username or by email, case-insensitively', async () => {
    const user = await createUser(t, { username: 'Login_Person' });
    for (const name of [user.username, user.username.toUpperCase(), user.email.toUpperCase()]) {
      const response = await login({ login: name, password: user.password });
      expect(response.statusCode, name).toBe(200);
      expect(response.json().user).toMatchObject({ id: user.id, role: 'reader' });
      expect(sessionCookieOf(response).value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('returns our role for users made with a role', async () => {
    const moderator = await createUser(t, { role: 'moderator' });
    const response = await login({ login: moderator.username, password: moderator.password });
    expect(response.json().user.role).toBe('moderator');
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('deletes the session row, clears the cookie and stops the cookie working', async () => {
    const user = await createUser(t);
    const signedIn = await login({ login: user.username, password: user.password });
    const cookie = `brier_session=${sessionCookieOf(signedIn).value}`;
    const csrf = signedIn.json().csrf_token as string;
    const before = await sessionCount();

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await sessionCount()).toBe(before - 1);
    const cleared = response.cookies.find((c) => c.name === 'brier_session');
    expect(cleared?.value).toBe('');

    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 204 without a session too', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(response.statusCode).toBe(204);
  });
});

describe('session lifetime', () => {
  it('slides the expiry forward at most once an hour and expires after 30 idle days', async () => {
    const user = await createUser(t);
    const signedIn = await login({ login: user.username, password: user.password });
    const cookie = `brier_session=${sessionCookieOf(signedIn).value}`;

    // Within the hour: no new cookie.
    t.clock.advance(30 * 60 * 1000);
    const soon = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(soon.statusCode).toBe(200);
    expect(soon.headers['set-cookie']).toBeUndefined();

    // After the hour: the cookie is re-sent with a later expiry.
    t.clock.advance(31 * 60 * 1000);
    const later = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(later.statusCode).toBe(200);
    const refreshed = later.cookies.find((c) => c.name === 'brier_session') as { expires?: Date };
    const lifetime = (refreshed.expires as Date).getTime() - t.clock.now().getTime();
    expect(Math.abs(lifetime - 30 * DAY_MS)).toBeLessThan(2000);

    // 29 idle days later it still works (the expiry slid), 31 later it does not.
    t.clock.advance(29 * DAY_MS);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advance(31 * DAY_MS);
    const expired = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.cookies.find((c) => c.name === 'brier_session')?.value).toBe('');
  });

  it('ends 90 days after the sign-in even when used every day', async () => {
    const user = await createUser(t);
    const signedIn = await login({ login: user.username, password: user.password });
    const cookie = `brier_session=${sessionCookieOf(signedIn).value}`;
    for (let day = 1; day < 90; day++) {
      t.clock.advance(DAY_MS);
      const response = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
      expect(response.statusCode, `day ${day}`).toBe(200);
    }
    t.clock.advance(DAY_MS);
    const ended = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(ended.statusCode).toBe(401);
  });

  it('treats an unknown session cookie as anonymous', async () => {
    const response = await t.app.inject({
      url: '/api/v1/auth/csrf',
      headers: { cookie: 'brier_session=forged-value' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ csrf_token: null });
  });
});

describe('Secure cookies behind https', () => {
  let secure: TestApp;
  beforeAll(async () => {
    secure = await createTestApp({ env: { BASE_URL: 'https://brier.example' } });
  });
  afterAll(() => secure.close());

  it('marks the session cookie Secure when BASE_URL is https', async () => {
    const response = await secure.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 's@example.com', username: 'secure', password: '0123456789' },
    });
    expect(response.statusCode).toBe(201);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
  });
});
