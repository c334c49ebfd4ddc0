// The in-memory API-token cache never lets a revoked token, a banned owner or an old role keep
// working: on the instance that made the change the very next request sees it; another instance
// on the same database sees it within a notification round trip (PostgreSQL: a second app on its
// own connections; on both backends: a raw `NOTIFY auth_changed` after a change made behind the
// services' back); and a re-established LISTEN connection empties the cache.
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/database.ts';
import { type App, buildApp } from '../../../src/http/app.ts';
import { tokenLookupBatcherFor } from '../../../src/services/auth/authenticate-api-token.ts';
import { sha256 } from '../../../src/services/auth/secrets.ts';
import {
  notifyAuthChanged,
  TOKEN_CACHE_TTL_MS,
  tokenCacheFor,
} from '../../../src/services/auth/token-cache.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { questionBody } from '../../factories/questions.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp, testConfig } from '../../helpers/test-app.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** How long another instance may take to hear of a change (the brief's promise, with margin). */
const NOTIFICATION_DEADLINE_MS = 2_000;

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t, { role: 'admin' });
});
afterAll(() => t.close());

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** A second read+write token of the user, with its id (to revoke it). */
async function newToken(user: TestUser): Promise<{ id: number; token: string }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: (await signIn(t, user)).headers,
    payload: { name: 'cached', scopes: ['read', 'write'] },
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function statusOf(app: App, token: string): Promise<number> {
  return (await app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode;
}

function revoke(user: TestUser, tokenId: number) {
  return t.app.inject({
    method: 'DELETE',
    url: `/api/v1/me/tokens/${tokenId}`,
    headers: user.auth,
  });
}

function setAccess(userId: number, payload: { role?: string; is_banned?: boolean }) {
  return t.app.inject({
    method: 'PATCH',
    url: `/api/v1/admin/users/${userId}`,
    headers: admin.auth,
    payload,
  });
}

/** Revokes in SQL, as another instance would, without telling this one. */
async function revokeBehindTheServicesBack(tokenId: number): Promise<void> {
  await t.deps.database.db
    .updateTable('api_tokens')
    .set({ revoked_at: t.clock.now() })
    .where('id', '=', tokenId)
    .execute();
}

/** Polls until `app` refuses the token; fails if that takes longer than a notification may. */
async function expectRefusedSoon(app: App, token: string): Promise<void> {
  await waitFor(async () => (await statusOf(app, token)) === 401, {
    timeoutMs: NOTIFICATION_DEADLINE_MS,
    intervalMs: 20,
    description: 'the token to be refused',
  });
}

describe('on the instance that made the change', () => {
  it('caches found tokens, but neither unknown ones nor banned owners', async () => {
    const user = await createUser(t);
    const { token } = await newToken(user);
    const cache = tokenCacheFor(t.deps.database);
    expect(await statusOf(t.app, token)).toBe(200);
    expect(cache.get(sha256(token), t.clock.now())?.userId).toBe(user.id);

    const sizeBefore = cache.size;
    expect(await statusOf(t.app, 'brier_unknownunknownunknownunknownunknownunknown')).toBe(401);
    expect(cache.size).toBe(sizeBefore);

    const banned = await createUser(t);
    expect((await setAccess(banned.id, { is_banned: true })).statusCode).toBe(200);
    expect(await statusOf(t.app, banned.token)).toBe(401);
    expect(cache.get(sha256(banned.token), t.clock.now())).toBeUndefined();
  });

  it('refuses a revoked token on the very next request', async () => {
    const user = await createUser(t);
    const { id, token } = await newToken(user);
    expect(await statusOf(t.app, token)).toBe(200);
    expect((await revoke(user, id)).statusCode).toBe(204);
    expect(await statusOf(t.app, token)).toBe(401);
    expect(await statusOf(t.app, user.token)).toBe(200); // the user's other token still works
  });

  it('refuses a banned owner’s token on the next request, and takes it back after unbanning', async () => {
    const user = await createUser(t);
    expect(await statusOf(t.app, user.token)).toBe(200);
    expect((await setAccess(user.id, { is_banned: true })).statusCode).toBe(200);
    const refused = await t.app.inject({ url: '/api/v1/me', headers: user.auth });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('UNAUTHENTICATED');
    expect((await setAccess(user.id, { is_banned: false })).statusCode).toBe(200);
    expect(await statusOf(t.app, user.token)).toBe(200);
  });

  it('applies a role change (reader → analyst) on the next request', async () => {
    const user = await createUser(t);
    const propose = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/questions',
        headers: user.auth,
        payload: questionBody(),
      });
    expect((await propose()).statusCode).toBe(403);
    expect((await setAccess(user.id, { role: 'analyst' })).statusCode).toBe(200);
    expect((await propose()).statusCode).toBe(201);
  });

  it('sees a change made behind its back once the entry’s minute is over', async () => {
    const user = await createUser(t);
    const { id, token } = await newToken(user);
    expect(await statusOf(t.app, token)).toBe(200);
    await revokeBehindTheServicesBack(id);
    // Nobody told this instance: the cached entry stands, but only for its TTL.
    expect(await statusOf(t.app, token)).toBe(200);
    t.clock.advance(TOKEN_CACHE_TTL_MS);
    expect(await statusOf(t.app, token)).toBe(401);
  });
});

describe('NOTIFY auth_changed from elsewhere', () => {
  it('drops the named user’s entries within a notification round trip', async () => {
    const user = await createUser(t);
    const { id, token } = await newToken(user);
    expect(await statusOf(t.app, token)).toBe(200);
    await revokeBehindTheServicesBack(id);
    expect(await statusOf(t.app, token)).toBe(200); // still cached
    // What another instance's revocation sends when it commits (here: at once, autocommit).
    await notifyAuthChanged(t.deps.database.db, user.id);
    await expectRefusedSoon(t.app, token);
  });
});

describe.runIf(testBackend() === 'postgres')('two instances on one database', () => {
  let other: App;
  let otherDeps: Deps;
  beforeAll(async () => {
    otherDeps = {
      database: await openDatabase({ databaseUrl: t.testDatabase.url, dataDir: '', poolSize: 4 }),
      config: testConfig(),
      clock: t.clock,
      logger: pino({ level: 'silent' }),
    };
    other = await buildApp(otherDeps);
    await other.ready();
  });
  afterAll(async () => {
    await other?.close();
    await otherDeps?.database.close();
  });

  it('a token revoked on A is refused by B, which had it cached', async () => {
    const user = await createUser(t);
    const { id, token } = await newToken(user);
    expect(await statusOf(other, token)).toBe(200);
    expect(tokenCacheFor(otherDeps.database).get(sha256(token), t.clock.now())).toBeDefined();
    expect((await revoke(user, id)).statusCode).toBe(204);
    await expectRefusedSoon(other, token);
    expect(await statusOf(other, user.token)).toBe(200);
  });

  it('a user banned on A is refused by B, which had their token cached', async () => {
    const user = await createUser(t);
    expect(await statusOf(other, user.token)).toBe(200);
    expect((await setAccess(user.id, { is_banned: true })).statusCode).toBe(200);
    await expectRefusedSoon(other, user.token);
  });

  it('a role changed on A (reader → analyst) applies on B within a notification round trip', async () => {
    const user = await createUser(t);
    const propose = () =>
      other.inject({
        method: 'POST',
        url: '/api/v1/questions',
        headers: user.auth,
        payload: questionBody(),
      });
    expect((await propose()).statusCode).toBe(403);
    expect((await setAccess(user.id, { role: 'analyst' })).statusCode).toBe(200);
    await waitFor(async () => (await propose()).statusCode === 201, {
      timeoutMs: NOTIFICATION_DEADLINE_MS,
      intervalMs: 20,
      description: 'B to let the analyst propose a question',
    });
  });

  it('B empties its cache when its LISTEN connection comes back (notifications were missed)', async () => {
    const user = await createUser(t);
    const { id, token } = await newToken(user);
    expect(await statusOf(other, token)).toBe(200);
    // Cut every listening connection of this database (A's and B's); they reconnect by themselves.
    const killed = await sql<{ killed: boolean }>`
      select pg_terminate_backend(pid) as killed from pg_stat_activity
      where datname = current_database() and query ilike 'listen %'`.execute(t.deps.database.db);
    expect(killed.rows.length).toBeGreaterThanOrEqual(2);
    // A change nobody is told about: only the reconnect can make B forget the token.
    await revokeBehindTheServicesBack(id);
    await waitFor(async () => (await statusOf(other, token)) === 401, {
      timeoutMs: 15_000,
      description: 'B to reconnect and drop its cached tokens',
    });
  });
});

describe('token lookups of concurrent requests', () => {
  it('share statements, and each request still gets its own user', async () => {
    const users: TestUser[] = [];
    for (let i = 0; i < 12; i++) users.push(await createUser(t));
    const tokens = await Promise.all(users.map((user) => newToken(user)));
    const batcher = tokenLookupBatcherFor(t.deps.database);
    const before = { ...batcher.stats };
    const responses = await Promise.all(
      tokens.map(({ token }) => t.app.inject({ url: '/api/v1/me', headers: bearer(token) })),
    );
    expect(responses.map((response) => response.json().id)).toEqual(users.map((user) => user.id));
    const statements = batcher.stats.statements - before.statements;
    expect(batcher.stats.items - before.items).toBe(tokens.length);
    expect(statements).toBeLessThan(tokens.length);
    // An unknown token in the same burst is refused without affecting the others.
    const mixed = await Promise.all([
      statusOf(t.app, tokens[0]!.token),
      statusOf(t.app, 'brier_unknown_token_0123456789abcdefghijklmnopqrst'),
    ]);
    expect(mixed).toEqual([200, 401]);
  });
});
