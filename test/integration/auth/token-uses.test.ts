// `last_used_at` is written off the request path (services/auth/token-uses.ts): a token's use
// reaches the database at the latest when the server stops, and its owner sees it at once.
import { afterEach, describe, expect, it } from 'vitest';
import { recordTokenUses } from '../../../src/db/repositories/api-token-repository.ts';
import { createUser, signIn } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function appWithToken() {
  const t = await createTestApp();
  apps.push(t);
  const user = await createUser(t);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: (await signIn(t, user)).headers,
    payload: { name: 'script', scopes: ['read'] },
  });
  const { id, token } = created.json() as { id: number; token: string };
  return { t, user, tokenId: id, token };
}

async function storedLastUse(t: TestApp, tokenId: number): Promise<Date | null> {
  const row = await t.deps.database.db
    .selectFrom('api_tokens')
    .select('last_used_at')
    .where('id', '=', tokenId)
    .executeTakeFirstOrThrow();
  return row.last_used_at;
}

describe('recording API token uses', () => {
  it('stores the use when the server stops, even before the periodic write', async () => {
    const { t, tokenId, token } = await appWithToken();
    const used = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(used.statusCode).toBe(200);
    await t.app.close();
    expect(await storedLastUse(t, tokenId)).toEqual(t.clock.now());
  });

  it('shows the owner a use this instance has not written yet', async () => {
    const { t, user, tokenId, token } = await appWithToken();
    await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    const list = await t.app.inject({ url: '/api/v1/me/tokens', headers: user.auth });
    const item = list.json().items.find((entry: { id: number }) => entry.id === tokenId);
    expect(item.last_used_at).toBe(t.clock.now().toISOString());
    expect(await storedLastUse(t, tokenId)).toEqual(t.clock.now());
  });

  it('never moves last_used_at back when an instance writes an older use late', async () => {
    const { t, tokenId } = await appWithToken();
    const db = t.deps.database.db;
    const later = new Date('2026-06-01T12:00:00Z');
    await recordTokenUses(db, [{ tokenId, usedAt: later }]);
    await recordTokenUses(db, [{ tokenId, usedAt: new Date('2026-06-01T11:59:00Z') }]);
    expect(await storedLastUse(t, tokenId)).toEqual(later);
  });
});
