// Password reset and address verification through e-mails that really go out (a local SMTP
// server): mail → link → new password works, every old session and the old password are gone;
// links work once; registration answers the same for a new and a taken address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueEmails } from '../../../src/services/notifications/outbox.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { type SmtpSink, startSmtpSink } from '../../helpers/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let smtp: SmtpSink;
let user: TestUser;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  user = await createUser(t);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

/** Delivers the outbox and returns the link to `path` in the newest mail to `to`. */
async function linkIn(to: string, path: string): Promise<string> {
  await deliverDueEmails(t.deps);
  const mail = smtp.mails.filter((m) => m.to.includes(to)).at(-1);
  expect(mail).toBeDefined();
  const match = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[A-Za-z0-9_-]+`).exec(mail!.decoded);
  expect(match, mail!.decoded).not.toBeNull();
  const url = new URL(match![0]);
  return `${url.pathname}${url.search}`;
}

function form(url: string, body: Record<string, string>, cookie?: string) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    payload: new URLSearchParams(body).toString(),
  });
}

async function login(password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: user.username, password },
  });
}

describe('password reset', () => {
  it('mail → link → new password; old sessions and password gone; the link works once', async () => {
    const oldSession = await signIn(t, user);
    const unknown = await form('/forgot-password', { email: 'nobody@example.test' });
    const known = await form('/forgot-password', { email: user.email.toUpperCase() });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('If an account has that address');
    expect(known.body).toContain('If an account has that address');

    const link = await linkIn(user.email, '/reset-password');
    const page = await t.app.inject({ url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Choose a new password');
    const token = new URLSearchParams(link.split('?')[1]).get('token')!;

    const weak = await form('/reset-password', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const newPassword = 'a brand new passphrase 42';
    const done = await form('/reset-password', { token, password: newPassword });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Password changed');

    expect((await login(newPassword)).statusCode).toBe(200);
    expect((await login(user.password)).statusCode).toBe(401);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: oldSession.cookie } });
    expect(me.statusCode).toBe(401);

    const again = await form('/reset-password', { token, password: 'another passphrase 43' });
    expect(again.statusCode).toBe(400);
    expect((await t.app.inject({ url: link })).statusCode).toBe(400);
    // The API the same way: neutral request, one-time token.
    const request = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset-requests',
      payload: { email: 'nobody@example.test' },
    });
    expect(request.statusCode).toBe(202);
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { token, password: 'another passphrase 43' },
    });
    expect(reused.statusCode).toBe(400);
    user.password = newPassword;
  });

  it('expires after an hour', async () => {
    await form('/forgot-password', { email: user.email });
    const link = await linkIn(user.email, '/reset-password');
    t.clock.advance(61 * 60_000);
    const token = new URLSearchParams(link.split('?')[1]).get('token')!;
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { token, password: 'late passphrase 12345' },
    });
    expect(late.statusCode).toBe(400);
  });
});

describe('registration with e-mail configured', () => {
  it('answers the same for a new and a taken address, and the mail confirms the address', async () => {
    const fresh = {
      email: 'fresh@example.test',
      username: 'fresh_person',
      password: 'fresh passphrase 123',
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: fresh,
    });
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: user.email, username: 'someone_else', password: 'other passphrase 123' },
    });
    expect(created.statusCode).toBe(202);
    expect(taken.statusCode).toBe(202);
    expect(created.json()).toEqual(taken.json());
    expect(created.cookies).toEqual([]);
    const takenUsername = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...fresh, email: 'other@example.test' },
    });
    expect(takenUsername.statusCode).toBe(409);

    await deliverDueEmails(t.deps);
    const warning = smtp.mails.filter((m) => m.to.includes(user.email)).at(-1)!;
    expect(warning.decoded).toContain('Someone tried to create an account');

    const link = await linkIn(fresh.email, '/verify-email');
    const page = await t.app.inject({ url: link });
    expect(page.body).toContain('Confirm my address');
    const token = new URLSearchParams(link.split('?')[1]).get('token')!;
    const confirmed = await form('/verify-email', { token });
    expect(confirmed.body).toContain('Address confirmed');
    const row = await t.deps.database.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('username', '=', fresh.username)
      .executeTakeFirstOrThrow();
    expect(row.email_verified_at).not.toBeNull();
    expect((await form('/verify-email', { token })).statusCode).toBe(400);
  });
});
