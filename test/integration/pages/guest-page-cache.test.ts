// The micro-cache of guest question pages: a guest's render is served again for a moment, but a
// change of the question's CP or of the question is seen at once (the NOTIFY feed, or this
// process's own writes), signed-in viewers never get a guest's page, a hidden CP never leaks
// between a guest and an admin, and every response keeps its own headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionActor } from '../../../src/domain/actor.ts';
import { submitForecast } from '../../../src/services/forecasts/submit-forecast.ts';
import { clarifyQuestion } from '../../../src/services/questions/clarify-question.ts';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion, type QuestionJson } from '../../factories/questions.ts';
import {
  createForecastingCast,
  createUser,
  signIn,
  type TestSession,
  type TestUser,
} from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let readers: TestUser[];
let admin: TestUser;
let adminSession: TestSession;
let readerSession: TestSession;

const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator, users: readers } = await createForecastingCast(t, 3));
  admin = await createUser(t, { role: 'admin' });
  adminSession = await signIn(t, admin);
  readerSession = await signIn(t, readers[2]);
});

afterAll(async () => {
  await t?.close();
});

async function page(question: { id: number }, headers: Record<string, string> = {}) {
  const first = await t.app.inject({
    method: 'GET',
    url: `/questions/${question.id}`,
    headers: { accept: 'text/html', ...headers },
  });
  if (first.statusCode !== 301) return first;
  return t.app.inject({
    method: 'GET',
    url: String(first.headers.location),
    headers: { accept: 'text/html', ...headers },
  });
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('\u00a0', ' ')
    .replace(/\s+/g, ' ');
}

/** Retries until `check` passes: a NOTIFY reaches the listening connection asynchronously. */
async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('guest question pages', () => {
  let question: QuestionJson;

  beforeAll(async () => {
    question = await createOpenQuestion(t, { author, moderator });
    await forecast(t, readers[0], question.id, { probability_yes: 0.3 });
  });

  it('serves a guest the same render for a moment, with fresh headers each time', async () => {
    const first = await page(question);
    expect(text(first.body)).toContain('Community 30 %');
    // A change that no write path makes (no NOTIFY): only the render's lifetime ends it.
    await t.deps.database.db
      .updateTable('questions')
      .set({ fine_print: 'Edited quietly.' })
      .where('id', '=', question.id)
      .execute();
    const second = await page(question);
    expect(second.body === first.body).toBe(true);
    expect(second.headers['cache-control']).toBe('private, no-cache');
    expect(String(second.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(second.headers['x-request-id']).toBeTruthy();
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    const tagged = await page(question, { 'x-request-id': 'guest-cache-check-1' });
    expect(tagged.headers['x-request-id']).toBe('guest-cache-check-1');
    t.clock.advance(2_000);
    expect((await page(question)).body).toContain('Edited quietly.');
  });

  it('shows a guest a new forecast’s CP right after it is made (API and NOTIFY)', async () => {
    expect(text((await page(question)).body)).toContain('Community 30 %');
    // Through the API: this process drops its pages before answering.
    await forecast(t, readers[1], question.id, { probability_yes: 0.9 });
    const afterApi = text((await page(question)).body);
    expect(afterApi).not.toContain('Community 30 %');
    expect(afterApi).toContain('2 forecasters');
    // Through the use case alone, as another instance would: only LISTEN cp_updated tells.
    const cached = text((await page(question)).body);
    expect(cached).toContain('2 forecasters');
    await submitForecast(t.deps, {
      actor: sessionActor(readers[2]),
      questionId: question.id,
      values: { probabilityYes: 0.5 },
    });
    await eventually(async () => {
      expect(text((await page(question)).body)).toContain('3 forecasters');
    });
  });

  it('answers guests arriving together with one render, each with its own headers', async () => {
    // The cached page has expired: the next render is shared by the guests waiting for it.
    t.clock.advance(2_000);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => page(question, { 'x-request-id': `together-${i}` })),
    );
    for (const [i, response] of responses.entries()) {
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(responses[0].body);
      expect(response.headers['x-request-id']).toBe(`together-${i}`);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    expect(text(responses[0].body)).toContain('Community');
  });

  it('shows a guest a clarification at once (LISTEN question_changed)', async () => {
    await page(question);
    // Through the use case alone, as another instance would.
    await clarifyQuestion(t.deps, {
      actor: sessionActor(moderator),
      questionId: question.id,
      body: 'Meetings by video do not count.',
      field: null,
      newText: null,
    });
    await eventually(async () => {
      expect(text((await page(question)).body)).toContain('Meetings by video do not count.');
    });
  });

  it('never gives a signed-in reader the guest’s page, nor a guest the reader’s', async () => {
    const guest = await page(question);
    expect(guest.body).not.toContain('name="_csrf"');
    const signedIn = await page(question, { cookie: readerSession.cookie });
    expect(signedIn.body).not.toBe(guest.body);
    expect(signedIn.body).toContain(`name="_csrf" value="${readerSession.csrfToken}"`);
    expect(signedIn.body).toContain('name="probability"');
    const guestAgain = await page(question);
    expect(guestAgain.body).not.toContain(readerSession.csrfToken);
    expect(guestAgain.body).not.toContain('name="probability"');
    // A Bearer client is an actor too: its page is rendered for it.
    const token = await page(question, readers[2].auth);
    expect(token.statusCode).toBe(200);
  });
});

describe('a question whose CP is hidden until its reveal', () => {
  async function hiddenQuestion(probability: number) {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      cp_reveal_time: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
    });
    await forecast(t, readers[0], question.id, { probability_yes: probability });
    return question;
  }

  it('never shows a guest the admin’s page, nor the admin the guest’s', async () => {
    const question = await hiddenQuestion(0.83);
    const guest = text((await page(question)).body);
    expect(guest).toContain('Hidden until');
    expect(guest).not.toContain('83 %');
    const asAdmin = text((await page(question, { cookie: adminSession.cookie })).body);
    expect(asAdmin).toContain('Community 83 %');
    const guestAgain = text((await page(question)).body);
    expect(guestAgain).toContain('Hidden until');
    expect(guestAgain).not.toContain('83 %');

    // The other order: the admin first, then a guest.
    const other = await hiddenQuestion(0.17);
    expect(text((await page(other, { cookie: adminSession.cookie })).body)).toContain(
      'Community 17 %',
    );
    const guestOther = text((await page(other)).body);
    expect(guestOther).toContain('Hidden until');
    expect(guestOther).not.toContain('17 %');
  });

  it('shows the CP to a guest as soon as the reveal time passes', async () => {
    const question = await hiddenQuestion(0.64);
    expect(text((await page(question)).body)).toContain('Hidden until');
    t.clock.advance(10 * DAY + 1_000);
    expect(text((await page(question)).body)).toContain('Community 64 %');
  });
});
