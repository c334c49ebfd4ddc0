// draft → in_review → scheduled → open → closed over HTTP: who may do each step, and when not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canForecast } from '../../../src/domain/question-lifecycle.ts';
import { findQuestion } from '../../../src/services/questions/find-question.ts';
import { createOpenQuestion, createQuestion } from '../../factories/questions.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let otherAnalyst: TestUser;
let moderator: TestUser;
let admin: TestUser;
let reader: TestUser;

const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  otherAnalyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
  reader = await createUser(t, { role: 'reader' });
});
afterAll(() => t.close());

function at(offsetMs: number): string {
  return new Date(t.clock.now().getTime() + offsetMs).toISOString();
}

async function act(
  user: TestUser | null,
  id: number,
  action: string,
  payload: Record<string, unknown> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${id}/${action}`,
    headers: user?.auth ?? {},
    payload,
  });
}

function approval(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    open_time: at(DAY),
    scheduled_close_time: at(10 * DAY),
    scheduled_resolve_time: at(11 * DAY),
    ...overrides,
  };
}

async function inReview(): Promise<number> {
  const draft = await createQuestion(t, author);
  expect((await act(author, draft.id, 'submit')).statusCode).toBe(200);
  return draft.id;
}

describe('submit', () => {
  it('moves the author’s draft to in_review', async () => {
    const draft = await createQuestion(t, author);
    const response = await act(author, draft.id, 'submit');
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('in_review');
  });

  it('is the author’s alone: 403 for a moderator, 404 for those who cannot see it', async () => {
    const draft = await createQuestion(t, author);
    expect((await act(moderator, draft.id, 'submit')).json().error.code).toBe('FORBIDDEN');
    expect((await act(otherAnalyst, draft.id, 'submit')).statusCode).toBe(404);
    expect((await act(reader, draft.id, 'submit')).statusCode).toBe(404);
    expect((await act(null, draft.id, 'submit')).statusCode).toBe(401);
  });

  it('is a 409 INVALID_TRANSITION once submitted, and needs resolution criteria', async () => {
    const id = await inReview();
    const again = await act(author, id, 'submit');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    const vague = await createQuestion(t, author, { resolution_criteria: '' });
    const response = await act(author, vague.id, 'submit');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe('/resolution_criteria');
  });

  it('freezes the draft: PATCH after submission is a 409', async () => {
    const id = await inReview();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${id}`,
      headers: author.auth,
      payload: { title: 'Changed' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('INVALID_TRANSITION');
  });
});

describe('reject', () => {
  it('sends the question back to draft with the moderator’s note', async () => {
    const id = await inReview();
    const response = await act(moderator, id, 'reject', { note: 'Define "summit".' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'draft', review_note: 'Define "summit".' });
    // The author can edit and resubmit.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${id}`,
      headers: author.auth,
      payload: { fine_print: 'A summit is an in-person meeting.' },
    });
    expect(edited.statusCode).toBe(200);
    expect((await act(author, id, 'submit')).statusCode).toBe(200);
  });

  it('needs a moderator, a note, and a question in review', async () => {
    const id = await inReview();
    expect((await act(author, id, 'reject', { note: 'x' })).statusCode).toBe(403);
    expect((await act(reader, id, 'reject', { note: 'x' })).statusCode).toBe(403);
    const noNote = await act(moderator, id, 'reject', {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details.fields[0].path).toBe('/note');
    expect((await act(moderator, id, 'reject', { note: '   ' })).statusCode).toBe(400);
    const draft = await createQuestion(t, author);
    expect((await act(moderator, draft.id, 'reject', { note: 'x' })).statusCode).toBe(409);
  });
});

describe('approve', () => {
  it('schedules a question whose open_time is ahead and fixes its times', async () => {
    const id = await inReview();
    const body = approval({ cp_reveal_time: at(2 * DAY) });
    const response = await act(moderator, id, 'approve', body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'scheduled',
      open_time: body.open_time,
      scheduled_close_time: body.scheduled_close_time,
      scheduled_resolve_time: body.scheduled_resolve_time,
      cp_reveal_time: body.cp_reveal_time,
      actual_close_time: null,
    });
  });

  it('opens at once when open_time is now or past (open_time becomes now)', async () => {
    const id = await inReview();
    const response = await act(admin, id, 'approve', approval({ open_time: at(-DAY) }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'open', open_time: at(0) });
    const question = await findQuestion(t.deps, id);
    expect(canForecast(question!, t.clock.now())).toBe(true);
  });

  it('falls back to the times proposed in the draft', async () => {
    const draft = await createQuestion(t, author, {
      open_time: at(DAY),
      scheduled_close_time: at(5 * DAY),
      scheduled_resolve_time: at(6 * DAY),
    });
    await act(author, draft.id, 'submit');
    const response = await act(moderator, draft.id, 'approve', {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'scheduled', open_time: at(DAY) });
  });

  // Bodies are built lazily: the clock exists only once the suite has started.
  it.each([
    ['missing times', () => ({}), '/open_time'],
    [
      'close before open',
      () => approval({ scheduled_close_time: at(DAY / 2) }),
      '/scheduled_close_time',
    ],
    [
      'close in the past',
      () => approval({ open_time: at(-3 * DAY), scheduled_close_time: at(-DAY) }),
      '/scheduled_close_time',
    ],
    [
      'resolve before close',
      () => approval({ scheduled_resolve_time: at(5 * DAY) }),
      '/scheduled_resolve_time',
    ],
    ['reveal after close', () => approval({ cp_reveal_time: at(20 * DAY) }), '/cp_reveal_time'],
    ['reveal before open', () => approval({ cp_reveal_time: at(DAY / 2) }), '/cp_reveal_time'],
    ['not a date-time', () => approval({ open_time: 'tomorrow' }), '/open_time'],
  ])('rejects %s with 400', async (_name, body, path) => {
    const id = await inReview();
    const response = await act(moderator, id, 'approve', body());
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(
      path,
    );
  });

  it('needs a moderator and a question in review', async () => {
    const id = await inReview();
    expect((await act(author, id, 'approve', approval())).statusCode).toBe(403);
    expect((await act(reader, id, 'approve', approval())).statusCode).toBe(403);
    expect((await act(null, id, 'approve', approval())).statusCode).toBe(401);
    const draft = await createQuestion(t, author);
    const response = await act(moderator, draft.id, 'approve', approval());
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('INVALID_TRANSITION');
    await act(moderator, id, 'approve', approval());
    expect((await act(moderator, id, 'approve', approval())).statusCode).toBe(409);
  });

  it('answers 404 for a question that does not exist', async () => {
    const response = await act(moderator, 987_654, 'approve', approval());
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});

describe('close early', () => {
  it('closes an open question now and stops forecasting', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    t.clock.advance(3600_000);
    const response = await act(moderator, question.id, 'close');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'closed', actual_close_time: at(0) });
    const stored = await findQuestion(t.deps, question.id);
    expect(canForecast(stored!, t.clock.now())).toBe(false);
    const again = await act(moderator, question.id, 'close');
    expect(again.statusCode).toBe(409);
  });

  it('needs a moderator and an open question', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    expect((await act(author, question.id, 'close')).statusCode).toBe(403);
    expect((await act(reader, question.id, 'close')).statusCode).toBe(403);
    const id = await inReview();
    expect((await act(moderator, id, 'close')).statusCode).toBe(409);
  });
});

describe('cookie sessions', () => {
  it('work like tokens, with the CSRF header', async () => {
    const session = await signIn(t, author);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/questions',
      headers: session.headers,
      payload: { type: 'binary', title: 'Via cookie', resolution_criteria: 'x' },
    });
    expect(created.statusCode).toBe(201);
    const withoutCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${created.json().id}/submit`,
      headers: { cookie: session.cookie },
      payload: {},
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().error.code).toBe('CSRF_FAILED');
  });
});

describe('canForecast', () => {
  it('holds only while open, between open_time and scheduled close, not closed early', () => {
    const now = new Date('2030-01-10T00:00:00Z');
    const base = {
      status: 'open' as const,
      openTime: new Date('2030-01-01T00:00:00Z'),
      scheduledCloseTime: new Date('2030-02-01T00:00:00Z'),
      actualCloseTime: null,
      cpRevealTime: null,
    };
    expect(canForecast(base, now)).toBe(true);
    expect(canForecast({ ...base, status: 'scheduled' }, now)).toBe(false);
    expect(canForecast({ ...base, status: 'closed' }, now)).toBe(false);
    expect(canForecast(base, new Date('2029-12-31T23:59:59Z'))).toBe(false);
    expect(canForecast(base, new Date('2030-02-01T00:00:00Z'))).toBe(false);
    expect(canForecast({ ...base, actualCloseTime: now }, now)).toBe(false);
  });
});
