// Failed logins slow down one account across addresses and instances: five free failures, then
// a wait that doubles with each further failure. Unknown names behave exactly alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/http/app.ts';
import { buildApp } from '../../../src/http/app.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let secondInstance: App;
let user: TestUser;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '1' } });
  // Another instance on the same database, with its own memory (rate-limit counters, caches).
  secondInstance = await buildApp(t.deps);
  await secondInstance.ready();
  user = await createUser(t);
});
afterAll(async () => {
  await secondInstance.close();
  await t.close();
});

/** A login from a new address each time: the per-IP limit never applies. */
function login(login: string, password: string, app: App = t.app) {
  address += 1;
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: `198.51.100.${address % 250}`,
    payload: { login, password },
  });
}

async function expectWait(response: Awaited<ReturnType<typeof login>>, seconds: number) {
  expect(response.statusCode).toBe(429);
  expect(response.json().error.code).toBe('RATE_LIMITED');
  expect(Number(response.headers['retry-after'])).toBe(seconds);
}

describe('per-account login backoff', () => {
  it('gives five free failures, then waits 30 s, then twice as long after each failure', async () => {
    for (let i = 0; i < 5; i++) {
      const app = i % 2 === 0 ? t.app : secondInstance;
      expect((await login(user.username, 'wrong-password', app)).statusCode).toBe(401);
    }
    // Even the right password waits, on either instance.
    await expectWait(await login(user.username, user.password), 30);
    await expectWait(await login(user.email, user.password, secondInstance), 30);

    t.clock.advance(30_000);
    expect((await login(user.username, 'wrong-password')).statusCode).toBe(401);
    await expectWait(await login(user.username, user.password, secondInstance), 60);

    t.clock.advance(60_000);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
    // A success forgets the failures: five are free again.
    for (let i = 0; i < 5; i++) {
      expect((await login(user.username, 'wrong-password')).statusCode).toBe(401);
    }
    await expectWait(await login(user.username, user.password), 30);
  });

  it('forgets failures after an hour without one', async () => {
    const other = await createUser(t);
    for (let i = 0; i < 4; i++) {
      expect((await login(other.username, 'wrong-password')).statusCode).toBe(401);
    }
    t.clock.advance(60 * 60 * 1000 + 1000);
    for (let i = 0; i < 4; i++) {
      expect((await login(other.username, 'wrong-password')).statusCode).toBe(401);
    }
    expect((await login(other.username, other.password)).statusCode).toBe(200);
  });

  it('treats a name that matches no account the same way', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login('nobody_here_at_all', 'whatever-password')).statusCode).toBe(401);
    }
    await expectWait(await login('Nobody_Here_At_All', 'whatever-password'), 30);
  });
});
