// Every way a forecast is refused: bad values with the field path (per type), question states,
// authentication and scopes, and Idempotency-Key replays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdfFor, forecast, postForecast, withdraw } from '../../factories/forecasts.ts';
import {
  createOpenQuestion,
  createQuestion,
  type QuestionJson,
} from '../../factories/questions.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let reader: TestUser;
let binary: QuestionJson;
let multipleChoice: QuestionJson;
let numeric: QuestionJson;

const SECOND = 1000;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  reader = await createUser(t);
  binary = await createOpenQuestion(t, { author, moderator });
  multipleChoice = await createOpenQuestion(t, { author, moderator, type: 'multiple_choice' });
  numeric = await createOpenQuestion(t, { author, moderator, type: 'numeric' });
});
afterAll(() => t.close());

async function expectInvalid(questionId: number, body: unknown, path: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${questionId}/forecasts`,
    headers: reader.auth,
    payload: body as Record<string, unknown>,
  });
  expect(response.statusCode, JSON.stringify(body).slice(0, 120)).toBe(400);
  const error = response.json().error;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
}

function inSeconds(seconds: number): string {
  return new Date(t.clock.now().getTime() + seconds * SECOND).toISOString();
}

describe('binary values', () => {
  it.each([
    [{ probability_yes: '0.5' }, '/probability_yes'],
    [{ probability_yes: 0 }, '/probability_yes'],
    [{ probability_yes: 1 }, '/probability_yes'],
    [{ probability_yes: 0.0009 }, '/probability_yes'],
    [{ probability_yes: 0.9991 }, '/probability_yes'],
    [{ probability_yes: null }, '/probability_yes'],
    [{}, '/probability_yes'],
    [{ probability_yes: 0.5, confidence: 3 }, '/confidence'],
    [{ probability_yes_per_category: { A: 1 } }, '/probability_yes_per_category'],
    [{ continuous_cdf: [0, 1] }, '/continuous_cdf'],
    [{ probability_yes: 0.5, normalize: true }, '/normalize'],
    [{ probability_yes: 0.5, end_time: 'tomorrow' }, '/end_time'],
  ])('%j → 400 at %s', async (body, path) => {
    await expectInvalid(binary.id, body, path);
  });

  it('accepts the bounds 0.001 and 0.999', async () => {
    await forecast(t, reader, binary.id, { probability_yes: 0.001 });
    await forecast(t, reader, binary.id, { probability_yes: 0.999 });
  });

  it('refuses an end_time that is not at least a second ahead', async () => {
    await expectInvalid(binary.id, { probability_yes: 0.5, end_time: inSeconds(-60) }, '/end_time');
    await expectInvalid(binary.id, { probability_yes: 0.5, end_time: inSeconds(0) }, '/end_time');
    const created = await forecast(t, reader, binary.id, {
      probability_yes: 0.5,
      end_time: inSeconds(1),
    });
    expect(created.forecast.end_time).toBe(inSeconds(1));
  });

  it('refuses bodies that are not JSON objects', async () => {
    const notJson = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${binary.id}/forecasts`,
      headers: { ...reader.auth, 'content-type': 'application/json' },
      payload: '{"probability_yes": 0.5',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('INVALID_JSON');
    const array = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${binary.id}/forecasts`,
      headers: reader.auth,
      payload: [0.5] as unknown as Record<string, unknown>,
    });
    expect(array.statusCode).toBe(400);
    expect(array.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('multiple-choice values', () => {
  const base = '/probability_yes_per_category';
  it.each([
    [{ A: 0.5, B: 0.3, Other: 0.1 }, base],
    [{ A: 0.5, B: 0.3, Other: 0.2000001 }, base],
    [{ A: 0.5, B: 0.5 }, `${base}/Other`],
    [{ A: 0.5, B: 0.3, Other: null }, `${base}/Other`],
    [{ A: 0.999, B: 0, Other: 0.001 }, `${base}/B`],
    [{ A: 0.5, B: 0.3, Other: 0.1, Z: 0.1 }, `${base}/Z`],
    [{ A: 0.5, B: '0.3', Other: 0.2 }, `${base}/B`],
    [{ A: 0.5, B: 0.3, Other: 0.1, 'x/y': 0.1 }, `${base}/x~1y`],
  ])('%j → 400 at %s', async (values, path) => {
    await expectInvalid(multipleChoice.id, { probability_yes_per_category: values }, path);
  });

  it('rescales a near sum with normalize: true, and refuses a far one', async () => {
    const created = await forecast(t, reader, multipleChoice.id, {
      probability_yes_per_category: { A: 0.4, B: 0.3, Other: 0.2 },
      normalize: true,
    });
    const stored = created.forecast.probability_yes_per_category;
    expect(stored.A).toBeCloseTo(0.4 / 0.9, 12);
    expect(Math.abs(stored.A + stored.B + stored.Other - 1)).toBeLessThanOrEqual(1e-9);
    await expectInvalid(
      multipleChoice.id,
      { probability_yes_per_category: { A: 1, B: 0.6, Other: 0.2 }, normalize: true },
      base,
    );
  });

  it('accepts a sum within 1e-9 of 1', async () => {
    await forecast(t, reader, multipleChoice.id, {
      probability_yes_per_category: { A: 0.1, B: 0.2, Other: 0.7 },
    });
  });
});

describe('continuous values', () => {
  const base = '/continuous_cdf';

  it('refuses a wrong length, a decrease, broken bounds and too large steps, with the index', async () => {
    await expectInvalid(numeric.id, { continuous_cdf: cdfFor().slice(1) }, base);
    const decreasing = cdfFor();
    decreasing[17] = decreasing[16] - 0.001;
    await expectInvalid(numeric.id, { continuous_cdf: decreasing }, `${base}/17`);
    const flat = cdfFor();
    flat[40] = flat[39];
    await expectInvalid(numeric.id, { continuous_cdf: flat }, `${base}/40`);
    const lowerOpen = cdfFor();
    lowerOpen[0] = 0.001;
    await expectInvalid(numeric.id, { continuous_cdf: lowerOpen }, `${base}/0`);
    const upperOpen = cdfFor();
    upperOpen[200] = 0.999;
    await expectInvalid(numeric.id, { continuous_cdf: upperOpen }, `${base}/200`);
    const jump = cdfFor().map((value, index) => (index < 100 ? value * 0.5 : value));
    await expectInvalid(numeric.id, { continuous_cdf: jump }, `${base}/100`);
    const outside = cdfFor();
    outside[5] = 1.5;
    await expectInvalid(numeric.id, { continuous_cdf: outside }, `${base}/5`);
    await expectInvalid(
      numeric.id,
      { continuous_cdf: [...cdfFor().slice(0, 200), 'x'] },
      `${base}/200`,
    );
  });

  it('rounds values to 10 decimals before checking and stores the rounded CDF', async () => {
    const cdf = cdfFor({ center: 0.4 }).map((value, index) =>
      index === 0 || index === 200 ? value : value + 3e-12,
    );
    const created = await forecast(t, reader, numeric.id, { continuous_cdf: cdf });
    expect(created.forecast.continuous_cdf[1]).toBe(Math.round(cdf[1] * 1e10) / 1e10);
  });

  it('builds a CDF from components, and refuses bad components with their path', async () => {
    const created = await forecast(t, reader, numeric.id, {
      components: [
        { center: 30, scale: 0.05, weight: 1 },
        { center: 75, scale: 0.1, weight: 3 },
      ],
    });
    const cdf = created.forecast.continuous_cdf as number[];
    expect(cdf).toHaveLength(201);
    expect(cdf[0]).toBe(0);
    expect(cdf[200]).toBe(1);
    for (let i = 1; i <= 200; i++) expect(cdf[i] - cdf[i - 1]).toBeGreaterThanOrEqual(5e-5);
    const components = (extra: Record<string, unknown>) => ({
      components: [{ center: 50, scale: 0.1, weight: 1, ...extra }],
    });
    await expectInvalid(numeric.id, components({ scale: 0 }), '/components/0/scale');
    await expectInvalid(numeric.id, components({ weight: -1 }), '/components/0/weight');
    await expectInvalid(numeric.id, components({ center: 'fifty' }), '/components/0/center');
    await expectInvalid(numeric.id, components({ center: 1000 }), '/components/0/center');
    await expectInvalid(numeric.id, components({ spread: 1 }), '/components/0/spread');
    await expectInvalid(numeric.id, { components: [] }, '/components');
    await expectInvalid(
      numeric.id,
      { components: Array.from({ length: 4 }, () => ({ center: 50, scale: 0.1, weight: 1 })) },
      '/components',
    );
    await expectInvalid(
      numeric.id,
      { components: [{ center: 50, scale: 0.001, weight: 1 }] },
      '/components',
    );
    await expectInvalid(
      numeric.id,
      { continuous_cdf: cdfFor(), components: [{ center: 50, scale: 0.1, weight: 1 }] },
      '/components',
    );
  });

  it('date questions take RFC 3339 centres and keep the open upper bound open', async () => {
    const date = await createOpenQuestion(t, { author, moderator, type: 'date' });
    const created = await forecast(t, reader, date.id, {
      components: [{ center: '2034-06-01T00:00:00Z', scale: 0.1, weight: 1 }],
    });
    const cdf = created.forecast.continuous_cdf as number[];
    expect(cdf[0]).toBe(0);
    expect(cdf[200]).toBeGreaterThan(0.5);
    expect(cdf[200]).toBeLessThanOrEqual(0.999);
    await expectInvalid(date.id, { continuous_cdf: cdfFor() }, '/continuous_cdf/200');
    await forecast(t, reader, date.id, { continuous_cdf: cdfFor({ openUpper: true }) });
  });

  it('discrete questions use n + 1 points for their outcomes', async () => {
    const discrete = await createOpenQuestion(t, { author, moderator, type: 'discrete' });
    const n = discrete.inbound_outcome_count as number;
    await expectInvalid(discrete.id, { continuous_cdf: cdfFor() }, '/continuous_cdf');
    await forecast(t, reader, discrete.id, { continuous_cdf: cdfFor({ n }) });
    await forecast(t, reader, discrete.id, { components: [{ center: 3, scale: 0.2, weight: 1 }] });
  });
});

describe('question state', () => {
  it('409 QUESTION_NOT_OPEN when closed or not yet open; 404 when unknown or hidden', async () => {
    const closing = await createOpenQuestion(t, { author, moderator });
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${closing.id}/close`,
      headers: moderator.auth,
    });
    expect(closed.statusCode).toBe(200);
    const late = await postForecast(t, reader, closing.id, { probability_yes: 0.5 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('QUESTION_NOT_OPEN');
    expect((await withdraw(t, reader, closing.id)).statusCode).toBe(409);

    const scheduled = await createOpenQuestion(t, {
      author,
      moderator,
      open_time: inSeconds(3600),
    });
    expect(scheduled.status).toBe('scheduled');
    const early = await postForecast(t, reader, scheduled.id, { probability_yes: 0.5 });
    expect(early.json().error.code).toBe('QUESTION_NOT_OPEN');

    const draft = await createQuestion(t, author);
    expect((await postForecast(t, reader, draft.id, { probability_yes: 0.5 })).statusCode).toBe(
      404,
    );
    expect((await postForecast(t, author, draft.id, { probability_yes: 0.5 })).statusCode).toBe(
      409,
    );
    const unknown = await postForecast(t, reader, 999_999, { probability_yes: 0.5 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const badId = await postForecast(t, reader, 'abc' as unknown as number, {
      probability_yes: 0.5,
    });
    expect(badId.statusCode).toBe(400);
  });
});

describe('who may forecast', () => {
  it('401 anonymous, 403 read-only token, CSRF for sessions', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${binary.id}/forecasts`,
      payload: { probability_yes: 0.5 },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');

    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: (await signIn(t, reader)).headers,
      payload: { name: 'read only', scopes: ['read'] },
    });
    expect(token.statusCode).toBe(201);
    const readOnly = { authorization: `Bearer ${token.json().token}` };
    const refused = await postForecast(t, { auth: readOnly }, binary.id, { probability_yes: 0.5 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/questions/${binary.id}/forecasts/mine`,
      headers: readOnly,
    });
    expect(mine.statusCode).toBe(200);

    const session = await signIn(t, reader);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${binary.id}/forecasts`,
      headers: { cookie: session.cookie },
      payload: { probability_yes: 0.5 },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_FAILED');
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${binary.id}/forecasts`,
      headers: session.headers,
      payload: { probability_yes: 0.5 },
    });
    expect(withCsrf.statusCode).toBe(201);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/questions/${binary.id}/forecasts/mine` }))
        .statusCode,
    ).toBe(401);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first result, stores nothing twice, and refuses reuse for another request', async () => {
    const user = await createUser(t);
    const question = await createOpenQuestion(t, { author, moderator });
    const key = { 'idempotency-key': 'f3a1c2d4-0000-4000-8000-000000000001' };
    const first = await postForecast(t, user, question.id, { probability_yes: 0.3 }, key);
    expect(first.statusCode).toBe(201);
    t.clock.advance(5 * SECOND);
    const retry = await postForecast(t, user, question.id, { probability_yes: 0.3 }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/questions/${question.id}/forecasts/mine`,
      headers: user.auth,
    });
    expect(mine.json().items).toHaveLength(1);
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/questions/${question.id}/history` })
    ).json();
    expect(history.entry_count).toBe(1);

    const other = await postForecast(t, user, question.id, { probability_yes: 0.4 }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const elsewhere = await withdraw(t, user, question.id, key);
    expect(elsewhere.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys belong to one user: another user's identical key is a new request.
    const someoneElse = await postForecast(t, reader, question.id, { probability_yes: 0.3 }, key);
    expect(someoneElse.statusCode).toBe(201);

    const withdrawKey = { 'idempotency-key': 'withdraw-1' };
    const withdrawn = await withdraw(t, user, question.id, withdrawKey);
    expect(withdrawn.statusCode).toBe(200);
    const again = await withdraw(t, user, question.id, withdrawKey);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(withdrawn.json());
    expect((await withdraw(t, user, question.id)).statusCode).toBe(404);

    const tooLong = await postForecast(
      t,
      user,
      question.id,
      { probability_yes: 0.3 },
      {
        'idempotency-key': 'x'.repeat(201),
      },
    );
    expect(tooLong.statusCode).toBe(400);
    const control = await postForecast(
      t,
      user,
      question.id,
      { probability_yes: 0.3 },
      {
        'idempotency-key': ' padded ',
      },
    );
    expect(control.statusCode).toBe(400);
  });

  it('concurrent retries with one key store one forecast', async () => {
    const user = await createUser(t);
    const question = await createOpenQuestion(t, { author, moderator });
    const key = { 'idempotency-key': 'parallel-retry' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        postForecast(t, user, question.id, { probability_yes: 0.65 }, key),
      ),
    );
    for (const response of responses) {
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual(responses[0].json());
    }
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/questions/${question.id}/forecasts/mine`,
      headers: user.auth,
    });
    expect(mine.json().items).toHaveLength(1);
  });
});
