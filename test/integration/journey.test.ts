// Issue 5's journey, end to end through the public HTTP API: readers register and make tokens, an
// analyst drafts every question type and a conditional pair, a moderator rejects one and approves
// them all, readers forecast, update, withdraw and reaffirm; then the SSE stream, the bundle (run
// through the real `brier aggregate`), CP visibility, token scopes, an early close and bad inputs
// behave as a user expects. Only the staff accounts come from the users factory (the CLI's job).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cdfFor } from '../factories/forecasts.ts';
import { createUser, type TestUser } from '../factories/users.ts';
import { goldenDifferences } from '../helpers/compare-golden.ts';
import { runCliProcess } from '../helpers/run-cli-process.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { waitFor } from '../helpers/wait-for.ts';

// biome-ignore lint/suspicious/noExplicitAny: API JSON as a client sees it.
type Json = Record<string, any>;
type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Reply = { status: number; body: Json; text: string };
/** `session` is cookie + x-csrf-token, as a browser sends them; `write`/`read` are Bearer tokens. */
type Reader = { username: string; session: Headers; write: Headers; read: Headers; ids: Json };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const METHODS = ['recency_weighted', 'unweighted', 'log_odds_mean'];
const iso = (ms: number) => new Date(ms).toISOString();
const unix = (time: string | null) => (time === null ? null : Date.parse(time) / 1000);
const Q = (id: number, rest = '') => `/api/v1/questions/${id}${rest}`;
const inUnixTime = (e: Json) => ({
  ...e,
  start_time: unix(e.start_time),
  end_time: unix(e.end_time),
});

let t: TestApp;
let baseUrl: string;
let [analyst, moderator, admin]: TestUser[] = [];

/** Any request; whatever we send, the answer is never a 5xx. A string payload is sent raw. */
async function call(method: Method, url: string, headers: Headers = {}, payload?: unknown) {
  const raw = typeof payload === 'string';
  const response = await t.app.inject({
    method,
    url,
    headers: raw ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  const isJson = String(response.headers['content-type']).includes('json');
  return { status: response.statusCode, body: isJson ? response.json() : {}, text: response.body };
}

/** A request that must answer `status`; returns the JSON body. */
async function ok(method: Method, url: string, headers: Headers, payload?: unknown, status = 200) {
  const reply: Reply = await call(method, url, headers, payload);
  expect(reply.status, `${method} ${url}: ${reply.text.slice(0, 300)}`).toBe(status);
  return reply.body;
}
const get = (url: string, headers: Headers = {}) => ok('GET', url, headers);
const post = (url: string, headers: Headers, body?: unknown, status = 200) =>
  ok('POST', url, headers, body, status);

function fails(reply: Reply, status: number, code: string, path?: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.error.code).toBe(code);
  if (path) expect(reply.body.error.details.fields.map((f: Json) => f.path)).toContain(path);
}

const tick = (seconds = 5) => t.clock.advance(seconds * 1000);
const yes = (probability: number) => ({ probability_yes: probability });
const mc = (values: Json) => ({ probability_yes_per_category: values });
const forecastOn = (id: number, headers: Headers, body: unknown, extra: Headers = {}) =>
  call('POST', Q(id, '/forecasts'), { ...headers, ...extra }, body);
const forecast = (id: number, headers: Headers, body: unknown) =>
  post(Q(id, '/forecasts'), headers, body, 201);

async function registerReader(username: string): Promise<Reader> {
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email: `${username}@example.test`, username, password: `${username}-secret-pw` },
  });
  expect(registered.statusCode, registered.body).toBe(201);
  expect(registered.json().user).toMatchObject({ username, role: 'reader' });
  const cookie = registered.cookies.find((c) => c.name === 'brier_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  const cookieHeader = { cookie: `brier_session=${cookie?.value}` };
  const { csrf_token } = await get('/api/v1/auth/csrf', cookieHeader);
  const session = { ...cookieHeader, 'x-csrf-token': csrf_token };
  const write = await post('/api/v1/me/tokens', session, { name: 'cli', scopes: ['write'] }, 201);
  const read = await post('/api/v1/me/tokens', session, { name: 'dash', scopes: ['read'] }, 201);
  expect([write.scopes, read.scopes]).toEqual([['read', 'write'], ['read']]);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const ids = { write: write.id, read: read.id };
  return { username, session, write: bearer(write.token), read: bearer(read.token), ids };
}

function approvalTimes(extra: Json = {}): Json {
  const now = t.clock.now().getTime();
  const [open_time, scheduled_close_time] = [iso(now), iso(now + 30 * DAY)];
  return { open_time, scheduled_close_time, scheduled_resolve_time: iso(now + 31 * DAY), ...extra };
}

/** `brier aggregate` (a child process) on the bundle equals the stored history, per method. */
async function expectBundleReproducesHistory(id: number, viewer: Headers, names: string[]) {
  const bundle = await call('GET', Q(id, '/bundle'), viewer);
  expect(bundle.status, bundle.text).toBe(200);
  for (const name of names) expect(bundle.text).not.toContain(name);
  for (const method of METHODS) {
    const run = await runCliProcess(['aggregate', '-', '--method', method], bundle.text);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const aggregated = JSON.parse(run.stdout).history as Json[];
    const shown = await get(Q(id, `/history?points=5000&method=${method}`), viewer);
    expect(shown.entry_count).toBe(aggregated.length);
    expect(aggregated.length).toBeGreaterThan(0);
    const entries = shown.entries.map(inUnixTime);
    // Integer keys (times, counts) exactly, other numbers to 1e-9.
    expect(goldenDifferences(entries, aggregated), `question ${id}, ${method}`).toEqual([]);
  }
}

/** An SSE stream on the listening server; `cpEvents()` are the `event: cp` payloads so far. */
async function openEvents(id: number) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${Q(id, '/events')}`, { signal: abort.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  let text = '';
  const pump = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
    }
  })().catch(() => undefined);
  await waitFor(() => text.includes('subscribed'), { description: 'the stream to subscribe' });
  return {
    cpEvents: () => [...text.matchAll(/event: cp\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1])),
    async close() {
      abort.abort();
      await pump;
    },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const roles = ['analyst', 'moderator', 'admin'] as const;
  [analyst, moderator, admin] = await Promise.all(roles.map((role) => createUser(t, { role })));
});
afterAll(() => t.close());

// One story: each step builds on the previous ones.
let [alice, bob, carol]: Reader[] = [];
/** Question ids by their role in the story. */
const q: Record<string, number> = {};
const branch = { yes: 0, no: 0 };
const split = { Détente: 0.2, 'Tense coexistence': 0.5, 'Renewed Cold War': 0.3 };

it('readers register with a cookie session, a CSRF token and write and read tokens', async () => {
  [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(registerReader));
  const me = await get('/api/v1/me', alice.read);
  expect(me).toMatchObject({ username: 'alice', email: 'alice@example.test', role: 'reader' });
  const tokens = await get('/api/v1/me/tokens', alice.session);
  expect(tokens.items.map((token: Json) => token.name).sort()).toEqual(['cli', 'dash']);
  expect(JSON.stringify(tokens)).not.toMatch(/"token"/);
  const noCsrf = { cookie: alice.session.cookie };
  const forged = await call('POST', '/api/v1/me/tokens', noCsrf, { name: 'x', scopes: ['read'] });
  fails(forged, 403, 'CSRF_FAILED');
});

it('an analyst drafts every type; a moderator rejects one with a note, then approves all', async () => {
  const common = {
    resolution_criteria: 'Resolves per the official announcement.',
    sources: [{ title: 'Announcement', url: 'https://example.org/news' }],
    tags: ['us-russia'],
  };
  const options = [
    { label: 'Détente', description: 'Arms-control talks resume and sanctions ease.' },
    { label: 'Tense coexistence', description: 'Channels stay open; no major deal.' },
    { label: 'Renewed Cold War', description: 'Embassies downsized, new sanctions.' },
  ];
  const drafts: Record<string, Json> = {
    summit: { type: 'binary', title: 'Second in-person summit before 2027?' },
    scenarios: { type: 'multiple_choice', title: 'US–Russia relations next year', options },
    trust: { type: 'numeric', title: 'Share of US adults trusting the Russian president' },
    talks: { type: 'date', title: 'When will successor arms-treaty talks be announced?' },
    exchanges: { type: 'discrete', title: 'Prisoner exchanges next year' },
    sanctions: { type: 'binary', title: 'US eases a major sanction within six months?' },
  };
  Object.assign(drafts.trust, { range_min: 0, range_max: 100, unit: '%' });
  Object.assign(drafts.talks, { range_min: '2026-01-01T00:00:00Z', open_upper_bound: true });
  Object.assign(drafts.talks, { range_max: '2036-01-01T00:00:00Z' });
  Object.assign(drafts.exchanges, { range_min: 0, range_max: 6, open_upper_bound: true });
  for (const [name, body] of Object.entries(drafts)) {
    const created = await post('/api/v1/questions', analyst.auth, { ...common, ...body }, 201);
    expect(created).toMatchObject({ status: 'draft', title: body.title, type: body.type });
    q[name] = created.id;
  }
  expect((await get(Q(q.scenarios), analyst.auth)).options).toEqual(options);
  fails(await call('GET', Q(q.summit), alice.read), 404, 'NOT_FOUND');
  for (const id of Object.values(q)) await post(Q(id, '/submit'), analyst.auth);

  const note = 'Name the poll and the exact wording of its question.';
  const rejected = await post(Q(q.trust, '/reject'), moderator.auth, { note });
  expect(rejected).toMatchObject({ status: 'draft', review_note: note });
  const fixed = 'Resolves per the next Pew Research Center survey asking about confidence.';
  await ok('PATCH', Q(q.trust), analyst.auth, { resolution_criteria: fixed });
  const resubmitted = await post(Q(q.trust, '/submit'), analyst.auth);
  expect(resubmitted).toMatchObject({ status: 'in_review', resolution_criteria: fixed });

  const revealLater = { cp_reveal_time: iso(t.clock.now().getTime() + HOUR) };
  for (const [name, id] of Object.entries(q)) {
    const times = approvalTimes(name === 'talks' ? revealLater : {});
    expect((await post(Q(id, '/approve'), moderator.auth, times)).status).toBe('open');
  }
  const pair = { parent_id: q.summit, child_id: q.sanctions };
  const { branches } = await post('/api/v1/questions/conditionals', analyst.auth, pair, 201);
  expect(branches.map((b: Json) => `${b.condition_outcome}: ${b.status}`)).toEqual([
    'yes: open',
    'no: open',
  ]);
  [branch.yes, branch.no] = branches.map((b: Json) => b.id);
  const open = await get('/api/v1/questions?status=open&tag=us-russia&limit=100');
  expect(open.items).toHaveLength(Object.keys(q).length + 2);
});

it('readers forecast on every type, update, withdraw, reaffirm and retry safely', async () => {
  // Binary: three forecasts (one from the browser session), an update, a withdrawal, a reaffirm.
  const first = await forecast(q.summit, alice.write, yes(0.3));
  expect(first.forecast.probability_yes).toBe(0.3);
  expect(first.community_prediction.forecaster_count).toBe(1);
  tick();
  await forecast(q.summit, bob.write, yes(0.6));
  const browser = await forecast(q.summit, carol.session, yes(0.8));
  expect(browser.community_prediction.forecaster_count).toBe(3);
  tick();
  const updated = await forecast(q.summit, alice.write, yes(0.45));
  expect(updated.community_prediction.forecaster_count).toBe(3);
  tick();
  // Bob withdraws and his client retries (a lost response): the same answer, nothing twice.
  const mine = Q(q.summit, '/forecasts/mine');
  const withdrawOnce = { ...bob.write, 'idempotency-key': 'bob-withdraw-summit' };
  const withdrawn = await ok('DELETE', mine, withdrawOnce);
  expect(withdrawn.community_prediction.forecaster_count).toBe(2);
  tick(1);
  expect(await ok('DELETE', mine, withdrawOnce)).toEqual(withdrawn);
  expect((await get(Q(q.summit), bob.read)).my_forecast).toBeNull();
  fails(await call('DELETE', mine, bob.write), 404, 'NOT_FOUND');
  tick();
  const reaffirmed = await post(`${mine}/reaffirm`, alice.write, {}, 201);
  expect(reaffirmed.forecast.probability_yes).toBe(0.45);
  expect(Date.parse(reaffirmed.forecast.start_time)).toBe(t.clock.now().getTime());
  const aliceHistory = (await get(mine, alice.read)).items.map((f: Json) => f.probability_yes);
  expect(aliceHistory).toEqual([0.45, 0.45, 0.3]);

  // Scenario set: exact sums, a near-sum with normalize, and an Idempotency-Key retry.
  await forecast(q.scenarios, alice.write, mc(split));
  const near = { Détente: 0.1, 'Tense coexistence': 0.6, 'Renewed Cold War': 0.4 };
  const normalized = await forecast(q.scenarios, bob.write, { ...mc(near), normalize: true });
  expect(normalized.forecast.probability_yes_per_category.Détente).toBeCloseTo(0.1 / 1.1, 9);
  tick();
  const key = { 'idempotency-key': 'carol-scenarios-0001' };
  const body = mc({ ...split, Détente: 0.4, 'Renewed Cold War': 0.1 });
  const once = await forecastOn(q.scenarios, carol.write, body, key);
  tick();
  const retry = await forecastOn(q.scenarios, carol.write, body, key);
  expect([once.status, retry.status]).toEqual([201, 201]);
  expect(retry.body).toEqual(once.body);
  expect(once.body.community_prediction.options).toEqual(Object.keys(split));
  expect((await get(Q(q.scenarios, '/forecasts/mine'), carol.read)).items).toHaveLength(1);
  const reuse = await forecastOn(q.scenarios, carol.write, mc(split), key);
  fails(reuse, 422, 'IDEMPOTENCY_KEY_REUSED');
  // Three readers press "forecast" at the same moment: all land, the CP counts each once.
  tick();
  const together = await Promise.all(
    [alice, bob, carol].map((reader, i) => {
      const values = { ...split, Détente: 0.1 + i / 10, 'Renewed Cold War': 0.4 - i / 10 };
      return forecastOn(q.scenarios, reader.write, mc(values));
    }),
  );
  expect(together.map((reply) => reply.status)).toEqual([201, 201, 201]);
  expect((await get(Q(q.scenarios))).community_prediction.forecaster_count).toBe(3);

  // Continuous: a raw CDF from one reader, logistic components (server-built CDF) from another.
  for (const name of ['trust', 'talks', 'exchanges']) {
    const question = await get(Q(q[name]), alice.read);
    const n = question.inbound_outcome_count;
    const bounds = { openLower: question.open_lower_bound, openUpper: question.open_upper_bound };
    const cdf = cdfFor({ n, center: 0.3, ...bounds });
    const raw = await forecast(q[name], alice.write, { continuous_cdf: cdf });
    expect(raw.forecast.continuous_cdf).toEqual(cdf);
    const { range_min: low, range_max: high } = question.scaling;
    const [early, late] =
      name === 'talks' ? ['2029-06-01T00:00:00Z', 1_956_528_000] : [low + 2, high - 1];
    const components = [
      { center: early, scale: 0.1, weight: 2 },
      { center: late, scale: 0.15, weight: 1 },
    ];
    const built = await forecast(q[name], bob.write, { components });
    const values: number[] = built.forecast.continuous_cdf;
    expect(values).toHaveLength(n + 1);
    expect(values.every((value, i) => i === 0 || value > values[i - 1])).toBe(true);
    if (name === 'talks') expect(built.community_prediction).toBeNull();
    else expect(built.community_prediction.scaled_quartiles).toHaveLength(3);
    tick();
  }

  // Conditional pair: P(sanctions | summit) per branch; the implied marginal sits beside it.
  await forecast(branch.yes, alice.write, yes(0.7));
  await forecast(branch.no, alice.write, yes(0.1));
  await forecast(branch.yes, bob.write, yes(0.5));
  tick();
  await forecast(q.sanctions, carol.write, yes(0.6));
  await forecast(q.sanctions, bob.write, yes(0.2));
  const conditionals = await get(Q(q.sanctions, '/conditionals'));
  const [item] = conditionals.items;
  expect(item.parent.id).toBe(q.summit);
  const terms = item.branches.map((b: Json) => b.child_probability * b.parent_probability);
  const implied = terms.reduce((sum: number, term: number) => sum + term, 0);
  expect(item.implied_marginal).toBeCloseTo(implied, 12);
  const gap = Math.abs(implied - conditionals.child_probability);
  expect(conditionals.is_incoherent).toBe(gap > 0.1);
});

it('an SSE stream on a real server delivers `event: cp` after a forecast', async () => {
  const stream = await openEvents(q.summit);
  try {
    tick();
    const response = await fetch(`${baseUrl}${Q(q.summit, '/forecasts')}`, {
      method: 'POST',
      headers: { ...bob.write, 'content-type': 'application/json' },
      body: JSON.stringify(yes(0.55)),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Json;
    const [event] = await waitFor(() => stream.cpEvents().length > 0 && stream.cpEvents());
    expect(event).toMatchObject({ question_id: q.summit, hidden: false });
    expect(event.entry).toEqual(created.community_prediction);
    expect(event.entry.forecaster_count).toBe(3);
  } finally {
    await stream.close();
  }
});

it('the CP stays hidden before its reveal time, except from admins', async () => {
  const asReader = await get(Q(q.talks), alice.read);
  expect(asReader.community_prediction).toBeNull();
  expect(asReader.my_forecast.continuous_cdf).toHaveLength(asReader.inbound_outcome_count + 1);
  const history = await call('GET', Q(q.talks, '/history'), alice.read);
  fails(history, 403, 'CP_HIDDEN');
  expect(history.body.error.details.reason).toBe('before_reveal');
  fails(await call('GET', Q(q.talks, '/bundle')), 403, 'CP_HIDDEN');
  const asAdmin = await get(Q(q.talks), admin.auth);
  expect(asAdmin.community_prediction.forecaster_count).toBe(2);
  await get(Q(q.talks, '/history'), admin.auth);
});

it('a read-only token reads but cannot forecast; token ids are private', async () => {
  await get(Q(q.summit, '/forecasts/mine'), alice.read);
  fails(await forecastOn(q.summit, alice.read, yes(0.5)), 403, 'FORBIDDEN');
  fails(await call('DELETE', Q(q.summit, '/forecasts/mine'), alice.read), 403, 'FORBIDDEN');
  // Bob cannot revoke Alice's token, even knowing its id; Alice can.
  const stolen = await call('DELETE', `/api/v1/me/tokens/${alice.ids.write}`, bob.session);
  fails(stolen, 404, 'NOT_FOUND');
  await get('/api/v1/me', alice.write);
  await ok('DELETE', `/api/v1/me/tokens/${alice.ids.read}`, alice.session, undefined, 204);
  fails(await call('GET', '/api/v1/me', alice.read), 401, 'UNAUTHENTICATED');
});

it('a moderator closes a question early; forecasting on it then answers 409', async () => {
  tick();
  const closed = await post(Q(q.exchanges, '/close'), moderator.auth);
  expect(closed.status).toBe('closed');
  expect(Date.parse(closed.actual_close_time)).toBe(t.clock.now().getTime());
  tick();
  const n = closed.inbound_outcome_count;
  const late = await forecastOn(q.exchanges, carol.write, { continuous_cdf: cdfFor({ n }) });
  fails(late, 409, 'QUESTION_NOT_OPEN');
  const withdrawal = await call('DELETE', Q(q.exchanges, '/forecasts/mine'), bob.write);
  fails(withdrawal, 409, 'QUESTION_NOT_OPEN');
});

it('every bundle, run through `brier aggregate`, reproduces the displayed history', async () => {
  const names = [alice.username, bob.username, carol.username];
  for (const id of [
    q.summit,
    q.scenarios,
    q.trust,
    q.exchanges,
    q.sanctions,
    ...Object.values(branch),
  ]) {
    await expectBundleReproducesHistory(id, {}, names);
  }
  await expectBundleReproducesHistory(q.talks, admin.auth, names);
  t.clock.advance(HOUR);
  const revealed = await get(Q(q.talks), carol.read);
  expect(revealed.community_prediction.forecaster_count).toBe(2);
});

it('bad input gets a 4xx with a code, never a 5xx', async () => {
  const url = Q(q.summit, '/forecasts');
  fails(await call('POST', url, carol.write, '{"probability_yes": 0.'), 400, 'INVALID_JSON');
  const wrongType = await forecastOn(q.summit, carol.write, { probability_yes: '0.5' });
  fails(wrongType, 400, 'VALIDATION_FAILED', '/probability_yes');
  const tooSure = await forecastOn(q.summit, carol.write, yes(1));
  fails(tooSure, 400, 'VALIDATION_FAILED', '/probability_yes');
  const leapSecond = { probability_yes: 0.5, end_time: '2099-12-31T23:59:60Z' };
  const leap = await forecastOn(q.summit, carol.write, leapSecond);
  fails(leap, 400, 'VALIDATION_FAILED', '/end_time');
  const offSum = { ...split, Détente: 0.5 };
  const offSumReply = await forecastOn(q.scenarios, carol.write, mc(offSum));
  fails(offSumReply, 400, 'VALIDATION_FAILED', '/probability_yes_per_category');
  const decreasing = cdfFor({ n: 200 });
  decreasing[100] = decreasing[98];
  const cdf = await forecastOn(q.trust, carol.write, { continuous_cdf: decreasing });
  fails(cdf, 400, 'VALIDATION_FAILED', '/continuous_cdf/100');
  fails(await forecastOn(987_654, carol.write, yes(0.5)), 404, 'NOT_FOUND');
  fails(await call('GET', '/api/v1/questions/not-a-number'), 400, 'VALIDATION_FAILED');
  const numberTitle = { type: 'binary', title: 7 };
  const noTitle = await call('POST', '/api/v1/questions', analyst.auth, numberTitle);
  fails(noTitle, 400, 'VALIDATION_FAILED', '/title');

  // Hostile text is stored and returned literally in JSON, and escaped in HTML.
  const title = `Robert'); DROP TABLE questions;-- <script>alert("x")</script> & co`;
  const criteria = `<img src=x onerror=alert(1)> '; SELECT pg_sleep(10);--`;
  const draft = { type: 'binary', title, resolution_criteria: criteria };
  const { id } = await post('/api/v1/questions', analyst.auth, draft, 201);
  await post(Q(id, '/submit'), analyst.auth);
  await post(Q(id, '/approve'), moderator.auth, approvalTimes());
  expect(await get(Q(id))).toMatchObject({ title, resolution_criteria: criteria });
  const search = await get(`/api/v1/questions?q=${encodeURIComponent("'); DROP")}`);
  expect(search.items.map((item: Json) => item.title)).toEqual([title]);
  const home = await call('GET', '/');
  expect(home.text).not.toContain('<script>alert');
  // Escaped as preact-render-to-string does in text: `<`, `&` and `"` (a `>` is harmless there).
  expect(home.text).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; co');
  expect((await get(Q(q.summit))).title).toContain('summit');
});
