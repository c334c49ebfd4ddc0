// CSRF: cookie-authenticated writes need the session's token (header or `_csrf` form field);
// Bearer and anonymous requests need none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await createUser(t);
});
afterAll(() => t.close());

function patchMe(headers: Record<string, string>, bio = 'hello') {
  return t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { bio } });
}

describe('cookie-authenticated writes', () => {
  it('are refused with 403 CSRF_FAILED without the header', async () => {
    const session = await signIn(t, user);
    const response = await patchMe({ cookie: session.cookie });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_FAILED');
  });

  it('are refused with a wrong or another session\u2019s token', async () => {
    const session = await signIn(t, user);
    const other = await signIn(t, user);
    for (const token of ['wrong', other.csrfToken, '', session.csrfToken.slice(0, -1)]) {
      const response = await patchMe({ cookie: session.cookie, 'x-csrf-token': token });
      expect(response.statusCode, token).toBe(403);
      expect(response.json().error.code).toBe('CSRF_FAILED');
    }
  });

  it('are accepted with the header from GET /api/v1/auth/csrf', async () => {
    const session = await signIn(t, user);
    const csrf = await t.app.inject({
      url: '/api/v1/auth/csrf',
      headers: { cookie: session.cookie },
    });
    expect(csrf.statusCode).toBe(200);
    expect(csrf.json().csrf_token).toBe(session.csrfToken);
    const response = await patchMe(session.headers, 'via cookie');
    expect(response.statusCode).toBe(200);
    expect(response.json().bio).toBe('via cookie');
  });

  it('accept the token as the _csrf field of a form body', async () => {
    const session = await signIn(t, user);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=nope',
    });
    expect(refused.statusCode).toBe(403);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(session.csrfToken)}`,
    });
    expect(accepted.statusCode).toBe(204);
  });

  it('cover DELETE too (revoking a token)', async () => {
    const session = await signIn(t, user);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: session.headers,
      payload: { name: 'to revoke', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const url = `/api/v1/me/tokens/${created.json().id}`;
    const refused = await t.app.inject({
      method: 'DELETE',
      url,
      headers: { cookie: session.cookie },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CSRF_FAILED');
    const accepted = await t.app.inject({ method: 'DELETE', url, headers: session.headers });
    expect(accepted.statusCode).toBe(204);
  });

  it('do not apply to reads', async () => {
    const session = await signIn(t, user);
    const response = await t.app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(200);
  });
});

describe('requests without a session cookie', () => {
  it('Bearer writes need no CSRF token, even with a session cookie beside them', async () => {
    const session = await signIn(t, user);
    expect((await patchMe(user.auth)).statusCode).toBe(200);
    expect((await patchMe({ ...user.auth, cookie: session.cookie })).statusCode).toBe(200);
  });

  it('anonymous requests may register and log in without a token', async () => {
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'anon@example.com', username: 'anon_user', password: '0123456789' },
    });
    expect(registered.statusCode).toBe(201);
    const loggedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: user.username, password: user.password },
    });
    expect(loggedIn.statusCode).toBe(200);
  });

  it('GET /api/v1/auth/csrf answers null without a session', async () => {
    const response = await t.app.inject({ url: '/api/v1/auth/csrf' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ csrf_token: null });
    const withBearer = await t.app.inject({ url: '/api/v1/auth/csrf', headers: user.auth });
    expect(withBearer.json()).toEqual({ csrf_token: null });
  });

  it('anonymous writes to protected routes are 401, not CSRF_FAILED', async () => {
    const response = await patchMe({});
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('login CSRF: anonymous changes from another site', () => {
  const credentials = () => ({ login: user.username, password: user.password });

  it('refuses a form-encoded API login or registration (415): JSON only', async () => {
    for (const url of ['/api/v1/auth/login', '/api/v1/auth/register']) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(credentials()).toString(),
      });
      expect(response.statusCode, url).toBe(415);
      expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an unreadable Origin', { origin: 'null' }],
  ])('refuses a sign-in form posted with %s (403), setting no cookie', async (_name, headers) => {
    for (const url of ['/login', '/api/v1/auth/login']) {
      const isForm = url === '/login';
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          ...headers,
          'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
        },
        payload: isForm ? new URLSearchParams(credentials()).toString() : credentials(),
      });
      expect(response.statusCode, url).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('signs in from our own pages (same origin) and from clients that are not browsers', async () => {
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: {
        'sec-fetch-site': 'same-origin',
        origin: 'http://localhost:80',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams(credentials()).toString(),
    });
    expect(sameOrigin.statusCode).toBe(303);
    const ownOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
      payload: credentials(),
    });
    expect(ownOrigin.statusCode).toBe(200);
    const script = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: credentials(),
    });
    expect(script.statusCode).toBe(200);
  });
});
