// Rate limits: login and register per IP, writes per user (shared across routes), new accounts
// limited harder, the exported route configs for other areas; 429 + Retry-After + RATE_LIMITED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.ts';
import { rateLimits } from '../../../src/http/plugins/rate-limits.ts';
import { startSession } from '../../../src/services/auth/start-session.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      RATE_LIMIT_MULTIPLIER: '1',
      RATE_LIMIT_WRITE_PER_MINUTE: '6',
      RATE_LIMIT_FORECAST_PER_MINUTE: '4',
      RATE_LIMIT_NEW_ACCOUNT_PERCENT: '50',
    },
  });
});
afterAll(() => t.close());

let attempt = 0;

/** A failed login from the socket address `ip`, optionally claiming another in X-Forwarded-For. */
function login(ip: string, forwardedFor?: string, app = t.app) {
  attempt += 1;
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    // A new name each time: the per-account backoff (login-throttle.test.ts) stays out of it.
    payload: { login: `nobody_${attempt}`, password: 'wrong-password' },
  });
}

function expectRateLimited(response: Awaited<ReturnType<typeof login>>) {
  expect(response.statusCode).toBe(429);
  expect(response.json().error.code).toBe('RATE_LIMITED');
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
}

describe('login (10 per minute per IP)', () => {
  it('answers the 11th attempt with 429, Retry-After and our error body', async () => {
    for (let i = 0; i < 10; i++) expect((await login('203.0.113.1')).statusCode).toBe(401);
    const limited = await login('203.0.113.1');
    expectRateLimited(limited);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Another address is unaffected; the window ends after a minute.
    expect((await login('203.0.113.2')).statusCode).toBe(401);
    t.clock.advance(61_000);
    expect((await login('203.0.113.1')).statusCode).toBe(401);
  });
});

describe('X-Forwarded-For', () => {
  it('is ignored by default: rotating it does not escape the per-IP login limit', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await login('203.0.113.50', `10.0.${i}.1`)).statusCode).toBe(401);
    }
    expectRateLimited(await login('203.0.113.50', '10.0.99.1'));
  });

  it('names the client when TRUST_PROXY names the proxy in front (one hop)', async () => {
    const behindProxy = await createTestApp({
      env: { RATE_LIMIT_MULTIPLIER: '1', TRUST_PROXY: '1' },
    });
    try {
      const proxy = '192.0.2.10';
      for (let i = 0; i < 10; i++) {
        expect((await login(proxy, '198.51.100.20', behindProxy.app)).statusCode).toBe(401);
      }
      expectRateLimited(await login(proxy, '198.51.100.20', behindProxy.app));
      // Another client behind the same proxy has its own budget.
      expect((await login(proxy, '198.51.100.21', behindProxy.app)).statusCode).toBe(401);
      // A client that adds its own X-Forwarded-For entry is still known by what the proxy saw.
      expectRateLimited(await login(proxy, '6.6.6.6, 198.51.100.20', behindProxy.app));
    } finally {
      await behindProxy.close();
    }
  });
});

describe('register (5 per 10 minutes per IP)', () => {
  it('answers the 6th registration from one address with 429', async () => {
    const register = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        remoteAddress: '198.51.100.7',
        payload: { email: `r${i}@example.com`, username: `reg_${i}`, password: '0123456789' },
      });
    for (let i = 0; i < 5; i++) expect((await register(i)).statusCode).toBe(201);
    const limited = await register(5);
    expectRateLimited(limited);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
    t.clock.advance(10 * 60_000 + 1000);
    expect((await register(6)).statusCode).toBe(201);
  });
});

describe('writes per user', () => {
  /** A browser session made by the service (a login here would count against the login limit). */
  async function sessionOf(user: TestUser): Promise<Record<string, string>> {
    const session = await startSession(t.deps, { userId: user.id });
    return { cookie: `brier_session=${session.token}`, 'x-csrf-token': session.csrfToken };
  }

  async function write(user: TestUser, i: number) {
    // Alternate two routes: the write limit is one budget per user, not per route.
    return i % 2 === 0
      ? t.app.inject({
          method: 'PATCH',
          url: '/api/v1/me',
          headers: user.auth,
          payload: { bio: `bio ${i}` },
        })
      : t.app.inject({
          method: 'POST',
          url: '/api/v1/me/tokens',
          headers: await sessionOf(user),
          payload: { name: `t${i}`, scopes: ['read'] },
        });
  }

  it('limits established accounts to the full budget across routes, per user', async () => {
    const user = await createUser(t);
    const other = await createUser(t);
    t.clock.advance(DAY_MS + 1000); // no longer a new account
    for (let i = 0; i < 6; i++) expect((await write(user, i)).statusCode).toBeLessThan(300);
    expectRateLimited(await write(user, 6));
    // Reads are not limited, and other users have their own budget.
    expect((await t.app.inject({ url: '/api/v1/me', headers: user.auth })).statusCode).toBe(200);
    expect((await write(other, 0)).statusCode).toBe(200);
  });

  it('gives accounts younger than a day half the budget', async () => {
    const fresh = await createUser(t);
    for (let i = 0; i < 3; i++) expect((await write(fresh, i)).statusCode).toBeLessThan(300);
    expectRateLimited(await write(fresh, 3));
  });

  it('counts cookie-authenticated writes against the same user', async () => {
    const user = await createUser(t);
    t.clock.advance(DAY_MS + 1000);
    const session = await signIn(t, user);
    for (let i = 0; i < 3; i++) expect((await write(user, i)).statusCode).toBeLessThan(300);
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: session.headers,
        payload: { bio: `cookie ${i}` },
      });
      expect(response.statusCode).toBe(200);
    }
    expectRateLimited(await write(user, 0));
  });
});

describe('rateLimits.forecast for other areas\u2019 routes', () => {
  it('limits per user with its own budget, lower for new accounts', async () => {
    // A stand-in for the forecast route: same plugins, same config object.
    const app = await buildApp(t.deps);
    app.post('/test/forecasts', { config: { rateLimit: rateLimits.forecast } }, async () => ({
      ok: true,
    }));
    await app.ready();
    try {
      const established = await createUser(t);
      t.clock.advance(DAY_MS + 1000);
      const fresh = await createUser(t);
      const post = (user: TestUser) =>
        app.inject({ method: 'POST', url: '/test/forecasts', headers: user.auth, payload: {} });
      for (let i = 0; i < 4; i++) expect((await post(established)).statusCode).toBe(200);
      expectRateLimited(await post(established));
      for (let i = 0; i < 2; i++) expect((await post(fresh)).statusCode).toBe(200);
      expectRateLimited(await post(fresh));
      // Forecasts have their own budget: a normal write still passes.
      const write = await app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: established.auth,
        payload: { bio: 'still fine' },
      });
      expect(write.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('rateLimits.write attached to a route shares the per-user write budget', async () => {
    const app = await buildApp(t.deps);
    app.post('/test/writes', { config: { rateLimit: rateLimits.write } }, async () => ({
      ok: true,
    }));
    await app.ready();
    try {
      const user = await createUser(t);
      t.clock.advance(DAY_MS + 1000);
      for (let i = 0; i < 3; i++) {
        const response = await app.inject({
          method: 'POST',
          url: '/test/writes',
          headers: user.auth,
          payload: {},
        });
        expect(response.statusCode).toBe(200);
      }
      for (let i = 0; i < 3; i++) {
        const response = await app.inject({
          method: 'PATCH',
          url: '/api/v1/me',
          headers: user.auth,
          payload: { bio: `shared ${i}` },
        });
        expect(response.statusCode).toBe(200);
      }
      expectRateLimited(
        await app.inject({ method: 'POST', url: '/test/writes', headers: user.auth, payload: {} }),
      );
    } finally {
      await app.close();
    }
  });
});
