// The API document tells the truth: a journey through every operation, with its successes and
// its usual failures (anonymous, wrong role, read-only token, unknown id, bad body, wrong state,
// reused idempotency key, too large, rate limited), checks each response's status, content type
// and body against the server's own /api/v1/openapi.json. Every route the server registers must
// be exercised, so a new route has to join the journey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import { createQuestion, createQuestionInReview } from '../../factories/questions.ts';
import { resolveWithScores } from '../../factories/resolved-questions.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { OpenApiConformance } from '../../helpers/openapi-conformance.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
// biome-ignore lint/suspicious/noExplicitAny: API JSON as a client reads it.
type Json = Record<string, any>;

interface Call {
  headers?: Headers;
  /** A JSON body; a string is sent as it is, with `content-type` application/json. */
  body?: unknown;
  contentType?: string;
  isStream?: boolean;
}

const DAY = 86_400_000;
const Q = (id: number | string, rest = '') => `/api/v1/questions/${id}${rest}`;

let t: TestApp;
let conformance: OpenApiConformance;
let analyst: TestUser;
let otherAnalyst: TestUser;
let moderator: TestUser;
let admin: TestUser;
let reader: TestUser;
/** The reader's read-only token. */
let readOnly: Headers;

async function loadConformance(app: TestApp): Promise<OpenApiConformance> {
  const response = await app.app.inject({ url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  return new OpenApiConformance(response.json());
}

/** Sends a request, expects `status`, and checks the response against the document. */
async function call(
  method: Method,
  url: string,
  status: number,
  { headers = {}, body, contentType, isStream = false }: Call = {},
  app: TestApp = t,
  against: OpenApiConformance = conformance,
): Promise<Json> {
  const isRaw = typeof body === 'string';
  const response = await app.app.inject({
    method,
    url,
    headers: {
      ...headers,
      ...(isRaw || contentType ? { 'content-type': contentType ?? 'application/json' } : {}),
    },
    ...(body === undefined ? {} : { payload: body as object }),
    ...(isStream ? { payloadAsStream: true } : {}),
  });
  const text = isStream ? '' : response.body;
  against.check(
    method,
    url,
    { statusCode: response.statusCode, headers: response.headers, body: text },
    isStream,
  );
  expect(response.statusCode, `${method} ${url}: ${text.slice(0, 300)}`).toBe(status);
  return String(response.headers['content-type']).includes('json') ? JSON.parse(text) : {};
}

function times(openInMs = 0) {
  const now = t.clock.now().getTime();
  return {
    open_time: new Date(now + openInMs).toISOString(),
    scheduled_close_time: new Date(now + 30 * DAY).toISOString(),
    scheduled_resolve_time: new Date(now + 31 * DAY).toISOString(),
  };
}

/** A question of `analyst`'s, through review to open (or scheduled, with `openInMs`). */
async function openQuestion(overrides: Json = {}, openInMs = 0): Promise<Json> {
  const draft = await createQuestionInReview(t, analyst, overrides);
  return call('POST', Q(draft.id, '/approve'), 200, {
    headers: moderator.auth,
    body: times(openInMs),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  conformance = await loadConformance(t);
  [analyst, otherAnalyst, moderator, admin, reader] = await Promise.all([
    createUser(t, { role: 'analyst' }),
    createUser(t, { role: 'analyst' }),
    createUser(t, { role: 'moderator' }),
    createUser(t, { role: 'admin' }),
    createUser(t),
  ]);
  // Tokens are created from a browser session (docs/decisions.md).
  const token = await call('POST', '/api/v1/me/tokens', 201, {
    headers: (await signIn(t, reader)).headers,
    body: { name: 'read only', scopes: ['read'] },
  });
  readOnly = { authorization: `Bearer ${token.token}` };
});
afterAll(() => t.close());

describe('a journey through every operation', () => {
  it('accounts, sessions and tokens', async () => {
    const anonymousCsrf = await call('GET', '/api/v1/auth/csrf', 200);
    expect(anonymousCsrf.csrf_token).toBeNull();
    const account = { email: 'oa@example.test', username: 'openapi_user', password: '0123456789' };
    await call('POST', '/api/v1/auth/register', 201, { body: account });
    await call('POST', '/api/v1/auth/register', 409, { body: account });
    await call('POST', '/api/v1/auth/register', 400, { body: { email: 'x' } });
    await call('POST', '/api/v1/auth/register', 400, { body: '{"email":' });
    await call('POST', '/api/v1/auth/register', 415, {
      body: '<account/>',
      contentType: 'application/xml',
    });
    await call('POST', '/api/v1/auth/login', 401, {
      body: { login: account.username, password: 'wrong password' },
    });
    await call('POST', '/api/v1/auth/login', 200, {
      body: { login: account.username, password: account.password },
    });

    const session = await signIn(t, reader);
    await call('GET', '/api/v1/auth/csrf', 200, { headers: { cookie: session.cookie } });
    await call('PATCH', '/api/v1/me', 403, {
      headers: { cookie: session.cookie },
      body: { bio: 'no CSRF token' },
    });
    await call('PATCH', '/api/v1/me', 200, { headers: session.headers, body: { bio: 'Hello' } });
    await call('PATCH', '/api/v1/me', 400, { headers: session.headers, body: { bio: 7 } });
    // Authentication comes first: an anonymous bad body is a 401, not a 400.
    await call('PATCH', '/api/v1/me', 401, { body: { bio: 7 } });
    await call('PATCH', '/api/v1/me', 401, { body: '{"bio":' });
    await call('GET', '/api/v1/me', 200, { headers: reader.auth });
    await call('GET', '/api/v1/me', 401);
    await call('GET', '/api/v1/me', 401, { headers: { authorization: 'Bearer brier_nope' } });

    const created = await call('POST', '/api/v1/me/tokens', 201, {
      headers: session.headers,
      body: { name: 'journey', scopes: ['read', 'write'] },
    });
    await call('POST', '/api/v1/me/tokens', 403, {
      headers: reader.auth,
      body: { name: 'from a token', scopes: ['read'] },
    });
    await call('POST', '/api/v1/me/tokens', 400, { headers: session.headers, body: { name: '' } });
    await call('GET', '/api/v1/me/tokens?limit=1', 200, { headers: reader.auth });
    await call('GET', '/api/v1/me/tokens?limit=0', 400, { headers: reader.auth });
    await call('DELETE', `/api/v1/me/tokens/${created.id}`, 403, { headers: readOnly });
    await call('DELETE', `/api/v1/me/tokens/${created.id}`, 204, { headers: reader.auth });
    await call('DELETE', `/api/v1/me/tokens/${created.id}`, 404, { headers: reader.auth });
    await call('DELETE', '/api/v1/me/tokens/abc', 400, { headers: reader.auth });

    // Sessions and password.
    await signIn(t, reader);
    const sessions = await call('GET', '/api/v1/me/sessions', 200, { headers: session.headers });
    const other = (sessions.items as Json[]).find((item) => !item.is_current);
    await call('GET', '/api/v1/me/sessions', 401);
    await call('DELETE', `/api/v1/me/sessions/${other?.id}`, 204, { headers: session.headers });
    await call('DELETE', `/api/v1/me/sessions/${other?.id}`, 404, { headers: session.headers });
    await call('DELETE', '/api/v1/me/sessions/0123456789abcdef', 403, { headers: readOnly });
    await call('DELETE', '/api/v1/me/sessions', 200, { headers: session.headers });
    const wrongPassword = { current_password: 'not the password', new_password: 'x-fresh-pass-9' };
    await call('POST', '/api/v1/me/password', 401, { body: wrongPassword });
    await call('POST', '/api/v1/me/password', 403, { headers: reader.auth, body: wrongPassword });
    await call('POST', '/api/v1/me/password', 400, {
      headers: session.headers,
      body: wrongPassword,
    });
    await call('POST', '/api/v1/me/password', 400, { headers: session.headers, body: {} });
    await call('GET', '/api/v1/me/export', 200, { headers: session.headers });
    await call('GET', '/api/v1/me/export', 401);
    await call('DELETE', '/api/v1/me', 403, { headers: reader.auth, body: { password: 'x' } });
    await call('DELETE', '/api/v1/me', 400, { headers: session.headers, body: { password: 'x' } });
    await call('DELETE', '/api/v1/me', 401, { body: { password: 'x' } });
    const doomed = await createUser(t);
    await call('DELETE', '/api/v1/me', 204, {
      headers: (await signIn(t, doomed)).headers,
      body: { password: doomed.password },
    });
    const owner = await signIn(t, account);
    await call('POST', '/api/v1/me/password', 200, {
      headers: owner.headers,
      body: { current_password: account.password, new_password: 'x-fresh-pass-9' },
    });
    // A POST that takes no body accepts an empty one sent as JSON.
    await call('POST', '/api/v1/auth/logout', 204, { headers: session.headers, body: '' });
  });

  it('users and administration', async () => {
    await call('GET', `/api/v1/users/${reader.username}`, 200);
    await call('GET', '/api/v1/users/nobody_here', 404);
    await call('GET', '/api/v1/admin/users?limit=2', 200, { headers: admin.auth });
    await call('GET', '/api/v1/admin/users', 403, { headers: reader.auth });
    await call('GET', '/api/v1/admin/users', 401);
    await call('GET', '/api/v1/admin/backup', 200, { headers: admin.auth, isStream: true });
    await call('GET', '/api/v1/admin/backup', 403, { headers: reader.auth });
    await call('GET', '/api/v1/admin/backup', 401);
    const url = `/api/v1/admin/users/${reader.id}`;
    await call('PATCH', url, 200, { headers: admin.auth, body: { role: 'reader' } });
    await call('PATCH', url, 400, { headers: admin.auth, body: {} });
    await call('PATCH', url, 403, { headers: moderator.auth, body: { is_banned: false } });
    await call('PATCH', '/api/v1/admin/users/999999', 404, {
      headers: admin.auth,
      body: { is_banned: false },
    });
  });

  it('drafts, review and the lifecycle', async () => {
    const body = { type: 'binary', title: 'Will it?', resolution_criteria: 'It does.' };
    const draft = await call('POST', '/api/v1/questions', 201, { headers: analyst.auth, body });
    await call('POST', '/api/v1/questions', 403, { headers: reader.auth, body });
    await call('POST', '/api/v1/questions', 401, { body: { type: 'no such type' } });
    await call('POST', '/api/v1/questions', 400, { headers: analyst.auth, body: { type: 'x' } });
    await call('POST', '/api/v1/questions', 413, {
      headers: analyst.auth,
      body: JSON.stringify({ ...body, description: 'x'.repeat(t.deps.config.bodyLimitBytes) }),
    });
    await call('GET', '/api/v1/questions?limit=5', 200);
    await call('GET', '/api/v1/questions?status=bogus', 400);
    await call('GET', '/api/v1/questions?mine=true', 401);
    await call('GET', Q(draft.id), 200, { headers: analyst.auth });
    await call('GET', Q(draft.id), 404, { headers: reader.auth });
    await call('GET', Q(999_999), 404);
    await call('PATCH', Q(draft.id), 200, { headers: analyst.auth, body: { fine_print: 'Fine.' } });
    await call('PATCH', Q(draft.id), 400, { headers: analyst.auth, body: { title: 7 } });
    await call('PATCH', Q(draft.id), 403, { headers: readOnly, body: { fine_print: 'x' } });
    await call('PATCH', Q(draft.id), 404, { headers: reader.auth, body: { fine_print: 'x' } });

    await call('POST', Q(draft.id, '/submit'), 200, { headers: analyst.auth, body: '' });
    await call('POST', Q(draft.id, '/submit'), 409, { headers: analyst.auth });
    await call('PATCH', Q(draft.id), 409, { headers: analyst.auth, body: { fine_print: 'x' } });
    await call('POST', Q(draft.id, '/reject'), 403, {
      headers: analyst.auth,
      body: { note: 'Not mine to reject.' },
    });
    await call('POST', Q(draft.id, '/reject'), 200, {
      headers: moderator.auth,
      body: { note: 'Add a source.' },
    });
    await call('POST', Q(draft.id, '/submit'), 200, { headers: analyst.auth });
    await call('POST', Q(draft.id, '/approve'), 400, {
      headers: moderator.auth,
      body: { open_time: 'soon' },
    });
    await call('POST', Q(draft.id, '/approve'), 200, { headers: moderator.auth, body: times() });
    await call('POST', Q(draft.id, '/approve'), 409, { headers: moderator.auth, body: times() });
    await call('POST', Q(draft.id, '/close'), 403, { headers: analyst.auth });
    await call('POST', Q(draft.id, '/close'), 200, { headers: moderator.auth });
    await call('POST', Q(draft.id, '/close'), 409, { headers: moderator.auth });
  });

  it('options, clarifications and audit logs', async () => {
    const choice = await openQuestion({ type: 'multiple_choice' });
    const binary = await openQuestion();
    await call('POST', Q(choice.id, '/options'), 201, {
      headers: moderator.auth,
      body: { label: 'D' },
    });
    await call('POST', Q(choice.id, '/options'), 400, {
      headers: moderator.auth,
      body: { label: 'D' },
    });
    await call('POST', Q(binary.id, '/options'), 409, {
      headers: moderator.auth,
      body: { label: 'D' },
    });
    // options_history, a tuple per change, now holds two entries.
    await call('GET', Q(choice.id), 200);

    const draft = await createQuestion(t, analyst);
    const note = { body: 'Resolves on the official figure.' };
    await call('POST', Q(binary.id, '/clarifications'), 201, {
      headers: moderator.auth,
      body: note,
    });
    await call('POST', Q(draft.id, '/clarifications'), 409, {
      headers: moderator.auth,
      body: note,
    });
    await call('POST', Q(binary.id, '/clarifications'), 403, { headers: reader.auth, body: note });
    await call('GET', Q(binary.id, '/clarifications'), 200);
    await call('GET', Q(draft.id, '/clarifications'), 404);

    await call('GET', Q(binary.id, '/audit-log?limit=2'), 200);
    await call('GET', Q(draft.id, '/audit-log'), 404);
    await call('GET', '/api/v1/admin/audit-log', 200, { headers: moderator.auth });
    await call('GET', '/api/v1/admin/audit-log?cursor=nonsense', 400, { headers: moderator.auth });
    await call('GET', '/api/v1/admin/audit-log', 403, { headers: analyst.auth });
  });

  it('conditional pairs', async () => {
    const parent = await openQuestion();
    const child = await openQuestion({}, DAY);
    const pair = { parent_id: parent.id, child_id: child.id };
    await call('POST', '/api/v1/questions/conditionals', 403, { headers: reader.auth, body: pair });
    await call('POST', '/api/v1/questions/conditionals', 403, {
      headers: otherAnalyst.auth,
      body: pair,
    });
    await call('POST', '/api/v1/questions/conditionals', 404, {
      headers: analyst.auth,
      body: { parent_id: 999_999, child_id: child.id },
    });
    await call('POST', '/api/v1/questions/conditionals', 400, {
      headers: analyst.auth,
      body: { parent_id: parent.id, child_id: parent.id },
    });
    await call('POST', '/api/v1/questions/conditionals', 201, {
      headers: analyst.auth,
      body: pair,
    });
    await call('POST', '/api/v1/questions/conditionals', 409, {
      headers: analyst.auth,
      body: pair,
    });
    await call('GET', Q(child.id, '/conditionals'), 200);
    await call('GET', Q(999_999, '/conditionals'), 404);
  });

  it('resolution: propose, dispute, finalise, withdraw, annul, re-resolve, scores, queue', async () => {
    const question = await openQuestion();
    const id = question.id;
    const evidence = [{ url: 'https://example.org/result', note: 'Official result.' }];
    await call('POST', Q(id, '/forecasts'), 201, {
      headers: reader.auth,
      body: { probability_yes: 0.7 },
    });
    await call('GET', Q(id, '/resolution'), 200);
    await call('GET', Q(999_999, '/resolution'), 404);
    await call('GET', Q(id, '/scores'), 200);
    await call('GET', Q(999_999, '/scores'), 404);
    await call('POST', Q(id, '/resolution'), 401, { body: { resolution: 'yes' } });
    await call('POST', Q(id, '/resolution'), 403, {
      headers: analyst.auth,
      body: { resolution: 'yes', evidence },
    });
    await call('POST', Q(id, '/resolution'), 400, {
      headers: moderator.auth,
      body: { resolution: 'maybe', evidence },
    });
    await call('POST', Q(id, '/resolution'), 400, {
      headers: moderator.auth,
      body: { resolution: 'yes', evidence: [] },
    });
    await call('POST', Q(999_999, '/resolution'), 404, {
      headers: moderator.auth,
      body: { resolution: 'yes', evidence },
    });
    await call('POST', Q(id, '/resolution/finalize'), 409, { headers: admin.auth });
    await call('POST', Q(id, '/resolution/disputes'), 409, {
      headers: reader.auth,
      body: { reason: 'Nothing to dispute yet.' },
    });
    await call('POST', Q(id, '/resolution'), 200, {
      headers: moderator.auth,
      body: { resolution: 'yes', evidence, note: 'Announced.' },
    });
    await call('POST', Q(id, '/resolution'), 409, {
      headers: moderator.auth,
      body: { resolution: 'no', evidence },
    });
    await call('POST', Q(id, '/resolution/disputes'), 400, { headers: reader.auth, body: {} });
    await call('POST', Q(id, '/resolution/disputes'), 403, {
      headers: analyst.auth,
      body: { reason: 'I never forecast here.' },
    });
    await call('POST', Q(id, '/resolution/disputes'), 201, {
      headers: reader.auth,
      body: { reason: 'The result is provisional.' },
    });
    await call('POST', Q(id, '/resolution/disputes'), 409, {
      headers: reader.auth,
      body: { reason: 'Again.' },
    });
    await call('GET', '/api/v1/resolution-queue', 200, { headers: moderator.auth });
    await call('GET', '/api/v1/resolution-queue', 403, { headers: reader.auth });
    await call('GET', '/api/v1/resolution-queue', 401);
    await call('POST', Q(id, '/resolution/withdraw'), 403, { headers: moderator.auth });
    await call('POST', Q(id, '/resolution/withdraw'), 200, { headers: admin.auth, body: '' });
    await call('POST', Q(id, '/resolution/withdraw'), 409, { headers: admin.auth });
    await call('POST', Q(id, '/resolution'), 200, {
      headers: moderator.auth,
      body: { resolution: 'no', evidence, dispute_window_hours: 1 },
    });
    await call('POST', Q(id, '/resolution/finalize'), 403, { headers: moderator.auth });
    await call('POST', Q(id, '/resolution/finalize'), 200, { headers: admin.auth });
    await call('GET', Q(id, '/scores'), 200);
    await call('POST', Q(id, '/re-resolution'), 403, {
      headers: moderator.auth,
      body: { resolution: 'yes' },
    });
    await call('POST', Q(id, '/re-resolution'), 400, {
      headers: admin.auth,
      body: { resolution: '12' },
    });
    await call('POST', Q(id, '/re-resolution'), 200, {
      headers: admin.auth,
      body: { resolution: 'yes', note: 'Corrected.', evidence },
    });
    await call('POST', Q(id, '/annul'), 403, { headers: moderator.auth });
    await call('POST', Q(id, '/annul'), 400, { headers: admin.auth, body: { note: 7 } });
    await call('POST', Q(id, '/annul'), 200, { headers: admin.auth, body: { note: 'Void.' } });
    await call('POST', Q(id, '/annul'), 409, { headers: admin.auth, body: '' });
    await call('POST', Q(id, '/re-resolution'), 200, {
      headers: admin.auth,
      body: { resolution: 'no' },
    });
  });

  it('forecasts, the community prediction and its downloads', async () => {
    const question = await openQuestion();
    const forecasts = Q(question.id, '/forecasts');
    const mine = Q(question.id, '/forecasts/mine');
    const key = { ...reader.auth, 'idempotency-key': 'journey-1' };
    await call('POST', forecasts, 201, { headers: key, body: { probability_yes: 0.3 } });
    await call('POST', forecasts, 201, { headers: key, body: { probability_yes: 0.3 } });
    await call('POST', forecasts, 422, { headers: key, body: { probability_yes: 0.4 } });
    await call('POST', forecasts, 400, { headers: reader.auth, body: { probability_yes: 2 } });
    await call('POST', forecasts, 401, { body: { probability_yes: 'nonsense' } });
    await call('POST', forecasts, 403, { headers: readOnly, body: { probability_yes: 0.5 } });
    await call('POST', Q(999_999, '/forecasts'), 404, {
      headers: reader.auth,
      body: { probability_yes: 0.5 },
    });
    await call('POST', forecasts, 201, { headers: analyst.auth, body: { probability_yes: 0.6 } });

    await call('GET', `${mine}?limit=1`, 200, { headers: reader.auth });
    await call('GET', mine, 401);
    await call('POST', `${mine}/reaffirm`, 201, { headers: reader.auth });
    await call('POST', `${mine}/reaffirm`, 201, { headers: reader.auth, body: '' });
    await call('POST', `${mine}/reaffirm`, 201, {
      headers: reader.auth,
      body: { end_time: new Date(t.clock.now().getTime() + DAY).toISOString() },
    });
    await call('POST', `${mine}/reaffirm`, 400, { headers: reader.auth, body: { end: 1 } });
    await call('DELETE', mine, 200, { headers: reader.auth });
    await call('DELETE', mine, 404, { headers: reader.auth });
    await call('POST', `${mine}/reaffirm`, 404, { headers: reader.auth });

    await call('GET', Q(question.id, '/history?points=10'), 200);
    await call('GET', Q(question.id, '/history?method=nope'), 400);
    await call('GET', Q(question.id, '/cp'), 200);
    await call('GET', Q(question.id, '/cp?at=yesterday'), 400);
    await call('GET', Q(question.id, '/bundle'), 200);
    await call('GET', Q(question.id, '/history.csv'), 200);
    await call('GET', Q(question.id, '/forecasts.csv'), 200);
    await call('GET', Q(999_999, '/forecasts.csv'), 404);
    await call('GET', Q(question.id, '/events'), 200, { isStream: true });
    await call('GET', Q(999_999, '/events'), 404);

    const multipleChoice = await openQuestion({ type: 'multiple_choice' });
    await call('POST', Q(multipleChoice.id, '/forecasts'), 201, {
      headers: reader.auth,
      body: { probability_yes_per_category: { A: 0.5, B: 0.3, Other: 0.2 } },
    });
    await call('GET', Q(multipleChoice.id, '/bundle'), 200);
    await call('GET', Q(multipleChoice.id), 200, { headers: reader.auth });

    const hidden = await openQuestion({
      cp_reveal_time: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
    });
    for (const path of ['/history', '/cp', '/bundle', '/history.csv', '/forecasts.csv']) {
      await call('GET', Q(hidden.id, path), 403);
    }

    await call('POST', Q(question.id, '/close'), 200, { headers: moderator.auth });
    await call('POST', forecasts, 409, { headers: reader.auth, body: { probability_yes: 0.5 } });
    await call('DELETE', Q(question.id, '/forecasts/mine'), 409, { headers: analyst.auth });
    await call('POST', Q(question.id, '/forecasts/mine/reaffirm'), 409, {
      headers: analyst.auth,
    });
  });

  it('tournaments, leaderboards and track records', async () => {
    const T = (slug: string, rest = '') => `/api/v1/tournaments/${slug}${rest}`;
    const body = { slug: 'journey-cup', title: 'Journey cup', prize_pool: 50 };
    await call('POST', '/api/v1/tournaments', 401, { body });
    await call('POST', '/api/v1/tournaments', 403, { headers: moderator.auth, body });
    await call('POST', '/api/v1/tournaments', 400, { headers: admin.auth, body: { slug: 'x' } });
    await call('POST', '/api/v1/tournaments', 201, { headers: admin.auth, body });
    await call('POST', '/api/v1/tournaments', 409, { headers: admin.auth, body });
    await call('GET', '/api/v1/tournaments', 200);
    await call('PATCH', T('journey-cup'), 200, {
      headers: admin.auth,
      body: { description: 'Edited', score_type: 'spot_peer_tournament' },
    });
    await call('PATCH', T('journey-cup'), 400, { headers: admin.auth, body: {} });
    await call('PATCH', T('nope'), 404, { headers: admin.auth, body: { title: 'x' } });
    const question = await openQuestion({ title: 'Journey tournament question' });
    await call('PUT', T('journey-cup', `/questions/${question.id}`), 200, {
      headers: admin.auth,
      body: { question_weight: 2 },
    });
    await call('PUT', T('journey-cup', '/questions/999999'), 404, {
      headers: admin.auth,
      body: { question_weight: 1 },
    });
    await call('PUT', T('journey-cup', `/questions/${question.id}`), 403, {
      headers: readOnly,
      body: { question_weight: 1 },
    });
    await call('POST', Q(question.id, '/forecasts'), 201, {
      headers: reader.auth,
      body: { probability_yes: 0.7 },
    });
    t.clock.advance(60_000);
    await resolveWithScores(t, question.id, 'yes');
    await call('GET', T('journey-cup'), 200, { headers: reader.auth });
    await call('GET', T('nope'), 404);
    await call('GET', '/api/v1/leaderboards', 200, { headers: reader.auth });
    await call('GET', '/api/v1/leaderboards?score_type=baseline_global&window=last-90-days', 200);
    await call('GET', '/api/v1/leaderboards?window=never', 400);
    await call('GET', '/api/v1/leaderboards/input?tournament=journey-cup', 200);
    await call('GET', '/api/v1/leaderboards/input?tournament=nope', 404);
    await call('GET', `/api/v1/users/${reader.username}/track-record`, 200);
    await call('GET', `/api/v1/users/${reader.username}/track-record?tournament=nope`, 400);
    await call('GET', '/api/v1/users/nobody-here/track-record', 404);
    await call('GET', '/api/v1/track-record?tag=test', 200);
    await call('POST', T('journey-cup', '/finalize'), 403, { headers: reader.auth });
    await call('POST', T('journey-cup', '/finalize'), 200, { headers: admin.auth });
    await call('POST', T('journey-cup', '/finalize'), 409, { headers: admin.auth });
    await call('PATCH', T('journey-cup'), 409, { headers: admin.auth, body: { title: 'Late' } });
  });

  it('password reset and e-mail verification', async () => {
    await call('POST', '/api/v1/auth/password-reset-requests', 202, {
      body: { email: reader.email },
    });
    await call('POST', '/api/v1/auth/password-reset-requests', 400, { body: { email: '' } });
    const bad = { token: 'x'.repeat(43), password: 'a good long passphrase' };
    await call('POST', '/api/v1/auth/password-reset', 400, { body: bad });
    await call('POST', '/api/v1/auth/password-reset', 400, { body: {} });
    await call('POST', '/api/v1/auth/verify-email', 400, { body: { token: 'x'.repeat(43) } });
    await call('POST', '/api/v1/me/email-verification', 202, { headers: analyst.auth });
    await call('POST', '/api/v1/me/email-verification', 401);
    await call('POST', '/api/v1/me/email-verification', 403, { headers: readOnly });
    // A confirmed address needs no second confirmation.
    await t.deps.database.db
      .updateTable('users')
      .set({ email_verified_at: t.clock.now() })
      .where('id', '=', otherAnalyst.id)
      .execute();
    await call('POST', '/api/v1/me/email-verification', 409, { headers: otherAnalyst.auth });
  });

  it('follows, notifications and their settings', async () => {
    const question = await openQuestion();
    const follow = `/api/v1/me/follows/question/${question.id}`;
    await call('PUT', follow, 401);
    await call('PUT', follow, 403, { headers: readOnly });
    await call('PUT', follow, 200, { headers: reader.auth });
    await call('PUT', '/api/v1/me/follows/question/999999', 404, { headers: reader.auth });
    await call('PUT', '/api/v1/me/follows/planet/1', 400, { headers: reader.auth });
    await call('GET', follow, 200, { headers: readOnly });
    await call('GET', follow, 401);
    const follows = await call('GET', '/api/v1/me/follows?limit=1', 200, { headers: reader.auth });
    expect(follows.items).toHaveLength(1);
    await call('GET', '/api/v1/me/follows?cursor=nonsense', 400, { headers: reader.auth });
    await call('GET', '/api/v1/me/follows', 401);

    await call('POST', Q(question.id, '/close'), 200, { headers: moderator.auth });
    await runDueJobs(t.deps);
    const list = await call('GET', '/api/v1/me/notifications', 200, { headers: readOnly });
    // The reader follows the questions they forecast on too (closed above).
    const closed = list.items.find((item: Json) => item.question_id === question.id);
    expect(closed.kind).toBe('question_closed');
    await call('GET', '/api/v1/me/notifications?limit=0', 400, { headers: reader.auth });
    await call('GET', '/api/v1/me/notifications', 401);
    const unread = await call('GET', '/api/v1/me/notifications/unread-count', 200, {
      headers: reader.auth,
    });
    expect(unread.unread_count).toBe(list.items.length);
    await call('GET', '/api/v1/me/notifications/unread-count', 401);
    const read = `/api/v1/me/notifications/${closed.id}/read`;
    await call('POST', read, 403, { headers: readOnly });
    await call('POST', read, 404, { headers: analyst.auth });
    await call('POST', read, 204, { headers: reader.auth });
    await call('POST', read, 401);
    const all = await call('POST', '/api/v1/me/notifications/read-all', 200, {
      headers: reader.auth,
    });
    expect(all.marked).toBe(list.items.length - 1);
    await call('POST', '/api/v1/me/notifications/read-all', 401);

    const settings = '/api/v1/me/notification-settings';
    await call('GET', settings, 200, { headers: readOnly });
    await call('GET', settings, 401);
    await call('PATCH', settings, 200, {
      headers: reader.auth,
      body: { cp_move_threshold: 20, channels: { cp_moved: 'email' }, email_enabled: true },
    });
    await call('PATCH', settings, 400, { headers: reader.auth, body: { cp_move_threshold: 0 } });
    await call('PATCH', settings, 400, {
      headers: reader.auth,
      body: { channels: { no_such_kind: 'off' } },
    });
    await call('PATCH', settings, 403, { headers: readOnly, body: {} });
    await call('PATCH', settings, 401, { body: {} });
    await call('DELETE', follow, 204, { headers: reader.auth });
    await call('DELETE', follow, 401);
  });

  it('rate limits', async () => {
    // A server with a tenth of the default limits: the second login in a minute is refused.
    const limited = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '0.1' } });
    try {
      const document = await loadConformance(limited);
      const user = await createUser(limited);
      const login = { login: user.username, password: user.password };
      await call('POST', '/api/v1/auth/login', 200, { body: login }, limited, document);
      await call('POST', '/api/v1/auth/login', 429, { body: login }, limited, document);
      expect(document.mismatches).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

it('matches the document in every response, and exercises every operation', () => {
  expect(conformance.mismatches).toEqual([]);
  const operations = t.app.registeredRoutes
    .filter((route) => route.url.startsWith('/api/') && !route.isHidden && route.method !== 'HEAD')
    .map((route) => `${route.method} ${route.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
  expect(new Set(operations)).toEqual(new Set(conformance.operationKeys));
  expect(operations.filter((operation) => !conformance.exercised.has(operation))).toEqual([]);
});
