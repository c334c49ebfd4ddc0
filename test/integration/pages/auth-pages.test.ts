// Sign in, register and sign out through the HTML forms (form posts, no JavaScript), with the
// errors beside the fields and CSRF enforced on signed-in posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let reader: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  reader = await createUser(t);
});

afterAll(async () => {
  await t?.close();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

function sessionCookie(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name === 'brier_session');
  if (!cookie?.value) throw new Error('no session cookie');
  return `brier_session=${cookie.value}`;
}

describe('sign-in form', () => {
  it('has labelled fields and signs in with a 303 to the next page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/login?next=/settings' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="field-login">Username or email</label>');
    expect(page.body).toContain('<label for="field-password">Password</label>');
    const response = await post('/login', {
      login: reader.username,
      password: reader.password,
      next: '/settings',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/settings');
    const home = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: sessionCookie(response) },
    });
    expect(home.body).toContain('Sign out');
    expect(home.body).not.toContain('>Register</a>');
  });

  it('never redirects off the site', async () => {
    const response = await post('/login', {
      login: reader.username,
      password: reader.password,
      next: '//evil.example/',
    });
    expect(response.headers.location).toBe('/');
  });

  it('shows a wrong password beside the field, keeping the login, with 401', async () => {
    const response = await post('/login', { login: reader.username, password: 'wrong-password' });
    expect(response.statusCode).toBe(401);
    expect(response.body).toMatch(/id="field-password"[^>]*aria-invalid="true"/);
    expect(response.body).toContain('id="field-password-error"');
    expect(response.body).toContain(`value="${reader.username}"`);
  });

  it('asks for missing fields with 400', async () => {
    const response = await post('/login', { login: '', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="field-login-error"');
  });
});

describe('register form', () => {
  it('creates an account, signs it in and redirects home', async () => {
    const response = await post('/register', {
      email: 'formuser@example.test',
      username: 'formuser',
      password: 'a-long-enough-password',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const home = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: sessionCookie(response) },
    });
    expect(home.body).toContain('href="/users/formuser"');
  });

  it('shows each problem beside its field', async () => {
    const invalid = await post('/register', { email: 'nope', username: 'x', password: 'short' });
    expect(invalid.statusCode).toBe(400);
    for (const field of ['email', 'username', 'password']) {
      expect(invalid.body).toContain(`id="field-${field}-error"`);
    }
    expect(invalid.body).toContain('value="nope"');
    const taken = await post('/register', {
      email: 'other@example.test',
      username: reader.username,
      password: 'a-long-enough-password',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('id="field-username-error"');
    expect(taken.body).not.toContain('id="field-email-error"');
  });
});

describe('sign out', () => {
  it('refuses a signed-in post without the CSRF token, then signs out with it', async () => {
    const login = await post('/login', { login: reader.username, password: reader.password });
    const cookie = sessionCookie(login);
    const refused = await post('/logout', {}, { cookie });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('CSRF_FAILED');
    const page = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(csrf).toBeDefined();
    const signedOut = await post('/logout', { _csrf: csrf! }, { cookie });
    expect(signedOut.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(after.body).toContain('>Sign in</a>');
  });
});
