// Hostile and malformed input to the account routes: always a 4xx with a code, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '65536' } });
  user = await createUser(t);
});
afterAll(() => t.close());

const VALID = { email: 'valid@example.com', username: 'valid_user', password: '0123456789' };

describe('register', () => {
  it.each([
    ['missing email', { username: 'a_user', password: '0123456789' }, '/email'],
    ['missing everything', {}, '/username'],
    ['number username', { ...VALID, username: 12345 }, '/username'],
    ['null password', { ...VALID, password: null }, '/password'],
    ['array email', { ...VALID, email: ['a@example.com'] }, '/email'],
    ['object username', { ...VALID, username: { $ne: null } }, '/username'],
    ['boolean password', { ...VALID, password: true }, '/password'],
    ['extra field role', { ...VALID, role: 'admin' }, '/role'],
    ['huge username', { ...VALID, username: 'a'.repeat(10_000) }, '/username'],
    ['huge email', { ...VALID, email: `${'a'.repeat(10_000)}@example.com` }, '/email'],
    ['huge password', { ...VALID, password: 'p'.repeat(10_000) }, '/password'],
    ['SQL in username', { ...VALID, username: "x'; drop table users;--" }, '/username'],
    ['HTML in username', { ...VALID, username: '<b>bold</b>' }, '/username'],
    ['NUL in email', { ...VALID, email: 'a\u0000b@example.com' }, '/email'],
    ['a breached password', { ...VALID, password: 'password123' }, '/password'],
    ['a common password in capitals', { ...VALID, password: 'QWERTYUIOP' }, '/password'],
  ])('%s → 400 VALIDATION_FAILED naming the field', async (_name, payload, path) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: payload as Record<string, unknown>,
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect(response.body).not.toMatch(/at .*\.ts|stack/i);
  });

  it('stores an email with HTML and quotes literally', async () => {
    const email = `"<i>o'brien</i>"@example.com`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, username: 'obrien', password: '0123456789' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user.email).toBe(email);
  });

  it('rejects a JSON array, a string, plain text and XML bodies', async () => {
    for (const [contentType, payload, status, code] of [
      ['application/json', '[]', 400, 'VALIDATION_FAILED'],
      ['application/json', '"text"', 400, 'VALIDATION_FAILED'],
      ['application/json', '{"email":', 400, 'INVALID_JSON'],
      ['application/xml', '<user/>', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['text/plain', 'hello', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        headers: { 'content-type': contentType },
        payload,
      });
      expect(response.statusCode, `${contentType} ${payload}`).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
  });

  it('rejects bodies over the size limit with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...VALID, padding: 'x'.repeat(100_000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('login', () => {
  it.each([
    ['missing password', { login: 'someone' }],
    ['number login', { login: 1, password: '0123456789' }],
    ['object password', { login: 'someone', password: { $gt: '' } }],
    ['empty login', { login: '', password: '0123456789' }],
    ['huge login', { login: 'x'.repeat(10_000), password: '0123456789' }],
  ])('%s → 400 VALIDATION_FAILED', async (_name, payload) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: payload as Record<string, unknown>,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('SQL, HTML and NUL in the login field are just wrong credentials', async () => {
    for (const login of [
      "' or '1'='1",
      `${user.username}' --`,
      '<script>alert(1)</script>',
      `${user.username}\u0000`,
      '%',
      '_',
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login, password: user.password },
      });
      expect(response.statusCode, login).toBe(401);
      expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
    }
  });
});

describe('tokens and profile', () => {
  it('reject NUL and control characters in token names', async () => {
    for (const name of ['a\u0000b', 'line\nbreak']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: (await signIn(t, user)).headers,
        payload: { name, scopes: ['read'] },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('store hostile token names literally', async () => {
    const name = `<img src=x onerror=alert(1)> '; drop table api_tokens;--`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: (await signIn(t, user)).headers,
      payload: { name, scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const list = await t.app.inject({ url: '/api/v1/me/tokens', headers: user.auth });
    expect(list.json().items.map((item: { name: string }) => item.name)).toContain(name);
  });

  it('reject huge and hostile ids and cursors with 400', async () => {
    for (const url of [
      '/api/v1/me/tokens/1e400',
      '/api/v1/me/tokens/-1',
      '/api/v1/me/tokens/99999999999999999999',
      '/api/v1/me/tokens/1%20or%201=1',
    ]) {
      const response = await t.app.inject({ method: 'DELETE', url, headers: user.auth });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const cursor = await t.app.inject({
      url: `/api/v1/me/tokens?cursor=${'A'.repeat(300)}`,
      headers: user.auth,
    });
    expect(cursor.statusCode).toBe(400);
  });
});
