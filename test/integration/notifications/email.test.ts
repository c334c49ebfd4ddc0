// E-mail through a real SMTP server on this machine: a followed question's event arrives as an
// e-mail whose HTML keeps a hostile title inert, whose unsubscribe link works without signing in
// (and changes the preference), and a refused delivery is retried with backoff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOutbox } from '../../../src/db/repositories/email-outbox-repository.ts';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import { deliverDueEmails } from '../../../src/services/notifications/outbox.ts';
import { approveDraft, createQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { type SmtpSink, startSmtpSink } from '../../helpers/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let smtp: SmtpSink;
let author: TestUser;
let moderator: TestUser;
let follower: TestUser;

const HOUR = 3_600_000;
const HOSTILE = 'Will <img src=x onerror=alert(1)> & "friends" win?';

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  follower = await createUser(t);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function settings(user: TestUser) {
  const response = await t.app.inject({
    url: '/api/v1/me/notification-settings',
    headers: user.auth,
  });
  return response.json() as { channels: Array<{ kind: string; channel: string }> };
}

/** A question opening in an hour that `user` follows; returns its id. */
async function followedQuestion(user: TestUser, title: string): Promise<number> {
  const draft = await createQuestion(t, author, { title });
  const now = t.clock.now().getTime();
  await approveDraft(t, draft.id, author, moderator, {
    open_time: new Date(now + HOUR).toISOString(),
  });
  const follow = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/follows/question/${draft.id}`,
    headers: user.auth,
  });
  expect(follow.statusCode).toBe(200);
  return draft.id;
}

async function openDueQuestions() {
  t.clock.advance(HOUR);
  await runDueJobs(t.deps);
  await runDueJobs(t.deps);
}

describe('notification e-mails', () => {
  it('arrive with the title escaped and a working unsubscribe link', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-settings',
      headers: follower.auth,
      payload: { channels: { question_opened: 'email' } },
    });
    const id = await followedQuestion(follower, HOSTILE);
    await openDueQuestions();
    const result = await deliverDueEmails(t.deps);
    expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual([follower.email]);
    expect(mail.decoded).toContain(`/questions/${id}-`);
    // The HTML part holds the title as text only.
    const stored = (await selectOutbox(t.deps.database.db, { userId: follower.id }))[0]!;
    expect(stored.status).toBe('sent');
    expect(stored.html).toContain(
      'Will &lt;img src=x onerror=alert(1)&gt; &amp; &quot;friends&quot; win?',
    );
    expect(stored.html).not.toContain('<img');
    expect(stored.subject).toContain(HOSTILE);

    // The unsubscribe link, as the mail has it, works without signing in.
    const link = /https?:\/\/[^\s"<>]+\/unsubscribe\?token=[A-Za-z0-9._%-]+/.exec(mail.decoded);
    expect(link).not.toBeNull();
    const url = new URL(link![0]);
    const page = await t.app.inject({ url: `${url.pathname}${url.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Followed questions opening');
    const token = url.searchParams.get('token')!;
    const applied = await t.app.inject({
      method: 'POST',
      url: '/unsubscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${encodeURIComponent(token)}`,
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.body).toContain('no longer gets');
    const after = await settings(follower);
    expect(after.channels.find((c) => c.kind === 'question_opened')?.channel).toBe('in_app');

    // Still notified in the app, but no further e-mail.
    await followedQuestion(follower, 'A second question');
    await openDueQuestions();
    expect(await deliverDueEmails(t.deps)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('refuses forged or altered unsubscribe links', async () => {
    for (const token of ['nonsense', `${follower.id}.question_opened.${'A'.repeat(43)}`]) {
      const page = await t.app.inject({ url: `/unsubscribe?token=${encodeURIComponent(token)}` });
      expect(page.statusCode).toBe(404);
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/unsubscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=1.all.x',
    });
    expect(post.statusCode).toBe(404);
  });

  it('retries a refused delivery with backoff', async () => {
    const other = await createUser(t);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-settings',
      headers: other.auth,
      payload: { channels: { question_opened: 'email' } },
    });
    await followedQuestion(other, 'Retried question');
    await openDueQuestions();
    smtp.failNext(1);
    const before = smtp.mails.length;
    expect(await deliverDueEmails(t.deps)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const pending = (await selectOutbox(t.deps.database.db, { userId: other.id }))[0]!;
    expect(pending.status).toBe('pending');
    expect(pending.attempts).toBe(1);
    expect(pending.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(60_000);
    // Not due yet.
    expect(await deliverDueEmails(t.deps)).toEqual({ sent: 0, retried: 0, failed: 0 });
    t.clock.advance(60_000);
    expect(await deliverDueEmails(t.deps)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(before + 1);
    expect(smtp.mails.at(-1)!.to).toEqual([other.email]);
  });
});
