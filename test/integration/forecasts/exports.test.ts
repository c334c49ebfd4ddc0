// Exports reproduce the site's numbers: the bundle run through the real `brier aggregate` equals
// the displayed history (binary, multiple choice with an added option, numeric); CSVs, the
// at-time query and the downsampled history agree with the stored entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdfFor, forecast, withdraw } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast, type TestUser } from '../../factories/users.ts';
import { runCliProcess } from '../../helpers/run-cli-process.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { METHODS } from './cp-check.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let users: TestUser[];
const SECOND = 1000;

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator, users } = await createForecastingCast(t, 4));
});
afterAll(() => t.close());

async function get(url: string, user: TestUser | null = null) {
  return t.app.inject({ method: 'GET', url, headers: user?.auth ?? {} });
}

const seconds = (iso: string | null) => (iso === null ? null : Date.parse(iso) / 1000);

/** docs/maths.md golden-vector rule: 1e-9 relative (absolute near 0); null and integers exact. */
function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
    const tolerance = 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(tolerance);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((value, index) => {
      expectClose((actual as unknown[])[index], value, `${path}[${index}]`);
    });
  } else {
    expect(actual, path).toEqual(expected);
  }
}

/** `brier aggregate` on the exported bundle equals GET …/history at full resolution. */
async function expectBundleReproducesHistory(questionId: number): Promise<void> {
  const bundle = await get(`/api/v1/questions/${questionId}/bundle`);
  expect(bundle.statusCode).toBe(200);
  for (const method of METHODS) {
    const run = await runCliProcess(['aggregate', '-', '--method', method], bundle.body);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const aggregated = JSON.parse(run.stdout).history as Array<Record<string, unknown>>;
    const displayed = (
      await get(`/api/v1/questions/${questionId}/history?method=${method}&points=5000`)
    ).json();
    expect(displayed.entry_count).toBe(aggregated.length);
    displayed.entries.forEach((entry: Record<string, unknown>, index: number) => {
      const expected = aggregated[index];
      const path = `${method} entry ${index}`;
      expect(seconds(entry.start_time as string), path).toBe(expected.start_time);
      expect(seconds(entry.end_time as string | null), path).toBe(expected.end_time);
      for (const key of [
        'forecaster_count',
        'forecast_values',
        'interval_lower_bounds',
        'centers',
        'interval_upper_bounds',
        'means',
      ]) {
        expectClose(entry[key], expected[key], `${path} ${key}`);
      }
    });
  }
}

describe('bundle → brier aggregate reproduces the displayed history', () => {
  it('binary', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const probabilities = [0.2, 0.5, 0.8, 0.35];
    for (const [index, user] of users.entries()) {
      await forecast(t, user, question.id, { probability_yes: probabilities[index] });
      t.clock.advance(7 * SECOND);
    }
    await forecast(t, users[0], question.id, { probability_yes: 0.7 });
    t.clock.advance(SECOND);
    expect((await withdraw(t, users[1], question.id)).statusCode).toBe(200);
    t.clock.advance(SECOND);
    await expectBundleReproducesHistory(question.id);

    const bundle = (await get(`/api/v1/questions/${question.id}/bundle`)).json();
    expect(bundle.question).toMatchObject({
      id: question.id,
      type: 'binary',
      actual_close_time: null,
    });
    // Pseudonyms: forecasters 1…n by first forecast, forecast ids 1…m in id order.
    expect(bundle.forecasts.map((f: { user_id: number }) => f.user_id)).toEqual([1, 2, 3, 4, 1]);
    expect(bundle.forecasts.map((f: { id: number }) => f.id)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.stringify(bundle)).not.toContain(users[0].username);
  });

  it('multiple choice with an option added (options_history)', async () => {
    const question = await createOpenQuestion(t, { author, moderator, type: 'multiple_choice' });
    await forecast(t, users[0], question.id, {
      probability_yes_per_category: { A: 0.5, B: 0.3, Other: 0.2 },
    });
    t.clock.advance(SECOND);
    await forecast(t, users[1], question.id, {
      probability_yes_per_category: { A: 0.1, B: 0.6, Other: 0.3 },
    });
    t.clock.advance(SECOND);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${question.id}/options`,
      headers: moderator.auth,
      payload: { label: 'C', description: 'A new scenario.' },
    });
    expect(added.statusCode).toBeLessThan(300);
    t.clock.advance(SECOND);
    await forecast(t, users[2], question.id, {
      probability_yes_per_category: { A: 0.2, B: 0.2, C: 0.5, Other: 0.1 },
    });
    t.clock.advance(SECOND);
    await forecast(t, users[3], question.id, {
      probability_yes_per_category: { A: 0.25, B: 0.25, C: 0.25, Other: 0.25 },
    });
    await expectBundleReproducesHistory(question.id);
    const bundle = (await get(`/api/v1/questions/${question.id}/bundle`)).json();
    expect(bundle.question.options).toEqual(['A', 'B', 'C', 'Other']);
    expect(bundle.question.options_history).toHaveLength(2);
    expect(bundle.forecasts[0].probability_yes_per_category).toEqual([0.5, 0.3, null, 0.2]);
  });

  it('numeric', async () => {
    const question = await createOpenQuestion(t, { author, moderator, type: 'numeric' });
    await forecast(t, users[0], question.id, { continuous_cdf: cdfFor({ center: 0.2 }) });
    t.clock.advance(SECOND);
    await forecast(t, users[1], question.id, {
      components: [{ center: 70, scale: 0.08, weight: 1 }],
    });
    t.clock.advance(2 * SECOND);
    await forecast(t, users[2], question.id, { continuous_cdf: cdfFor({ center: 0.6 }) });
    t.clock.advance(SECOND);
    expect((await withdraw(t, users[0], question.id)).statusCode).toBe(200);
    await expectBundleReproducesHistory(question.id);
    const bundle = (await get(`/api/v1/questions/${question.id}/bundle`)).json();
    expect(bundle.question).toMatchObject({
      range_min: 0,
      range_max: 100,
      zero_point: null,
      open_lower_bound: false,
      open_upper_bound: false,
      inbound_outcome_count: 200,
    });
  });
});

describe('history, at-time query and CSV', () => {
  let questionId: number;
  let startedAt: number;

  beforeAll(async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    questionId = question.id;
    startedAt = t.clock.now().getTime();
    for (let step = 0; step < 12; step++) {
      await forecast(t, users[step % users.length], questionId, {
        probability_yes: 0.1 + 0.05 * step,
      });
      t.clock.advance((step + 1) * SECOND);
    }
  });

  it('downsamples evenly in time, keeping the first and last entries', async () => {
    const full = (await get(`/api/v1/questions/${questionId}/history?points=5000`)).json();
    expect(full.entry_count).toBe(12);
    expect(full.entries).toHaveLength(12);
    const small = (await get(`/api/v1/questions/${questionId}/history?points=4`)).json();
    expect(small.entry_count).toBe(12);
    expect(small.entries.length).toBeLessThanOrEqual(4);
    expect(small.entries[0]).toEqual(full.entries[0]);
    expect(small.entries.at(-1)).toEqual(full.entries.at(-1));
    const defaults = (await get(`/api/v1/questions/${questionId}/history`)).json();
    expect(defaults.method).toBe('recency_weighted');
    expect(defaults.entries).toHaveLength(12);
    for (const bad of ['points=0', 'points=5001', 'points=x', 'method=median']) {
      const response = await get(`/api/v1/questions/${questionId}/history?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers the CP at an instant (docs/maths.md §7 at-time query)', async () => {
    const full = (await get(`/api/v1/questions/${questionId}/history?points=5000`)).json();
    const fifth = full.entries[4];
    const at = new Date(Date.parse(fifth.start_time) + 500).toISOString();
    const response = await get(`/api/v1/questions/${questionId}/cp?at=${encodeURIComponent(at)}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.community_prediction.forecast_values).toEqual(fifth.forecast_values);
    expect(body.community_prediction.forecaster_count).toBe(fifth.forecaster_count);
    // §16.2: binary recency-weighted at-time entries carry the 100-bin histogram.
    expect(body.community_prediction.histogram).toHaveLength(100);
    const before = new Date(startedAt - 60_000).toISOString();
    const empty = await get(`/api/v1/questions/${questionId}/cp?at=${encodeURIComponent(before)}`);
    expect(empty.json().community_prediction).toBeNull();
    const now = (await get(`/api/v1/questions/${questionId}/cp?method=unweighted`)).json();
    expect(now.community_prediction.forecaster_count).toBe(users.length);
    expect((await get(`/api/v1/questions/${questionId}/cp?at=yesterday`)).statusCode).toBe(400);
  });

  it('exports the history and the anonymised forecasts as CSV', async () => {
    const history = await get(`/api/v1/questions/${questionId}/history.csv`);
    expect(history.statusCode).toBe(200);
    expect(history.headers['content-type']).toContain('text/csv');
    expect(history.headers['content-disposition']).toContain('attachment');
    const lines = history.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,start_time,end_time,forecaster_count,probability_yes,lower_quartile,upper_quartile,mean',
    );
    expect(lines).toHaveLength(13);
    const forecasts = await get(`/api/v1/questions/${questionId}/forecasts.csv`);
    expect(forecasts.statusCode).toBe(200);
    const rows = forecasts.body.trim().split('\r\n');
    expect(rows[0]).toBe('forecast_id,forecaster_id,start_time,end_time,probability_yes');
    expect(rows).toHaveLength(13);
    expect(rows[1].split(',').slice(0, 2)).toEqual(['1', '1']);
    for (const user of users) expect(forecasts.body).not.toContain(user.username);
  });

  it('404 for unknown questions and hidden drafts', async () => {
    for (const path of ['history', 'history.csv', 'forecasts.csv', 'bundle', 'cp']) {
      const response = await get(`/api/v1/questions/999999/${path}`);
      expect(response.statusCode, path).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });
});
