// Personal API tokens: create (shown once), list (no secrets), revoke, scopes, other users' tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await createUser(t);
  stranger = await createUser(t);
});
afterAll(() => t.close());

/** Each user's browser session (tokens are created from one, never with another token). */
const sessions = new Map<number, Record<string, string>>();

async function sessionOf(user: TestUser): Promise<Record<string, string>> {
  let headers = sessions.get(user.id);
  if (!headers) {
    headers = (await signIn(t, user)).headers;
    sessions.set(user.id, headers);
  }
  return headers;
}

function createToken(headers: Record<string, string>, payload: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers,
    payload: payload as object,
  });
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

describe('POST /api/v1/me/tokens', () => {
  it('returns the secret once with its id, name, scopes and created_at', async () => {
    const response = await createToken(await sessionOf(owner), {
      name: 'laptop',
      scopes: ['read', 'write'],
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ name: 'laptop', scopes: ['read', 'write'] });
    expect(body.id).toEqual(expect.any(Number));
    expect(body.token).toMatch(/^brier_[A-Za-z0-9_-]{43}$/);
    expect(body.token.startsWith(body.token_prefix)).toBe(true);
    expect(body.created_at).toEqual(expect.any(String));

    const stored = await t.deps.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(body.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(body.token.slice(12));

    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(body.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(owner.id);
  });

  it('treats write as implying read', async () => {
    const response = await createToken(await sessionOf(owner), {
      name: 'writer',
      scopes: ['write'],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().scopes).toEqual(['read', 'write']);
  });

  it('rejects empty, unknown or repeated scopes and bad names with 400', async () => {
    for (const payload of [
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['admin'] },
      { name: 'x', scopes: ['read', 'read'] },
      { name: 'x', scopes: 'read' },
      { name: '', scopes: ['read'] },
      { name: '   ', scopes: ['read'] },
      { name: 'x'.repeat(101), scopes: ['read'] },
      { scopes: ['read'] },
      { name: 'x' },
    ]) {
      const response = await createToken(await sessionOf(owner), payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('needs a browser session: no token, not even a write-scoped one, makes new tokens', async () => {
    const readOnly = (
      await createToken(await sessionOf(owner), { name: 'ro', scopes: ['read'] })
    ).json();
    for (const token of [readOnly.token, owner.token]) {
      const refused = await createToken(bearer(token), { name: 'x', scopes: ['read'] });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }

    const session = await signIn(t, owner);
    const viaSession = await createToken(session.headers, { name: 'web', scopes: ['read'] });
    expect(viaSession.statusCode).toBe(201);

    const anonymous = await createToken({}, { name: 'x', scopes: ['read'] });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/v1/me/tokens', () => {
  it('lists only my active tokens, without secrets or hashes', async () => {
    const mine = (
      await createToken(await sessionOf(owner), { name: 'listed', scopes: ['read'] })
    ).json();
    const theirs = (
      await createToken(await sessionOf(stranger), { name: 'theirs', scopes: ['read'] })
    ).json();
    const response = await t.app.inject({ url: '/api/v1/me/tokens', headers: owner.auth });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const ids = body.items.map((item: { id: number }) => item.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(response.body).not.toContain(mine.token);
    expect(response.body).not.toContain('token_hash');
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual(
        ['created_at', 'id', 'last_used_at', 'name', 'scopes', 'token_prefix'].sort(),
      );
    }
    expect(body).toHaveProperty('next_cursor');
  });

  it('pages with limit and cursor', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 4; i++)
      await createToken(await sessionOf(user), { name: `t${i}`, scopes: ['read'] });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await t.app.inject({ url: `/api/v1/me/tokens${query}`, headers: user.auth });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item: { id: number }) => item.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(5); // the factory's token plus four
    expect(new Set(seen).size).toBe(5);

    const bad = await t.app.inject({ url: '/api/v1/me/tokens?cursor=%%%', headers: user.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const tooMany = await t.app.inject({ url: '/api/v1/me/tokens?limit=1000', headers: user.auth });
    expect(tooMany.statusCode).toBe(400);
  });
});

describe('DELETE /api/v1/me/tokens/{id}', () => {
  it('revokes my token: it stops working (401) and leaves the list', async () => {
    const created = (
      await createToken(await sessionOf(owner), { name: 'doomed', scopes: ['read'] })
    ).json();
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${created.id}`,
      headers: owner.auth,
    });
    expect(response.statusCode).toBe(204);
    const stored = await t.deps.database.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.revoked_at).not.toBeNull();

    const used = await t.app.inject({ url: '/api/v1/me', headers: bearer(created.token) });
    expect(used.statusCode).toBe(401);
    expect(used.json().error.code).toBe('UNAUTHENTICATED');

    const list = await t.app.inject({ url: '/api/v1/me/tokens', headers: owner.auth });
    expect(list.json().items.map((item: { id: number }) => item.id)).not.toContain(created.id);

    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${created.id}`,
      headers: owner.auth,
    });
    expect(again.statusCode).toBe(404);
  });

  it('answers 404 for another user\u2019s token and leaves it working', async () => {
    const theirs = (
      await createToken(await sessionOf(stranger), { name: 'safe', scopes: ['read'] })
    ).json();
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${theirs.id}`,
      headers: owner.auth,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    const still = await t.app.inject({ url: '/api/v1/me', headers: bearer(theirs.token) });
    expect(still.statusCode).toBe(200);
    expect(still.json().id).toBe(stranger.id);
  });

  it('answers 404 for unknown ids and 400 for non-numeric ones', async () => {
    const unknown = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/tokens/99999999',
      headers: owner.auth,
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/tokens/abc',
      headers: owner.auth,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('needs the write scope', async () => {
    const readOnly = (
      await createToken(await sessionOf(owner), { name: 'ro2', scopes: ['read'] })
    ).json();
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${readOnly.id}`,
      headers: bearer(readOnly.token),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});

describe('Bearer authentication', () => {
  it('answers 401 UNAUTHENTICATED to unknown tokens and malformed headers, on any route', async () => {
    for (const authorization of [
      'Bearer brier_unknownunknownunknownunknownunknownunknown',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'x'.repeat(5000)}`,
      owner.token,
    ]) {
      for (const url of ['/api/v1/me', '/api/v1/auth/csrf']) {
        const response = await t.app.inject({ url, headers: { authorization } });
        expect(response.statusCode, `${url} ${authorization.slice(0, 20)}`).toBe(401);
        expect(response.json().error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('lets a read-only token read but not write (403 FORBIDDEN)', async () => {
    const readOnly = (
      await createToken(await sessionOf(owner), { name: 'reader', scopes: ['read'] })
    ).json();
    const read = await t.app.inject({ url: '/api/v1/me', headers: bearer(readOnly.token) });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(readOnly.token),
      payload: { bio: 'nope' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('FORBIDDEN');
  });

  it('records last_used_at', async () => {
    const created = (
      await createToken(await sessionOf(owner), { name: 'used', scopes: ['read'] })
    ).json();
    await t.app.inject({ url: '/api/v1/me', headers: bearer(created.token) });
    const list = await t.app.inject({ url: '/api/v1/me/tokens', headers: owner.auth });
    const item = list.json().items.find((i: { id: number }) => i.id === created.id);
    expect(item.last_used_at).toBe(t.clock.now().toISOString());
  });
});
