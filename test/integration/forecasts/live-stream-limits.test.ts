// Live-update streams are a bounded resource and keep no identity past its rights: streams are
// capped per client (429) and per instance (503), end after their maximum lifetime (and a
// reconnect with Last-Event-ID catches up at once), and end when the user they were opened as
// signs out, is demoted or banned, so hidden CP entries stop flowing to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { sseReader } from '../../helpers/sse-reader.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let t: TestApp;
let baseUrl: string;
let author: TestUser;
let moderator: TestUser;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp({
    env: { LIVE_STREAMS_PER_CLIENT: '2', LIVE_STREAMS_TOTAL: '5', LIVE_STREAM_MAX_SECONDS: '2' },
  });
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

function openRaw(questionId: number, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/api/v1/questions/${questionId}/events`, { headers });
}

async function openStream(questionId: number, headers: Record<string, string> = {}) {
  const response = await openRaw(questionId, headers);
  expect(response.status).toBe(200);
  const stream = sseReader(response);
  await waitFor(() => stream.comments().includes('subscribed'), {
    description: 'the stream to subscribe',
  });
  return stream;
}

describe('live-update stream limits', () => {
  it('caps streams per client with 429 and per instance with 503, freeing slots on close', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const reader = await createUser(t);
    const guests = [await openStream(question.id), await openStream(question.id)];
    const thirdGuest = await openRaw(question.id);
    expect(thirdGuest.status).toBe(429);
    expect(thirdGuest.headers.get('retry-after')).toBe('30');
    expect((await thirdGuest.json()).error.code).toBe('RATE_LIMITED');

    // A signed-in reader is counted as themselves, not as their address.
    const readers = [
      await openStream(question.id, reader.auth),
      await openStream(question.id, reader.auth),
    ];
    expect((await openRaw(question.id, reader.auth)).status).toBe(429);

    // Five in all on this instance: the fifth fits, the sixth does not.
    const other = await createUser(t);
    const fifth = await openStream(question.id, other.auth);
    const full = await openRaw(question.id, other.auth);
    expect(full.status).toBe(503);
    expect((await full.json()).error.code).toBe('SERVER_BUSY');

    // Leaving frees the slots.
    for (const stream of [...guests, ...readers, fifth]) await stream.close();
    const reopened = await waitFor(
      async () => {
        const response = await openRaw(question.id);
        if (response.status === 200) return sseReader(response);
        await response.body?.cancel();
        return undefined;
      },
      { description: 'a freed slot' },
    );
    await reopened.close();
  });

  it('ends a stream after its lifetime; reconnecting with Last-Event-ID catches up at once', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const alice = await createUser(t);
    const stream = await openStream(question.id);
    await forecast(t, alice, question.id, { probability_yes: 0.3 });
    const first = await waitFor(() => stream.messages[0], { description: 'a cp event' });
    expect(first.id).toBe('0');
    await waitFor(() => stream.ended(), { description: 'the stream to end', timeoutMs: 5000 });

    // While the browser was away, the CP moved on: the reconnect gets the current state first.
    t.clock.advance(1000);
    await forecast(t, alice, question.id, { probability_yes: 0.6 });
    const resumed = await openStream(question.id, { 'last-event-id': first.id ?? '' });
    const caughtUp = await waitFor(() => resumed.messages[0], { description: 'a catch-up event' });
    expect(caughtUp.id).toBe('1');
    expect(JSON.parse(caughtUp.data).entry.forecaster_count).toBe(1);
    await resumed.close();

    // Up to date: nothing is replayed.
    const current = await openStream(question.id, { 'last-event-id': '1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(current.messages).toHaveLength(0);
    await current.close();
  });

  it("ends an admin's stream of hidden CP entries on sign-out and on demotion", async () => {
    const revealAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const question = await createOpenQuestion(t, { author, moderator, cp_reveal_time: revealAt });
    const bob = await createUser(t);
    const watcher = await createUser(t, { role: 'admin' });

    const session = await signIn(t, watcher);
    const signedIn = await openStream(question.id, { cookie: session.cookie });
    await forecast(t, bob, question.id, { probability_yes: 0.4 });
    const seen = JSON.parse((await waitFor(() => signedIn.messages[0])).data);
    expect(seen.hidden).toBe(false);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: session.headers,
    });
    expect(logout.statusCode).toBe(204);
    await waitFor(() => signedIn.ended(), { description: 'the signed-out stream to end' });

    const viaToken = await openStream(question.id, watcher.auth);
    const demoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${watcher.id}`,
      headers: admin.auth,
      payload: { role: 'reader' },
    });
    expect(demoted.statusCode).toBe(200);
    await waitFor(() => viaToken.ended(), { description: 'the demoted stream to end' });

    // Reopened, the same credentials now see what a reader sees.
    const asReader = await openStream(question.id, watcher.auth);
    t.clock.advance(1000);
    await forecast(t, bob, question.id, { probability_yes: 0.7 });
    const hidden = JSON.parse((await waitFor(() => asReader.messages[0])).data);
    expect(hidden).toMatchObject({ hidden: true, entry: null });
    await asReader.close();
  });
});
