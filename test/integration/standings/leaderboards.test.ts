// Leaderboards, tournaments and track records over real resolved questions: every stored board
// equals core buildLeaderboard (what `brier leaderboard` runs) on the board's exported input, and
// that input holds exactly the scores resolution wrote; a tournament finalises with prizes and
// medals; track records and calibration match core on the questions' exported bundles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentLeaderboardEntry } from '../../../src/cli/commands/leaderboard.ts';
import { buildCpHistory } from '../../../src/core/aggregation/cp-history.ts';
import { parseBundle } from '../../../src/core/bundle/parse-bundle.ts';
import {
  cpCalibrationPair,
  userCalibrationPair,
} from '../../../src/core/calibration/calibration-pairs.ts';
import {
  type CalibrationPair,
  calibrationTable,
} from '../../../src/core/calibration/calibration-table.ts';
import { buildLeaderboard } from '../../../src/core/leaderboards/build-leaderboard.ts';
import { validateLeaderboardInput } from '../../../src/core/leaderboards/validate-leaderboard-input.ts';
import type { CoreBundle } from '../../../src/core/types.ts';
import type { ScoreRow } from '../../../src/db/repositories/score-repository.ts';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { resolveWithScores } from '../../factories/resolved-questions.ts';
import { createForecastingCast, createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: API JSON.
type Json = Record<string, any>;

const HOUR = 3_600_000;
let t: TestApp;
let admin: TestUser;
let author: TestUser;
let moderator: TestUser;
let users: TestUser[];
const written: ScoreRow[] = [];
const questionIds: number[] = [];
const outcomes = ['yes', 'no', 'yes', 'yes', 'no', 'no'];
// P(yes) per user per question (some users skip some questions)
const plans: Array<Array<number | null>> = [
  [0.9, 0.2, 0.75, 0.72, 0.3, 0.1],
  [0.6, 0.5, 0.71, 0.78, 0.73, 0.4],
  [0.3, 0.8, null, 0.74, 0.76, 0.2],
  [0.7, null, 0.79, 0.71, 0.25, 0.77],
];

async function get(url: string, auth?: { authorization: string }): Promise<Json> {
  const response = await t.app.inject({ method: 'GET', url, headers: auth ?? {} });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Json;
}

async function send(
  method: 'POST' | 'PATCH' | 'PUT',
  url: string,
  auth: { authorization: string },
  payload: Json = {},
) {
  return t.app.inject({ method, url, headers: auth, payload });
}

/** What `brier leaderboard` prints for an exported input (the core function it runs). */
function coreBoard(input: Json): Json[] {
  const parsed = validateLeaderboardInput(input, '');
  if (!parsed.ok) throw new Error(`${parsed.error.path}: ${parsed.error.reason}`);
  return buildLeaderboard(parsed.value).map(presentLeaderboardEntry);
}

function stripUser(entry: Json): Json {
  const { user, ...rest } = entry;
  return { user_id: user === null ? null : user.id, ...rest };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t, { role: 'admin' });
  ({ author, moderator, users } = await createForecastingCast(t, plans.length));
  const created = await send('POST', '/api/v1/tournaments', admin.auth, {
    slug: 'test-cup',
    title: 'Test cup',
    description: 'Six binary questions.',
    prize_pool: 100,
    minimum_prize_amount: 5,
  });
  expect(created.statusCode, created.body).toBe(201);
  for (let q = 0; q < outcomes.length; q++) {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      title: `Standings question ${q}`,
      tags: q % 2 === 0 ? ['even'] : ['odd'],
    });
    questionIds.push(question.id);
    if (q < 4) {
      const put = await send(
        'PUT',
        `/api/v1/tournaments/test-cup/questions/${question.id}`,
        admin.auth,
        { question_weight: q === 0 ? 2 : 1 },
      );
      expect(put.statusCode, put.body).toBe(200);
    }
    for (let u = 0; u < plans.length; u++) {
      t.clock.advance(HOUR);
      const p = plans[u][q];
      if (p !== null) await forecast(t, users[u], question.id, { probability_yes: p });
    }
    t.clock.advance(2 * HOUR);
    written.push(...(await resolveWithScores(t, question.id, outcomes[q])));
  }
});
afterAll(() => t.close());

describe('global leaderboards', () => {
  it.each(['peer_global', 'baseline_global'])(
    '%s equals brier leaderboard on its exported input, which holds the stored scores',
    async (scoreType) => {
      const input = await get(`/api/v1/leaderboards/input?score_type=${scoreType}&window=all`);
      const base = scoreType === 'peer_global' ? 'peer' : 'baseline';
      const expectedRows = written
        .filter((row) => row.scoreType === base)
        .map((row) => `${row.questionId}:${row.userId}:${row.aggregationMethod}:${row.score}`)
        .sort();
      expect(
        input.scores
          .map(
            (row: Json) =>
              `${row.question_id}:${row.user_id}:${row.aggregation_method}:${row.score}`,
          )
          .sort(),
      ).toEqual(expectedRows);
      expect(input.questions).toHaveLength(outcomes.length);

      const board = await get(`/api/v1/leaderboards?score_type=${scoreType}&window=all`);
      expect(board.entries.map(stripUser)).toEqual(coreBoard(input));
      expect(board.total).toBe(plans.length + 1);
      const cpRow = board.entries.find((entry: Json) => entry.aggregation_method !== null);
      expect(cpRow).toMatchObject({ user: null, aggregation_method: 'recency_weighted' });
      expect(cpRow.exclusion_status).toBe(2);
      expect(board.windows).toEqual(
        expect.arrayContaining(['all', 'last-90-days', String(new Date().getUTCFullYear())]),
      );
    },
  );

  it('shows the caller their own row and pages the rest', async () => {
    const board = await get('/api/v1/leaderboards?limit=2', users[2].auth);
    expect(board.entries).toHaveLength(2);
    expect(board.my_entry.user.id).toBe(users[2].id);
    const year = await get(`/api/v1/leaderboards?window=${t.clock.now().getUTCFullYear()}`);
    expect(year.question_count).toBe(outcomes.length);
    const empty = await get('/api/v1/leaderboards?window=1999');
    expect(empty.entries).toEqual([]);
  });

  it('refuses an unknown window or score type with 400', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/leaderboards?window=forever' });
    expect(bad.statusCode).toBe(400);
    const type = await t.app.inject({ method: 'GET', url: '/api/v1/leaderboards?score_type=x' });
    expect(type.statusCode).toBe(400);
  });
});

describe('tournaments', () => {
  it('lists questions with weights and a board equal to brier leaderboard', async () => {
    const detail = await get('/api/v1/tournaments/test-cup');
    expect(detail.questions.map((q: Json) => [q.id, q.question_weight])).toEqual([
      [questionIds[0], 2],
      [questionIds[1], 1],
      [questionIds[2], 1],
      [questionIds[3], 1],
    ]);
    const input = await get('/api/v1/leaderboards/input?tournament=test-cup');
    expect(input.leaderboard).toEqual({
      score_type: 'peer_tournament',
      prize_pool: 100,
      minimum_prize_amount: 5,
      finalize: false,
    });
    expect(detail.leaderboard.entries.map(stripUser)).toEqual(coreBoard(input));
    expect(detail.leaderboard.entries.every((e: Json) => e.medal === null)).toBe(true);
  });

  it('finalises with prizes and medals, then refuses changes', async () => {
    const forbidden = await send('POST', '/api/v1/tournaments/test-cup/finalize', users[0].auth);
    expect(forbidden.statusCode).toBe(403);
    const finalized = await send('POST', '/api/v1/tournaments/test-cup/finalize', admin.auth);
    expect(finalized.statusCode, finalized.body).toBe(200);
    expect(finalized.json().is_finalized).toBe(true);

    const detail = await get('/api/v1/tournaments/test-cup');
    const input = await get('/api/v1/leaderboards/input?tournament=test-cup');
    expect(input.leaderboard.finalize).toBe(true);
    const entries = detail.leaderboard.entries.map(stripUser);
    expect(entries).toEqual(coreBoard(input));
    expect(detail.leaderboard.is_finalized).toBe(true);
    const prizes = entries.filter((e: Json) => e.prize !== null).map((e: Json) => e.prize);
    expect(prizes.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(100, 9);
    expect(entries.find((e: Json) => e.rank === 1).medal).toBe('gold');
    expect(entries.filter((e: Json) => e.medal !== null).length).toBeGreaterThanOrEqual(3);

    const again = await send('POST', '/api/v1/tournaments/test-cup/finalize', admin.auth);
    expect(again.statusCode).toBe(409);
    const edit = await send('PATCH', '/api/v1/tournaments/test-cup', admin.auth, { title: 'X' });
    expect(edit.statusCode).toBe(409);
  });

  it('finalises by itself once finalize_time has passed (refresh job)', async () => {
    const created = await send('POST', '/api/v1/tournaments', admin.auth, {
      slug: 'timed-cup',
      title: 'Timed cup',
      finalize_time: new Date(t.clock.now().getTime() + HOUR).toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const put = await send(
      'PUT',
      `/api/v1/tournaments/timed-cup/questions/${questionIds[5]}`,
      admin.auth,
      { question_weight: 1 },
    );
    expect(put.statusCode).toBe(200);
    const { refreshStandings } = await import(
      '../../../src/services/standings/refresh-leaderboards.ts'
    );
    await refreshStandings(t.deps);
    expect((await get('/api/v1/tournaments/timed-cup')).is_finalized).toBe(false);
    t.clock.advance(2 * HOUR);
    await refreshStandings(t.deps);
    const detail = await get('/api/v1/tournaments/timed-cup');
    expect(detail.is_finalized).toBe(true);
    expect(detail.leaderboard.entries.some((e: Json) => e.medal === 'gold')).toBe(true);
  });

  it('validates tournament input and answers 404 for unknown slugs', async () => {
    const bad = await send('POST', '/api/v1/tournaments', admin.auth, {
      slug: 'Bad Slug',
      title: 'x',
    });
    expect(bad.statusCode).toBe(400);
    const duplicate = await send('POST', '/api/v1/tournaments', admin.auth, {
      slug: 'test-cup',
      title: 'Again',
    });
    expect(duplicate.statusCode).toBe(409);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/tournaments/nope' });
    expect(missing.statusCode).toBe(404);
  });
});

async function exportedBundle(id: number): Promise<{ bundle: CoreBundle; pseudonyms: Json }> {
  const raw = await get(`/api/v1/questions/${id}/bundle`);
  const parsed = parseBundle(raw, { forScoring: true });
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return { bundle: parsed.value, pseudonyms: raw };
}

describe('track records', () => {
  it('lists every scored question with the user’s and the CP’s scores, and their averages', async () => {
    const user = users[2];
    const record = await get(`/api/v1/users/${user.username}/track-record`);
    const scoredQuestions = plans[2].filter((p) => p !== null).length;
    expect(record.questions).toHaveLength(scoredQuestions);
    for (const question of record.questions) {
      const mine = written.find(
        (row) =>
          row.questionId === question.id && row.userId === user.id && row.scoreType === 'peer',
      );
      expect(question.mine.peer?.score).toBe(mine?.score);
      const cp = written.find(
        (row) => row.questionId === question.id && row.userId === null && row.scoreType === 'brier',
      );
      expect(question.cp.brier?.score).toBe(cp?.score);
    }
    const peer = record.totals.find((total: Json) => total.score_type === 'peer');
    const peers = written.filter((row) => row.userId === user.id && row.scoreType === 'peer');
    expect(peer.count).toBe(peers.length);
    expect(peer.total).toBeCloseTo(
      peers.reduce((sum, row) => sum + row.score, 0),
      9,
    );
    expect(peer.average).toBeCloseTo(peer.total / peer.count, 12);
  });

  it('computes the calibration table of core on the exported bundles, filters by tag and tournament', async () => {
    const user = users[1];
    const pairs: CalibrationPair[] = [];
    const cpPairs: CalibrationPair[] = [];
    const evenPairs: CalibrationPair[] = [];
    for (const [index, id] of questionIds.entries()) {
      const { bundle } = await exportedBundle(id);
      // Pseudonyms follow first forecasts; user u posted after users 0…u−1 who forecast here.
      const pseudonym = plans.slice(0, 2).filter((plan) => plan[index] !== null).length;
      const pair = userCalibrationPair(bundle, pseudonym);
      if (pair) pairs.push(pair);
      if (pair && index % 2 === 0) evenPairs.push(pair);
      const cp = cpCalibrationPair(bundle, buildCpHistory(bundle, 'recency_weighted'));
      if (cp) cpPairs.push(cp);
    }
    expect(pairs).toHaveLength(outcomes.length);
    const toJson = (bins: ReturnType<typeof calibrationTable>) =>
      bins.map((bin) => ({
        bin_lower: bin.binLower,
        bin_upper: bin.binUpper,
        count: bin.count,
        mean_forecast: bin.meanForecast,
        observed_frequency: bin.observedFrequency,
        wilson_lower: bin.wilsonLower,
        wilson_upper: bin.wilsonUpper,
      }));
    const record = await get(`/api/v1/users/${user.username}/track-record`);
    expect(record.calibration).toEqual(toJson(calibrationTable(pairs)));
    // 0.71, 0.78, 0.73 fall in the 70–80 % bin: 2 of 3 happened.
    expect(record.calibration[7]).toMatchObject({ count: 3, observed_frequency: 2 / 3 });

    const even = await get(`/api/v1/users/${user.username}/track-record?tag=even`);
    expect(even.questions.map((q: Json) => q.id).sort()).toEqual(
      questionIds.filter((_, index) => index % 2 === 0).sort(),
    );
    expect(even.calibration).toEqual(toJson(calibrationTable(evenPairs)));
    const cup = await get(`/api/v1/users/${user.username}/track-record?tournament=test-cup`);
    expect(cup.questions).toHaveLength(4);
    expect(cup.questions.every((q: Json) => q.tournament?.slug === 'test-cup')).toBe(true);

    const site = await get('/api/v1/track-record');
    expect(site.question_count).toBe(cpPairs.length);
    expect(site.calibration).toEqual(toJson(calibrationTable(cpPairs)));
  });

  it('gives feedback cards for bins with enough forecasts', async () => {
    const user = users[3];
    const record = await get(`/api/v1/users/${user.username}/track-record`);
    // 0.7, 0.79, 0.71, 0.77 in the 70–80 % bin: fewer than 5, so no card yet.
    expect(record.feedback).toEqual([]);
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${user.username}/track-record?tournament=nope`,
    });
    expect(missing.statusCode).toBe(400);
  });
});
