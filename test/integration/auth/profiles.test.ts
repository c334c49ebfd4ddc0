// Own profile (GET/PATCH /me), public profiles (never the email) and admin user management.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let admin: TestUser;
let reader: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t, { role: 'admin' });
  reader = await createUser(t);
});
afterAll(() => t.close());

const HOSTILE = [
  "Robert'); DROP TABLE users;--",
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  'right-to-left text مرحبا, emoji 🧪, "quotes", \\ backslash,\nnew line and\ttab',
];

describe('GET /api/v1/me', () => {
  it('returns my profile with email and role', async () => {
    const response = await t.app.inject({ url: '/api/v1/me', headers: reader.auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: reader.id,
      username: reader.username,
      email: reader.email,
      display_name: null,
      bio: '',
      role: 'reader',
      created_at: expect.any(String),
    });
    expect(response.headers['cache-control']).toContain('no-store');
  });

  it('answers 401 UNAUTHENTICATED anonymously', async () => {
    const response = await t.app.inject({ url: '/api/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('PATCH /api/v1/me', () => {
  it('changes display name and bio, trims and clears the display name', async () => {
    const user = await createUser(t);
    const set = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: user.auth,
      payload: { display_name: '  Ada  ', bio: 'Forecaster.' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ display_name: 'Ada', bio: 'Forecaster.' });
    const onlyBio = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: user.auth,
      payload: { bio: 'Changed.' },
    });
    expect(onlyBio.json()).toMatchObject({ display_name: 'Ada', bio: 'Changed.' });
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: user.auth,
      payload: { display_name: null },
    });
    expect(cleared.json().display_name).toBeNull();
  });

  it('rejects bad fields with 400 and field paths', async () => {
    for (const [payload, path] of [
      [{ display_name: 'x'.repeat(51) }, '/display_name'],
      [{ display_name: 'tab\tinside' }, '/display_name'],
      [{ bio: 'x'.repeat(2001) }, '/bio'],
      [{ bio: 42 }, '/bio'],
      [{ bio: 'NUL \u0000 inside' }, '/bio'],
      [{ bio: 'bell \u0007' }, '/bio'],
      [{ display_name: 'admin\u202egnp.exe' }, '/display_name'],
      [{ display_name: '\u2067Ada\u2069' }, '/display_name'],
      [{ bio: 'looks fine \u202d reversed' }, '/bio'],
      [{ bio: 'mark \u200f here' }, '/bio'],
      [{ role: 'admin' }, '/role'],
      [{ email: 'new@example.com' }, '/email'],
    ] as Array<[Record<string, unknown>, string]>) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: reader.auth,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(
        path,
      );
    }
    const me = await t.app.inject({ url: '/api/v1/me', headers: reader.auth });
    expect(me.json().role).toBe('reader');
  });

  it('stores hostile text literally and returns it as JSON, never as HTML', async () => {
    const user = await createUser(t);
    for (const text of HOSTILE) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: user.auth,
        payload: { bio: text },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.json().bio).toBe(text);
      const stored = await t.deps.database.db
        .selectFrom('users')
        .select('bio')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(stored.bio).toBe(text);
    }
    // The users table survived the first string.
    const count = await t.deps.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });
});

describe('GET /api/v1/users/{username}', () => {
  it('shows the public profile, case-insensitively, and never the email', async () => {
    const response = await t.app.inject({
      url: `/api/v1/users/${reader.username.toUpperCase()}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: reader.id,
      username: reader.username,
      display_name: null,
      bio: expect.any(String),
      role: 'reader',
      created_at: expect.any(String),
    });
    expect(response.body).not.toContain(reader.email);
    expect(response.body).not.toContain('@');
  });

  it('hides the email from admins and the user themselves on this route too', async () => {
    for (const headers of [admin.auth, reader.auth]) {
      const response = await t.app.inject({ url: `/api/v1/users/${reader.username}`, headers });
      expect(response.json()).not.toHaveProperty('email');
    }
  });

  it('answers 404 for unknown or hostile names', async () => {
    for (const name of ['nobody_here', encodeURIComponent("x' or '1'='1"), '%3Cscript%3E', '%00']) {
      const response = await t.app.inject({ url: `/api/v1/users/${name}` });
      expect(response.statusCode, name).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });
});

describe('admin: GET /api/v1/admin/users', () => {
  it('lists users with email and ban status, paginated', async () => {
    const seen: number[] = [];
    let url = '/api/v1/admin/users?limit=2';
    for (let guard = 0; guard < 100; guard++) {
      const response = await t.app.inject({ url, headers: admin.auth });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      for (const item of body.items) {
        expect(item).toHaveProperty('email');
        expect(item).toHaveProperty('is_banned');
        expect(item).not.toHaveProperty('password_hash');
        seen.push(item.id);
      }
      if (!body.next_cursor) break;
      url = `/api/v1/admin/users?limit=2&cursor=${body.next_cursor}`;
    }
    expect(seen).toContain(admin.id);
    expect(seen).toContain(reader.id);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('is refused to non-admins (403) and anonymous users (401)', async () => {
    const moderator = await createUser(t, { role: 'moderator' });
    const refused = await t.app.inject({ url: '/api/v1/admin/users', headers: moderator.auth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const anonymous = await t.app.inject({ url: '/api/v1/admin/users' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('admin: PATCH /api/v1/admin/users/{id}', () => {
  it('changes a role, takes effect at once, and writes the audit log', async () => {
    const target = await createUser(t);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${target.id}`,
      headers: admin.auth,
      payload: { role: 'analyst' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: target.id, role: 'analyst', is_banned: false });

    const me = await t.app.inject({ url: '/api/v1/me', headers: target.auth });
    expect(me.json().role).toBe('analyst');

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', 'user')
      .where('target_id', '=', target.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: admin.id, action: 'user.update_access' });
    expect(audit[0]!.details).toEqual({
      before: { role: 'reader', is_banned: false },
      after: { role: 'analyst', is_banned: false },
    });
  });

  it('bans: sessions end, tokens stop working, login fails; unbanning restores tokens', async () => {
    const target = await createUser(t);
    const session = await signIn(t, target);
    const banned = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${target.id}`,
      headers: admin.auth,
      payload: { is_banned: true },
    });
    expect(banned.statusCode).toBe(200);
    expect(banned.json().is_banned).toBe(true);

    const viaCookie = await t.app.inject({ url: '/api/v1/me', headers: session.headers });
    expect(viaCookie.statusCode).toBe(401);
    const viaToken = await t.app.inject({ url: '/api/v1/me', headers: target.auth });
    expect(viaToken.statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: target.username, password: target.password },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().error.code).toBe('INVALID_CREDENTIALS');

    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${target.id}`,
      headers: admin.auth,
      payload: { is_banned: false },
    });
    const restored = await t.app.inject({ url: '/api/v1/me', headers: target.auth });
    expect(restored.statusCode).toBe(200);
  });

  it('refuses non-admins, an admin\u2019s own account, unknown users and bad bodies', async () => {
    const moderator = await createUser(t, { role: 'moderator' });
    const notAdmin = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${reader.id}`,
      headers: moderator.auth,
      payload: { role: 'admin' },
    });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().error.code).toBe('FORBIDDEN');

    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${admin.id}`,
      headers: admin.auth,
      payload: { role: 'reader' },
    });
    expect(self.statusCode).toBe(403);

    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/users/987654321',
      headers: admin.auth,
      payload: { role: 'reader' },
    });
    expect(unknown.statusCode).toBe(404);

    for (const payload of [{}, { role: 'superuser' }, { is_banned: 'yes' }, { email: 'x@y.z' }]) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/users/${reader.id}`,
        headers: admin.auth,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }

    const rows = await t.deps.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('target_id', '=', reader.id)
      .where('target_type', '=', 'user')
      .execute();
    expect(rows).toHaveLength(0);
  });
});
