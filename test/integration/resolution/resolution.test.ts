// The resolution workflow through the API: propose with evidence → dispute → finalise; propose →
// the job finalises at the end of the window; withdraw; annul; re-resolve; conditional branches.
// After every transition: a question has scores iff it is resolved with a scorable outcome, and
// every stored score equals `scoreBundle` on the question's exported bundle (to 1e-9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCpHistory } from '../../../src/core/aggregation/cp-history.ts';
import { parseBundle } from '../../../src/core/bundle/parse-bundle.ts';
import { scoreBundle } from '../../../src/core/scoring/score-bundle.ts';
import type { ScoreValue } from '../../../src/core/types.ts';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import { cdfFor, forecast } from '../../factories/forecasts.ts';
import { approveDraft, createOpenQuestion, createQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let analyst: TestUser;
let moderator: TestUser;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let outsider: TestUser;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EVIDENCE = [{ url: 'https://example.org/news', note: 'The official announcement.' }];

beforeAll(async () => {
  t = await createTestApp();
  analyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
  alice = await createUser(t);
  bob = await createUser(t);
  carol = await createUser(t);
  outsider = await createUser(t);
});
afterAll(() => t.close());

function post(user: TestUser | null, url: string, payload?: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: user?.auth ?? {},
    ...(payload === undefined ? {} : { payload }),
  });
}

async function propose(id: number, body: Record<string, unknown>, user = moderator) {
  return post(user, `/api/v1/questions/${id}/resolution`, { evidence: EVIDENCE, ...body });
}

async function expectOk(response: { statusCode: number; body: string }, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
}

async function questionJson(id: number) {
  return (await t.app.inject({ url: `/api/v1/questions/${id}` })).json();
}

async function storedScores(id: number) {
  const rows = await t.deps.database.db
    .selectFrom('scores')
    .selectAll()
    .where('question_id', '=', id)
    .execute();
  return rows;
}

/** Scores iff resolved with a scorable outcome; and those scores are the bundle's, to 1e-9. */
async function checkScores(id: number, forecastersInOrder: TestUser[]) {
  const question = await questionJson(id);
  const rows = await storedScores(id);
  const scorable =
    question.status === 'resolved' && !['annulled', 'ambiguous'].includes(question.resolution);
  expect(rows.length > 0, `question ${id} ${question.status} ${question.resolution}`).toBe(
    scorable,
  );
  if (!scorable) return rows;
  const bundle = (await t.app.inject({ url: `/api/v1/questions/${id}/bundle` })).json();
  const parsed = parseBundle(bundle, { forScoring: true });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const expected = scoreBundle(parsed.value, buildCpHistory(parsed.value, 'recency_weighted'));
  const want = new Map<string, ScoreValue>();
  for (const user of expected.users) {
    const real = forecastersInOrder[user.userId - 1].id;
    for (const [type, value] of Object.entries(user.scores)) want.set(`${real}:${type}`, value);
  }
  for (const user of expected.extras.users) {
    const real = forecastersInOrder[user.userId - 1].id;
    for (const [type, value] of Object.entries(user.scores)) want.set(`${real}:${type}`, value);
  }
  // 0/0 time averages (zero coverage) are not stored.
  for (const [key, value] of want) if (!Number.isFinite(value.score)) want.delete(key);
  for (const source of [expected.aggregations, expected.extras.aggregations]) {
    for (const [method, values] of Object.entries(source)) {
      for (const [type, value] of Object.entries(values ?? {})) {
        if (Number.isFinite((value as ScoreValue).score)) {
          want.set(`${method}:${type}`, value as ScoreValue);
        }
      }
    }
  }
  expect(rows.length).toBe(want.size);
  for (const row of rows) {
    const key = `${row.user_id ?? row.aggregation_method}:${row.score_type}`;
    const value = want.get(key);
    expect(value, key).toBeDefined();
    expect(Math.abs(row.score - (value as ScoreValue).score)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(row.coverage - (value as ScoreValue).coverage)).toBeLessThanOrEqual(1e-9);
  }
  // Every type the contract lists for a binary question is there for the CP.
  const cpTypes = rows.filter((row) => row.aggregation_method !== null).map((r) => r.score_type);
  expect(cpTypes).toEqual(expect.arrayContaining(['baseline', 'peer', 'spot_peer', 'log']));
  return rows;
}

async function binaryWithForecasts(title: string) {
  const question = await createOpenQuestion(t, { author: analyst, moderator, title });
  await forecast(t, alice, question.id, { probability_yes: 0.8 });
  t.clock.advance(6 * HOUR);
  await forecast(t, bob, question.id, { probability_yes: 0.3 });
  t.clock.advance(6 * HOUR);
  await forecast(t, carol, question.id, { probability_yes: 0.55 });
  t.clock.advance(2 * DAY);
  await forecast(t, alice, question.id, { probability_yes: 0.9 });
  t.clock.advance(DAY);
  return question;
}

describe('propose → dispute → finalise', () => {
  it('closes the question, lets forecasters dispute once, and stores every score when an admin finalises', async () => {
    const question = await binaryWithForecasts('Dispute journey');
    const id = question.id;

    // Outcomes the question does not accept are refused with a code naming the problem.
    const maybe = await propose(id, { resolution: 'maybe' });
    expect(maybe.statusCode).toBe(400);
    expect(maybe.json().error.code).toBe('INVALID_RESOLUTION');
    const noEvidence = await post(moderator, `/api/v1/questions/${id}/resolution`, {
      resolution: 'yes',
      evidence: [],
    });
    expect(noEvidence.statusCode).toBe(400);
    const badUrl = await propose(id, {
      resolution: 'yes',
      evidence: [{ url: 'ftp://x', note: '' }],
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.details.fields[0].path).toBe('/evidence/0/url');
    expect((await propose(id, { resolution: 'yes' }, alice)).statusCode).toBe(403);
    expect((await propose(id, { resolution: 'yes' }, analyst)).statusCode).toBe(403);

    const proposed = await propose(id, { resolution: 'yes', note: 'Announced today.' });
    await expectOk(proposed);
    const body = proposed.json();
    expect(body.status).toBe('resolution_proposed');
    expect(body.current).toMatchObject({
      resolution: 'yes',
      status: 'pending',
      kind: 'proposal',
      proposed_by: moderator.username,
      evidence: EVIDENCE,
      note: 'Announced today.',
    });
    expect(new Date(body.current.window_ends_at).getTime()).toBe(
      t.clock.now().getTime() + 48 * HOUR,
    );
    const closed = await questionJson(id);
    expect(closed.actual_close_time).toBe(new Date(t.clock.now()).toISOString());
    await checkScores(id, [alice, bob, carol]);
    // A second proposal while one is pending is refused.
    expect((await propose(id, { resolution: 'no' })).statusCode).toBe(409);

    const dispute = (user: TestUser | null, reason = 'The announcement was retracted.') =>
      post(user, `/api/v1/questions/${id}/resolution/disputes`, { reason });
    expect((await dispute(outsider)).statusCode).toBe(403);
    expect((await dispute(null)).statusCode).toBe(401);
    const disputed = await dispute(bob);
    await expectOk(disputed, 201);
    expect(disputed.json().current.disputes).toEqual([
      expect.objectContaining({
        username: bob.username,
        reason: 'The announcement was retracted.',
      }),
    ]);
    const again = await dispute(bob);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_EXISTS');

    // A disputed proposal is not finalised by the window passing: an admin decides.
    t.clock.advance(49 * HOUR);
    await runDueJobs(t.deps);
    expect((await questionJson(id)).status).toBe('resolution_proposed');
    expect((await dispute(carol)).statusCode).toBe(409); // the window is over
    expect((await post(moderator, `/api/v1/questions/${id}/resolution/finalize`)).statusCode).toBe(
      403,
    );
    const final = await post(admin, `/api/v1/questions/${id}/resolution/finalize`);
    await expectOk(final);
    expect(final.json()).toMatchObject({ status: 'resolved', resolution: 'yes' });
    expect(final.json().current.status).toBe('finalized');
    const rows = await checkScores(id, [alice, bob, carol]);
    expect(rows.filter((row) => row.user_id !== null).map((row) => row.user_id)).toEqual(
      expect.arrayContaining([alice.id, bob.id, carol.id]),
    );

    const scores = (await t.app.inject({ url: `/api/v1/questions/${id}/scores` })).json();
    expect(scores.items[0]).toMatchObject({ user: null, aggregation_method: 'recency_weighted' });
    const aliceScores = scores.items.find(
      (item: { user: { id: number } | null }) => item.user?.id === alice.id,
    );
    expect(aliceScores.scores.peer.score).toBeGreaterThan(0);

    // Each forecaster has one notification with their own scores.
    const notes = await t.deps.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('question_id', '=', id)
      .where('kind', '=', 'question_resolved')
      .execute();
    expect(notes.map((note) => note.user_id).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    const aliceNote = notes.find((note) => note.user_id === alice.id);
    expect(aliceNote?.payload).toMatchObject({ resolution: 'yes', question_id: id });
    const noteScores = aliceNote?.payload.scores as Record<string, ScoreValue>;
    expect(noteScores.peer.score).toBeCloseTo(aliceScores.scores.peer.score, 12);
    expect(aliceNote?.dedupe_key).toMatch(new RegExp(`^question_resolved:${id}:\\d+$`));
  });
});

describe('propose → the window ends → final', () => {
  it('finalises an undisputed proposal once when the window passes (the job), not before', async () => {
    const question = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      type: 'numeric',
      title: 'Numeric auto-finalise',
      range_min: 0,
      range_max: 100,
      open_upper_bound: true,
    });
    const id = question.id;
    await forecast(t, alice, id, { continuous_cdf: cdfFor({ center: 0.3, openUpper: true }) });
    t.clock.advance(HOUR);
    await forecast(t, bob, id, { continuous_cdf: cdfFor({ center: 0.7, openUpper: true }) });
    t.clock.advance(DAY);
    for (const [value, code] of [
      ['abc', 'INVALID_RESOLUTION'],
      ['-5', 'INVALID_RESOLUTION'], // closed lower bound
      ['below_lower_bound', 'INVALID_RESOLUTION'],
      ['yes', 'INVALID_RESOLUTION'],
    ]) {
      const response = await propose(id, { resolution: value });
      expect(response.statusCode, value).toBe(400);
      expect(response.json().error.code).toBe(code);
    }
    const future = await propose(id, {
      resolution: '42',
      actual_close_time: new Date(t.clock.now().getTime() + HOUR).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    const closeAt = new Date(t.clock.now().getTime() - 2 * HOUR);
    await expectOk(
      await propose(id, {
        resolution: 'above_upper_bound',
        actual_close_time: closeAt.toISOString(),
        dispute_window_hours: 24,
      }),
    );
    expect((await questionJson(id)).actual_close_time).toBe(closeAt.toISOString());
    t.clock.advance(23 * HOUR);
    await runDueJobs(t.deps);
    expect((await questionJson(id)).status).toBe('resolution_proposed');
    await checkScores(id, [alice, bob]);
    t.clock.advance(2 * HOUR);
    await runDueJobs(t.deps);
    const resolved = await questionJson(id);
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'above_upper_bound' });
    const rows = await checkScores(id, [alice, bob]);
    // Continuous questions have no Brier score.
    expect(rows.some((row) => row.score_type === 'brier')).toBe(false);
    // Running the jobs again changes nothing (exactly once).
    await runDueJobs(t.deps);
    expect((await storedScores(id)).length).toBe(rows.length);
    const state = (await t.app.inject({ url: `/api/v1/questions/${id}/resolution` })).json();
    expect(state.current).toMatchObject({ status: 'finalized', resolution: 'above_upper_bound' });
    expect(state.dispute_window_hours).toBe(24);
  });

  it('a zero-hour window finalises at the next tick', async () => {
    const question = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      type: 'multiple_choice',
      title: 'MC zero window',
    });
    await forecast(t, alice, question.id, {
      probability_yes_per_category: { A: 0.5, B: 0.3, Other: 0.2 },
    });
    t.clock.advance(DAY);
    expect((await propose(question.id, { resolution: 'C' })).statusCode).toBe(400);
    await expectOk(await propose(question.id, { resolution: 'B', dispute_window_hours: 0 }));
    await runDueJobs(t.deps);
    expect((await questionJson(question.id)).status).toBe('resolved');
    await checkScores(question.id, [alice]);
  });
});

describe('two instances ticking at once', () => {
  it('finalise a proposal exactly once: one set of scores, one notification per forecaster', async () => {
    const question = await binaryWithForecasts('Two runners');
    await expectOk(await propose(question.id, { resolution: 'yes', dispute_window_hours: 0 }));
    const results = await Promise.all([runDueJobs(t.deps), runDueJobs(t.deps)]);
    expect(results.reduce((sum, result) => sum + result.failed, 0)).toBe(0);
    expect((await questionJson(question.id)).status).toBe('resolved');
    await checkScores(question.id, [alice, bob, carol]);
    const notes = await t.deps.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('question_id', '=', question.id)
      .execute();
    expect(notes).toHaveLength(3);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', question.id)
      .where('action', '=', 'question.resolve')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('withdraw, annul and re-resolve', () => {
  it('withdrawing reopens the proposal step; annulling drops the scores; re-resolving replaces them', async () => {
    const question = await binaryWithForecasts('Re-resolve journey');
    const id = question.id;
    await expectOk(await propose(id, { resolution: 'no' }));
    expect((await post(moderator, `/api/v1/questions/${id}/resolution/withdraw`)).statusCode).toBe(
      403,
    );
    const withdrawn = await post(admin, `/api/v1/questions/${id}/resolution/withdraw`);
    await expectOk(withdrawn);
    expect(withdrawn.json().status).toBe('closed');
    expect(withdrawn.json().proposals[0].status).toBe('withdrawn');
    await checkScores(id, [alice, bob, carol]);
    // The withdrawn proposal's job does nothing when its window passes.
    t.clock.advance(49 * HOUR);
    await runDueJobs(t.deps);
    expect((await questionJson(id)).status).toBe('closed');

    await expectOk(await propose(id, { resolution: 'no', dispute_window_hours: 0 }));
    await runDueJobs(t.deps);
    const first = await checkScores(id, [alice, bob, carol]);

    expect(
      (await post(moderator, `/api/v1/questions/${id}/re-resolution`, { resolution: 'yes' }))
        .statusCode,
    ).toBe(403);
    const bad = await post(admin, `/api/v1/questions/${id}/re-resolution`, { resolution: '7' });
    expect(bad.json().error.code).toBe('INVALID_RESOLUTION');
    const again = await post(admin, `/api/v1/questions/${id}/re-resolution`, {
      resolution: 'yes',
      note: 'The first reading was wrong.',
      evidence: EVIDENCE,
    });
    await expectOk(again);
    expect(again.json()).toMatchObject({ status: 'resolved', resolution: 'yes' });
    expect(again.json().current).toMatchObject({ kind: 're_resolution', status: 'finalized' });
    const second = await checkScores(id, [alice, bob, carol]);
    const peerOf = (rows: typeof first) =>
      rows.find((row) => row.user_id === alice.id && row.score_type === 'peer')?.score;
    expect(peerOf(second)).not.toBeCloseTo(peerOf(first) as number, 6);
    // One notification per resolution and forecaster.
    const notes = await t.deps.database.db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where('question_id', '=', id)
      .where('user_id', '=', alice.id)
      .execute();
    expect(notes).toHaveLength(2);

    await expectOk(
      await post(admin, `/api/v1/questions/${id}/re-resolution`, { resolution: 'ambiguous' }),
    );
    expect((await questionJson(id)).status).toBe('resolved');
    await checkScores(id, [alice, bob, carol]);

    expect((await post(moderator, `/api/v1/questions/${id}/annul`)).statusCode).toBe(403);
    const annulled = await post(admin, `/api/v1/questions/${id}/annul`, {
      note: 'Criteria broken.',
    });
    await expectOk(annulled);
    expect(annulled.json()).toMatchObject({ status: 'annulled', resolution: 'annulled' });
    await checkScores(id, [alice, bob, carol]);
    expect((await post(admin, `/api/v1/questions/${id}/annul`)).statusCode).toBe(409);
    expect((await post(admin, `/api/v1/questions/${id}/resolution/finalize`)).statusCode).toBe(409);
  });
});

describe('conditional questions', () => {
  it('annuls the unrealised branch when the parent resolves and scores only the realised one', async () => {
    const parent = await createOpenQuestion(t, { author: analyst, moderator, title: 'Parent?' });
    const child = await createOpenQuestion(t, { author: analyst, moderator, title: 'Child?' });
    const made = await post(moderator, '/api/v1/questions/conditionals', {
      parent_id: parent.id,
      child_id: child.id,
    });
    await expectOk(made, 201);
    const branchIds: Record<string, number> = {};
    for (const branch of made.json().branches) {
      branchIds[branch.condition_outcome] = branch.id;
      if (branch.status !== 'open') {
        await expectOk(await post(moderator, `/api/v1/questions/${branch.id}/approve`));
      }
    }
    await forecast(t, alice, branchIds.yes, { probability_yes: 0.7 });
    await forecast(t, bob, branchIds.yes, { probability_yes: 0.2 });
    await forecast(t, alice, branchIds.no, { probability_yes: 0.4 });
    await forecast(t, alice, child.id, { probability_yes: 0.6 });
    t.clock.advance(DAY);

    // Branches resolve by themselves.
    expect((await propose(branchIds.yes, { resolution: 'yes' })).statusCode).toBe(409);

    await expectOk(await propose(child.id, { resolution: 'yes', dispute_window_hours: 0 }));
    await runDueJobs(t.deps);
    expect((await questionJson(child.id)).status).toBe('resolved');
    // The parent has not resolved: both branches wait (closed with the child), without scores.
    for (const id of Object.values(branchIds)) {
      expect((await questionJson(id)).status).toBe('closed');
      await checkScores(id, [alice, bob]);
    }
    await expectOk(await propose(parent.id, { resolution: 'yes' }));
    await expectOk(await post(admin, `/api/v1/questions/${parent.id}/resolution/finalize`));
    const realised = await questionJson(branchIds.yes);
    expect(realised).toMatchObject({ status: 'resolved', resolution: 'yes' });
    await checkScores(branchIds.yes, [alice, bob]);
    const other = await questionJson(branchIds.no);
    expect(other).toMatchObject({ status: 'annulled', resolution: 'annulled' });
    await checkScores(branchIds.no, [alice]);
    const state = (
      await t.app.inject({ url: `/api/v1/questions/${branchIds.no}/resolution` })
    ).json();
    expect(state.current).toMatchObject({ kind: 'conditional', proposed_by: null });

    // Re-resolving the parent swaps which branch is realised.
    await expectOk(
      await post(admin, `/api/v1/questions/${parent.id}/re-resolution`, { resolution: 'no' }),
    );
    expect((await questionJson(branchIds.yes)).status).toBe('annulled');
    expect(await questionJson(branchIds.no)).toMatchObject({
      status: 'resolved',
      resolution: 'yes',
    });
    await checkScores(branchIds.yes, [alice, bob]);
    await checkScores(branchIds.no, [alice]);
  });
});

describe('the moderators’ queue', () => {
  it('lists questions past their resolve time and pending proposals, to moderators only', async () => {
    const draft = await createQuestion(t, analyst, { title: 'Queue me' });
    const now = t.clock.now().getTime();
    const question = await approveDraft(t, draft.id, analyst, moderator, {
      scheduled_close_time: new Date(now + DAY).toISOString(),
      scheduled_resolve_time: new Date(now + 2 * DAY).toISOString(),
    });
    const queue = () => t.app.inject({ url: '/api/v1/resolution-queue', headers: moderator.auth });
    const ids = async () =>
      (await queue()).json().items.map((item: { question_id: number }) => item.question_id);
    expect(await ids()).not.toContain(question.id);
    t.clock.advance(3 * DAY);
    await runDueJobs(t.deps);
    expect(await ids()).toContain(question.id);
    expect(
      (await t.app.inject({ url: '/api/v1/resolution-queue', headers: alice.auth })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/resolution-queue' })).statusCode).toBe(401);
  });
});
