// Issue 5's journey, end to end through the public HTTP API: readers register and make tokens, an
// analyst drafts every question type and a conditional pair, a moderator rejects one and approves
// them all, readers forecast, update, withdraw and reaffirm; then the SSE stream, the bundle (run
// through the real `brier aggregate`), CP visibility, token scopes, an early close and bad inputs
// behave as a user expects. Only the staff accounts come from the users factory (the CLI's job).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
interface Reply {
  status: number;
  body: Json;
  text: string;
}
interface Reader {
  username: string;
  /** Cookie + x-csrf-token, as a browser sends them. */
  session: Headers;
  write: Headers;
  read: Headers;
  tokenIds: { write: number; read: number };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const unix = (time: string | null) => (time === null ? null : Date.parse(time) / 1000);

let t: TestApp;
let baseUrl: string;
let analyst: TestUser;
let moderator: TestUser;
let admin: TestUser;

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
  let body: Json = {};
  if (String(response.headers['content-type']).includes('json')) body = response.json();
  return { status: response.statusCode, body, text: response.body } satisfies Reply;
}

/** A request that must succeed with `status`; returns the JSON body. */
async function ok(method: Method, url: string, headers: Headers, payload?: unknown, status = 200) {
  const reply = await call(method, url, headers, payload);
  expect(reply.status, `${method} ${url}: ${reply.text.slice(0, 300)}`).toBe(status);
  return reply.body;
}

function expectError(reply: Reply, status: number, code: string, path?: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.error.code).toBe(code);
  if (path) expect(reply.body.error.details.fields.map((f: Json) => f.path)).toContain(path);
}

const tick = (seconds = 5) => t.clock.advance(seconds * 1000);
const forecastOn = (id: number, headers: Headers, body: unknown, extra: Headers = {}) =>
  call('POST', `/api/v1/questions/${id}/forecasts`, { ...headers, ...extra }, body);
const forecasted = async (id: number, headers: Headers, body: unknown) => {
  const reply = await forecastOn(id, headers, body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
};

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
  const { csrf_token } = await ok('GET', '/api/v1/auth/csrf', cookieHeader);
  const session = { ...cookieHeader, 'x-csrf-token': csrf_token };
  const tokens = '/api/v1/me/tokens';
  const write = await ok('POST', tokens, session, { name: 'cli', scopes: ['read', 'write'] }, 201);
  const read = await ok('POST', tokens, session, { name: 'dashboard', scopes: ['read'] }, 201);
  return {
    username,
    session,
    write: { authorization: `Bearer ${write.token}` },
    read: { authorization: `Bearer ${read.token}` },
    tokenIds: { write: write.id, read: read.id },
  };
}

function approvalTimes(extra: Json = {}): Json {
  const now = t.clock.now().getTime();
  return {
    open_time: iso(now),
    scheduled_close_time: iso(now + 30 * DAY),
    scheduled_resolve_time: iso(now + 31 * DAY),
    ...extra,
  };
}

/** `brier aggregate` (a child process) on the bundle equals the stored history, seen by `viewer`. */
async function expectBundleReproducesHistory(id: number, viewer: Headers, hidden: string[]) {
  const bundle = await call('GET', `/api/v1/questions/${id}/bundle`, viewer);
  expect(bundle.status, bundle.text).toBe(200);
  for (const name of hidden) expect(bundle.text).not.toContain(name);
  for (const method of ['recency_weighted', 'unweighted', 'log_odds_mean']) {
    const run = await runCliProcess(['aggregate', '-', '--method', method], bundle.text);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const aggregated = JSON.parse(run.stdout).history as Json[];
    const url = `/api/v1/questions/${id}/history?points=5000&method=${method}`;
    const shown = await ok('GET', url, viewer);
    expect(shown.entry_count).toBe(aggregated.length);
    expect(aggregated.length).toBeGreaterThan(0);
    const entries = shown.entries.map((entry: Json) => ({
      ...entry,
      start_time: unix(entry.start_time),
      end_time: unix(entry.end_time),
    }));
    expect(goldenDifferences(entries, aggregated), `question ${id}, ${method}`).toEqual([]);
  }
}

/** An SSE stream on the listening server; `cpEvents()` are the parsed `event: cp` payloads. */
async function openEvents(id: number) {
  const response = await fetch(`${baseUrl}/api/v1/questions/${id}/events`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      text += decoder.decode(chunk.value, { stream: true });
    }
  })();
  await waitFor(() => text.includes('subscribed'), { description: 'the stream to subscribe' });
  return {
    cpEvents: () => [...text.matchAll(/event: cp\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1])),
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  analyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
});
afterAll(() => t.close());

describe('the Brier journey', () => {
  let alice: Reader;
  let bob: Reader;
  let carol: Reader;
  /** Question ids by role in the story. */
  const q: Record<string, number> = {};
  const branch: { yes: number; no: number } = { yes: 0, no: 0 };

  it('readers register with a cookie session, a CSRF token and write and read tokens', async () => {
    alice = await registerReader('alice');
    bob = await registerReader('bob');
    carol = await registerReader('carol');
    const me = await ok('GET', '/api/v1/me', alice.read);
    expect(me).toMatchObject({ username: 'alice', email: 'alice@example.test', role: 'reader' });
    const tokens = await ok('GET', '/api/v1/me/tokens', alice.session);
    expect(tokens.items.map((token: Json) => token.name).sort()).toEqual(['cli', 'dashboard']);
    expect(JSON.stringify(tokens)).not.toMatch(/"token"/);
    // A cookie-authenticated write without the CSRF header is refused.
    const { cookie } = alice.session;
    const noCsrf = await call('POST', '/api/v1/me/tokens', { cookie }, { name: 'x', scopes: ['read'] });
    expectError(noCsrf, 403, 'CSRF_FAILED');
  });

  it('an analyst drafts every type; a moderator rejects one with a note, then approves all', async () => {
    const common = {
      resolution_criteria: 'Resolves per the official announcement.',
      sources: [{ title: 'Announcement', url: 'https://example.org/news' }],
      tags: ['us-russia'],
    };
    const drafts: Record<string, Json> = {
      summit: { type: 'binary', title: 'Second in-person summit before 2027?' },
      scenarios: {
        type: 'multiple_choice',
        title: 'US–Russia relations at the end of next year',
        options: [
          { label: 'Détente', description: 'Arms-control talks resume and sanctions ease.' },
          { label: 'Tense coexistence', description: 'Channels stay open; no major deal.' },
          { label: 'Renewed Cold War', description: 'Embassies downsized, new sanctions.' },
        ],
      },
      trust: { type: 'numeric', title: 'Share of US adults trusting the Russian president' },
      talks: {
        type: 'date',
        title: 'When will successor arms-treaty talks be announced?',
        range_min: '2026-01-01T00:00:00Z',
        range_max: '2036-01-01T00:00:00Z',
        open_upper_bound: true,
      },
      exchanges: { type: 'discrete', title: 'Prisoner exchanges next year', range_min: 0 },
      sanctions: { type: 'binary', title: 'US eases a major sanction within six months?' },
    };
    Object.assign(drafts.trust, { range_min: 0, range_max: 100, unit: '%' });
    Object.assign(drafts.exchanges, { range_max: 6, open_upper_bound: true });
    for (const [name, body] of Object.entries(drafts)) {
      const created = await ok('POST', '/api/v1/questions', analyst.auth, { ...common, ...body }, 201);
      expect(created).toMatchObject({ status: 'draft', title: body.title, type: body.type });
      q[name] = created.id;
    }
    const scenarios = await ok('GET', `/api/v1/questions/${q.scenarios}`, analyst.auth);
    expect(scenarios.options[2]).toEqual(drafts.scenarios.options[2]);
    expectError(await call('GET', `/api/v1/questions/${q.summit}`, alice.read), 404, 'NOT_FOUND');
    for (const id of Object.values(q)) {
      await ok('POST', `/api/v1/questions/${id}/submit`, analyst.auth);
    }

    const note = 'Name the poll and the exact wording of its question.';
    const rejected = await ok('POST', `/api/v1/questions/${q.trust}/reject`, moderator.auth, {
      note,
    });
    expect(rejected).toMatchObject({ status: 'draft', review_note: note });
    const fixed = 'Resolves per the next Pew Research Center survey asking about confidence.';
    await ok('PATCH', `/api/v1/questions/${q.trust}`, analyst.auth, { resolution_criteria: fixed });
    const resubmitted = await ok('POST', `/api/v1/questions/${q.trust}/submit`, analyst.auth);
    expect(resubmitted).toMatchObject({ status: 'in_review', resolution_criteria: fixed });

    for (const [name, id] of Object.entries(q)) {
      const reveal = name === 'talks' ? { cp_reveal_time: iso(t.clock.now().getTime() + HOUR) } : {};
      const approved = await ok('POST', `/api/v1/questions/${id}/approve`, moderator.auth, approvalTimes(reveal));
      expect(approved.status).toBe('open');
    }
    const pair = await ok('POST', '/api/v1/questions/conditionals', analyst.auth, {
      parent_id: q.summit,
      child_id: q.sanctions,
    }, 201);
    expect(pair.branches.map((b: Json) => [b.condition_outcome, b.status])).toEqual([
      ['yes', 'open'],
      ['no', 'open'],
    ]);
    [branch.yes, branch.no] = pair.branches.map((b: Json) => b.id);
    const open = await ok('GET', '/api/v1/questions?status=open&tag=us-russia&limit=100', {});
    expect(open.items.map((item: Json) => item.id)).toEqual(
      expect.arrayContaining([...Object.values(q), branch.yes, branch.no]),
    );
  });

  it('readers forecast on every type, update, withdraw, reaffirm and retry safely', async () => {
    // Binary: three forecasts (one from the browser session), an update, a withdrawal, a reaffirm.
    const first = await forecasted(q.summit, alice.write, { probability_yes: 0.3 });
    expect(first.forecast.probability_yes).toBe(0.3);
    expect(first.community_prediction.forecaster_count).toBe(1);
    tick();
    await forecasted(q.summit, bob.write, { probability_yes: 0.6 });
    const browser = await forecasted(q.summit, carol.session, { probability_yes: 0.8 });
    expect(browser.community_prediction.forecaster_count).toBe(3);
    tick();
    const updated = await forecasted(q.summit, alice.write, { probability_yes: 0.45 });
    expect(updated.community_prediction.forecaster_count).toBe(3);
    tick();
    const withdrawn = await ok('DELETE', `/api/v1/questions/${q.summit}/forecasts/mine`, bob.write);
    expect(withdrawn.community_prediction.forecaster_count).toBe(2);
    expect((await ok('GET', `/api/v1/questions/${q.summit}`, bob.read)).my_forecast).toBeNull();
    const again = await call('DELETE', `/api/v1/questions/${q.summit}/forecasts/mine`, bob.write);
    expectError(again, 404, 'NOT_FOUND');
    tick();
    const reaffirmed = await ok('POST', `/api/v1/questions/${q.summit}/forecasts/mine/reaffirm`, alice.write, {}, 201);
    expect(reaffirmed.forecast.probability_yes).toBe(0.45);
    expect(Date.parse(reaffirmed.forecast.start_time)).toBe(t.clock.now().getTime());
    const mine = await ok('GET', `/api/v1/questions/${q.summit}/forecasts/mine`, alice.read);
    expect(mine.items.map((f: Json) => f.probability_yes)).toEqual([0.45, 0.45, 0.3]);

    // Scenario set: exact sums, a near-sum with normalize, and an Idempotency-Key retry.
    const split = { Détente: 0.2, 'Tense coexistence': 0.5, 'Renewed Cold War': 0.3 };
    await forecasted(q.scenarios, alice.write, { probability_yes_per_category: split });
    const near = { Détente: 0.1, 'Tense coexistence': 0.6, 'Renewed Cold War': 0.4 };
    const normalized = await forecasted(q.scenarios, bob.write, {
      probability_yes_per_category: near,
      normalize: true,
    });
    expect(normalized.forecast.probability_yes_per_category.Détente).toBeCloseTo(0.1 / 1.1, 9);
    tick();
    const key = { 'idempotency-key': 'carol-scenarios-0001' };
    const body = { probability_yes_per_category: { ...split, Détente: 0.4, 'Renewed Cold War': 0.1 } };
    const once = await forecastOn(q.scenarios, carol.write, body, key);
    tick();
    const retry = await forecastOn(q.scenarios, carol.write, body, key);
    expect([once.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(once.body);
    expect(once.body.community_prediction.options).toEqual(Object.keys(split));
    const carolMine = await ok('GET', `/api/v1/questions/${q.scenarios}/forecasts/mine`, carol.read);
    expect(carolMine.items).toHaveLength(1);
    const reused = await forecastOn(q.scenarios, carol.write, { probability_yes_per_category: split }, key);
    expectError(reused, 422, 'IDEMPOTENCY_KEY_REUSED');

    // Continuous: a raw CDF from one reader, logistic components from another.
    for (const name of ['trust', 'talks', 'exchanges']) {
      const question = await ok('GET', `/api/v1/questions/${q[name]}`, alice.read);
      const n = question.inbound_outcome_count;
      const bounds = { openLower: question.open_lower_bound, openUpper: question.open_upper_bound };
      const raw = await forecasted(q[name], alice.write, { continuous_cdf: cdfFor({ n, center: 0.3, ...bounds }) });
      expect(raw.forecast.continuous_cdf).toHaveLength(n + 1);
      const center = name === 'talks' ? '2029-06-01T00:00:00Z' : question.scaling.range_min + 2;
      const built = await forecasted(q[name], bob.write, {
        components: [
          { center, scale: 0.1, weight: 2 },
          { center: name === 'talks' ? '2033-01-01T00:00:00Z' : question.scaling.range_max - 1, scale: 0.15, weight: 1 },
        ],
      });
      const cdf: number[] = built.forecast.continuous_cdf;
      expect(cdf).toHaveLength(n + 1);
      expect(cdf.every((value, i) => i === 0 || value > cdf[i - 1])).toBe(true);
      if (name === 'talks') expect(built.community_prediction).toBeNull();
      else expect(built.community_prediction.scaled_quartiles).toHaveLength(3);
      tick();
    }

    // Conditional pair: P(sanctions | summit) per branch; the implied marginal sits beside it.
    await forecasted(branch.yes, alice.write, { probability_yes: 0.7 });
    await forecasted(branch.no, alice.write, { probability_yes: 0.1 });
    await forecasted(branch.yes, bob.write, { probability_yes: 0.5 });
    tick();
    await forecasted(q.sanctions, carol.write, { probability_yes: 0.6 });
    const conditionals = await ok('GET', `/api/v1/questions/${q.sanctions}/conditionals`, {});
    const [item] = conditionals.items;
    expect(item.parent.id).toBe(q.summit);
    const implied = item.branches.reduce(
      (sum: number, b: Json) => sum + b.child_probability * b.parent_probability,
      0,
    );
    expect(item.implied_marginal).toBeCloseTo(implied, 12);
    expect(conditionals.is_incoherent).toBe(Math.abs(implied - 0.6) > 0.1);
  });

  it('an SSE stream on a real server delivers `event: cp` after a forecast', async () => {
    const stream = await openEvents(q.summit);
    try {
      tick();
      const response = await fetch(`${baseUrl}/api/v1/questions/${q.summit}/forecasts`, {
        method: 'POST',
        headers: { ...bob.write, 'content-type': 'application/json' },
        body: JSON.stringify({ probability_yes: 0.55 }),
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
    const asReader = await ok('GET', `/api/v1/questions/${q.talks}`, alice.read);
    expect(asReader.community_prediction).toBeNull();
    expect(asReader.my_forecast.continuous_cdf).toHaveLength(asReader.inbound_outcome_count + 1);
    const history = await call('GET', `/api/v1/questions/${q.talks}/history`, alice.read);
    expectError(history, 403, 'CP_HIDDEN');
    expect(history.body.error.details.reason).toBe('before_reveal');
    expectError(await call('GET', `/api/v1/questions/${q.talks}/bundle`, {}), 403, 'CP_HIDDEN');
    const asAdmin = await ok('GET', `/api/v1/questions/${q.talks}`, admin.auth);
    expect(asAdmin.community_prediction.forecaster_count).toBe(2);
    await ok('GET', `/api/v1/questions/${q.talks}/history`, admin.auth);
  });

  it('a read-only token reads but cannot forecast; token ids are private', async () => {
    await ok('GET', `/api/v1/questions/${q.summit}/forecasts/mine`, alice.read);
    const refused = await forecastOn(q.summit, alice.read, { probability_yes: 0.5 });
    expectError(refused, 403, 'FORBIDDEN');
    const withdrawal = await call('DELETE', `/api/v1/questions/${q.summit}/forecasts/mine`, alice.read);
    expectError(withdrawal, 403, 'FORBIDDEN');
    // Bob cannot revoke Alice's token, even knowing its id; Alice can.
    const stolen = await call('DELETE', `/api/v1/me/tokens/${alice.tokenIds.write}`, bob.session);
    expectError(stolen, 404, 'NOT_FOUND');
    await ok('GET', '/api/v1/me', alice.write);
    await ok('DELETE', `/api/v1/me/tokens/${alice.tokenIds.read}`, alice.session, undefined, 204);
    expectError(await call('GET', '/api/v1/me', alice.read), 401, 'UNAUTHENTICATED');
  });

  it('a moderator closes a question early; forecasting on it then answers 409', async () => {
    tick();
    const closed = await ok('POST', `/api/v1/questions/${q.exchanges}/close`, moderator.auth);
    expect(closed.status).toBe('closed');
    expect(Date.parse(closed.actual_close_time)).toBe(t.clock.now().getTime());
    tick();
    const late = await forecastOn(q.exchanges, carol.write, { continuous_cdf: cdfFor({ n: 7 }) });
    expectError(late, 409, 'QUESTION_NOT_OPEN');
  });

  it('every bundle, run through `brier aggregate`, reproduces the displayed history', async () => {
    const names = [alice.username, bob.username, carol.username];
    for (const id of [q.summit, q.scenarios, q.trust, q.exchanges, branch.yes, q.sanctions]) {
      await expectBundleReproducesHistory(id, {}, names);
    }
    await expectBundleReproducesHistory(q.talks, admin.auth, names);
    t.clock.advance(HOUR);
    const revealed = await ok('GET', `/api/v1/questions/${q.talks}`, carol.read);
    expect(revealed.community_prediction.forecaster_count).toBe(2);
  });

  it('bad input gets a 4xx with a code, never a 5xx', async () => {
    const url = `/api/v1/questions/${q.summit}/forecasts`;
    expectError(await call('POST', url, carol.write, '{"probability_yes": 0.'), 400, 'INVALID_JSON');
    const wrongType = await forecastOn(q.summit, carol.write, { probability_yes: '0.5' });
    expectError(wrongType, 400, 'VALIDATION_FAILED', '/probability_yes');
    const tooSure = await forecastOn(q.summit, carol.write, { probability_yes: 1 });
    expectError(tooSure, 400, 'VALIDATION_FAILED', '/probability_yes');
    const offSum = { Détente: 0.5, 'Tense coexistence': 0.5, 'Renewed Cold War': 0.3 };
    const mc = await forecastOn(q.scenarios, carol.write, { probability_yes_per_category: offSum });
    expectError(mc, 400, 'VALIDATION_FAILED');
    const decreasing = cdfFor({ n: 200 });
    decreasing[100] = decreasing[98];
    const cdf = await forecastOn(q.trust, carol.write, { continuous_cdf: decreasing });
    expectError(cdf, 400, 'VALIDATION_FAILED', '/continuous_cdf/100');
    const missing = await forecastOn(987_654, carol.write, { probability_yes: 0.5 });
    expectError(missing, 404, 'NOT_FOUND');
    expectError(await call('GET', '/api/v1/questions/not-a-number', {}), 400, 'VALIDATION_FAILED');
    const noTitle = await call('POST', '/api/v1/questions', analyst.auth, { type: 'binary', title: 7 });
    expectError(noTitle, 400, 'VALIDATION_FAILED', '/title');

    // Hostile text is stored and returned literally in JSON, and escaped in HTML.
    const title = `Robert'); DROP TABLE questions;-- <script>alert("x")</script> & co`;
    const criteria = `<img src=x onerror=alert(1)> '; SELECT pg_sleep(10);--`;
    const created = await ok('POST', '/api/v1/questions', analyst.auth, {
      type: 'binary',
      title,
      resolution_criteria: criteria,
    }, 201);
    await ok('POST', `/api/v1/questions/${created.id}/submit`, analyst.auth);
    await ok('POST', `/api/v1/questions/${created.id}/approve`, moderator.auth, approvalTimes());
    const stored = await ok('GET', `/api/v1/questions/${created.id}`, {});
    expect(stored).toMatchObject({ title, resolution_criteria: criteria });
    const search = await ok('GET', `/api/v1/questions?q=${encodeURIComponent("'); DROP")}`, {});
    expect(search.items.map((item: Json) => item.title)).toEqual([title]);
    const home = await call('GET', '/', {});
    expect(home.text).not.toContain('<script>alert');
    expect(home.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect((await ok('GET', `/api/v1/questions/${q.summit}`, {})).title).toContain('summit');
  });
});
