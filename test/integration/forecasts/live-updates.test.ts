// Server-Sent Events: a forecast made through one instance reaches an SSE stream served by another
// instance on the same PostgreSQL database (LISTEN/NOTIFY); on PGlite, one instance. Streams
// respect the reveal time and let go of their subscription when the client leaves.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/database.ts';
import { type App, buildApp } from '../../../src/http/app.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { cpUpdateHub } from '../../../src/services/live/cp-updates.ts';
import { forecast, withdraw } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { sseReader } from '../../helpers/sse-reader.ts';
import { createTestApp, type TestApp, testConfig } from '../../helpers/test-app.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let alice: TestUser;
let bob: TestUser;
/** The instance serving the streams: a second app on the same database (PostgreSQL) or `t.app`. */
let streamApp: App;
let streamDeps: Deps;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  alice = await createUser(t);
  bob = await createUser(t);
  if (testBackend() === 'postgres') {
    const database = await openDatabase({
      databaseUrl: t.testDatabase.url,
      dataDir: '',
      poolSize: 4,
    });
    streamDeps = {
      database,
      config: testConfig(),
      clock: t.clock,
      logger: pino({ level: 'silent' }),
    };
    streamApp = await buildApp(streamDeps);
  } else {
    streamDeps = t.deps;
    streamApp = t.app;
  }
  baseUrl = await streamApp.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  if (streamApp !== t.app) {
    await streamApp.close();
    await streamDeps.database.close();
  }
  await t.close();
});

async function openStream(questionId: number, user: TestUser | null = null, query = '') {
  const response = await fetch(`${baseUrl}/api/v1/questions/${questionId}/events${query}`, {
    headers: user ? user.auth : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const stream = sseReader(response);
  await waitFor(() => stream.comments().includes('subscribed'), {
    description: 'the stream to subscribe',
  });
  return stream;
}

describe('GET /api/v1/questions/{id}/events', () => {
  it('pushes `event: cp` with the new entry after each forecast and withdrawal', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const stream = await openStream(question.id);
    try {
      const startedAt = Date.now();
      const created = await forecast(t, alice, question.id, { probability_yes: 0.3 });
      const first = await waitFor(() => stream.messages[0], { description: 'a cp event' });
      const elapsed = Date.now() - startedAt;
      expect(first.event).toBe('cp');
      const payload = JSON.parse(first.data);
      expect(payload).toMatchObject({
        question_id: question.id,
        seq: 0,
        method: 'recency_weighted',
        hidden: false,
      });
      expect(payload.entry).toEqual(created.community_prediction);
      // "Within a second" (generous margin for loaded test machines).
      expect(elapsed).toBeLessThan(3000);

      t.clock.advance(2000);
      await forecast(t, bob, question.id, { probability_yes: 0.6 });
      const second = JSON.parse(
        (await waitFor(() => stream.messages[1], { description: 'a second event' })).data,
      );
      expect(second.seq).toBe(1);
      expect(second.entry.forecaster_count).toBe(2);

      t.clock.advance(2000);
      expect((await withdraw(t, bob, question.id)).statusCode).toBe(200);
      const third = JSON.parse(
        (await waitFor(() => stream.messages[2], { description: 'a third event' })).data,
      );
      expect(third.seq).toBe(2);
      expect(third.entry.forecaster_count).toBe(1);
    } finally {
      await stream.close();
    }
  });

  it('withholds entries before the reveal time, and follows ?method=', async () => {
    const revealAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const question = await createOpenQuestion(t, { author, moderator, cp_reveal_time: revealAt });
    const stream = await openStream(question.id, alice, '?method=unweighted');
    try {
      await forecast(t, bob, question.id, { probability_yes: 0.3 });
      const hidden = JSON.parse((await waitFor(() => stream.messages[0])).data);
      expect(hidden).toMatchObject({ question_id: question.id, hidden: true, entry: null });
      t.clock.advance(3_600_000);
      await forecast(t, alice, question.id, { probability_yes: 0.5 });
      const shown = JSON.parse((await waitFor(() => stream.messages[1])).data);
      expect(shown.hidden).toBe(false);
      expect(shown.entry).toMatchObject({ method: 'unweighted', forecaster_count: 2 });
    } finally {
      await stream.close();
    }
  });

  it('drops the subscription when the client disconnects or the server stops; 404 when unknown', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const hub = cpUpdateHub(streamDeps);
    const before = hub.watcherCount;
    const stream = await openStream(question.id);
    expect(hub.watcherCount).toBe(before + 1);
    await stream.close();
    await waitFor(() => hub.watcherCount === before, { description: 'the watcher to go' });
    // Shutting an instance down ends its streams instead of waiting for them.
    const extra = await buildApp(streamDeps);
    const extraUrl = await extra.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${extraUrl}/api/v1/questions/${question.id}/events`);
    const open = sseReader(response);
    await waitFor(() => open.comments().includes('subscribed'));
    const closing = Date.now();
    await extra.close();
    expect(Date.now() - closing).toBeLessThan(5000);
    await open.close();
    await waitFor(() => hub.watcherCount === before, { description: 'the stream to let go' });
    const missing = await fetch(`${baseUrl}/api/v1/questions/999999/events`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
  });
});
