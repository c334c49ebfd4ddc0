// Login failures must not reveal whether an account exists: same status and same body for
// unknown accounts, wrong passwords and bans. (The service also verifies a dummy hash for unknown
// accounts so timing matches; timing belongs in benchmarks, not in tests.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let user: TestUser;
let banned: TestUser;
beforeAll(async () => {
  // A deliberately expensive hash, so that skipping it would be unmistakable.
  t = await createTestApp({ env: { ARGON2_MEMORY_KIB: '32768', ARGON2_TIME_COST: '3' } });
  user = await createUser(t);
  banned = await createUser(t);
  const admin = await createUser(t, { role: 'admin' });
  const response = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/admin/users/${banned.id}`,
    headers: admin.auth,
    payload: { is_banned: true },
  });
  expect(response.statusCode).toBe(200);
});
afterAll(() => t.close());

function login(name: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: name, password },
  });
}

describe('failed logins', () => {
  it('look identical for unknown accounts, wrong passwords and banned users', async () => {
    const responses = [
      await login('no_such_account', 'whatever-password'),
      await login('nobody@example.com', 'whatever-password'),
      await login(user.username, 'wrong-password-123'),
      await login(user.email, 'wrong-password-123'),
      await login(banned.username, banned.password),
    ];
    const bodies = responses.map((response) => response.json());
    for (const response of responses) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(bodies[0].error.code).toBe('INVALID_CREDENTIALS');
    for (const body of bodies) expect(body).toEqual(bodies[0]);
  });

  it('still lets the right password in', async () => {
    const response = await login(user.username, user.password);
    expect(response.statusCode).toBe(200);
  });
});

describe('password storage', () => {
  it('stores argon2id hashes with the configured cost and upgrades old ones at login', async () => {
    const row = await t.deps.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=32768,p=1,t=3\$/);

    // A hash made with a cheaper cost (say, before the operator raised it) is replaced on login.
    const { hashPassword } = await import('../../../src/services/auth/password-hashing.ts');
    const cheap = await hashPassword({ argon2MemoryKib: 64, argon2TimeCost: 1 }, user.password);
    await t.deps.database.db
      .updateTable('users')
      .set({ password_hash: cheap })
      .where('id', '=', user.id)
      .execute();
    expect((await login(user.username, user.password)).statusCode).toBe(200);
    const upgraded = await t.deps.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(upgraded.password_hash).toMatch(/^\$argon2id\$v=19\$m=32768,p=1,t=3\$/);
  });
});
