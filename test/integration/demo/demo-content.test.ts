// The demo content (docs/design.md "Demo content"), loaded into a fresh database and read back the way
// a visitor of a new site sees it: through the public HTTP API, anonymously unless it says so.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADVISORY_LOCKS,
  takeTransactionLock,
} from '../../../src/db/repositories/advisory-lock-repository.ts';
import { insertUser } from '../../../src/db/repositories/user-repository.ts';
import { type DemoContent, loadDemoContent } from '../../../src/services/demo/load-demo-content.ts';
import { goldenDifferences } from '../../helpers/compare-golden.ts';
import { runCliProcess } from '../../helpers/run-cli-process.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { waitFor } from '../../helpers/wait-for.ts';

// biome-ignore lint/suspicious/noExplicitAny: API JSON as a client sees it.
type Json = Record<string, any>;

let t: TestApp;
let demo: DemoContent;
let questions: Json[];
let practice: Json[];

async function get(url: string, headers: Record<string, string> = {}): Promise<Json> {
  const response = await t.app.inject({ method: 'GET', url, headers });
  expect(response.statusCode, `GET ${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response.json() as Json;
}

function question(pattern: RegExp, extra: (q: Json) => boolean = () => true): Json {
  const found = questions.filter((q) => pattern.test(q.title) && extra(q));
  expect(found, `one question matching ${pattern}`).toHaveLength(1);
  return found[0];
}

const isPlain = (q: Json) => q.condition_parent_id === null;

beforeAll(async () => {
  t = await createTestApp();
  const loaded = await loadDemoContent(t.deps);
  if (loaded === null) throw new Error('the demo content was not loaded into an empty database');
  demo = loaded;
  const listed: Json[] = (await get('/api/v1/questions?limit=100')).items;
  practice = listed.filter((q) => q.title.startsWith('Practice: '));
  questions = listed.filter((q) => !q.title.startsWith('Practice: '));
}, 120_000);
afterAll(() => t.close());

describe('the demo content on a fresh database', () => {
  it('lists every demo question, open, in the tournament, with all five question types', () => {
    expect(questions.map((q) => q.id).sort((a, b) => a - b)).toEqual(
      [...demo.questionIds].sort((a, b) => a - b),
    );
    expect(questions.length).toBeGreaterThanOrEqual(10);
    for (const q of questions) {
      expect(q.status, q.title).toBe('open');
      expect(q.tournament_id).toBe(demo.tournamentId);
      expect(q.resolution_criteria.length, q.title).toBeGreaterThan(100);
      expect(q.sources.length, q.title).toBeGreaterThan(0);
      expect(Date.parse(q.open_time)).toBeLessThan(t.clock.now().getTime());
      expect(Date.parse(q.scheduled_close_time)).toBeGreaterThan(t.clock.now().getTime());
    }
    expect(new Set(questions.map((q) => q.type))).toEqual(
      new Set(['binary', 'multiple_choice', 'numeric', 'date', 'discrete']),
    );
  });

  it('has a scenario set whose three options each carry a definition', () => {
    const scenarios = question(/Which scenario/);
    expect(scenarios.type).toBe('multiple_choice');
    expect(scenarios.options.map((option: Json) => option.label)).toEqual([
      'Détente',
      'Renewed Cold War',
      'Tense coexistence',
    ]);
    for (const option of scenarios.options) expect(option.description.length).toBeGreaterThan(50);
  });

  it('makes the sanctions question conditional on the summit question, one branch per outcome', async () => {
    const summit = question(/presidents meet in person before/, isPlain);
    const sanctions = question(/ease at least one major sanction/, isPlain);
    const branches = questions.filter((q) => q.condition_child_id === sanctions.id);
    expect(branches.map((b) => [b.condition_parent_id, b.condition_outcome]).sort()).toEqual([
      [summit.id, 'no'],
      [summit.id, 'yes'],
    ]);
    const conditionals = await get(`/api/v1/questions/${sanctions.id}/conditionals`);
    expect(conditionals.items).toHaveLength(1);
    expect(conditionals.items[0].parent.id).toBe(summit.id);
    // Every term is known (both branches and the parent have forecasts), so it is shown.
    expect(conditionals.items[0].implied_marginal).toEqual(expect.any(Number));
  });

  it('shows anyone the summit question’s community prediction, made by several forecasters', async () => {
    const summit = question(/presidents meet in person before/, isPlain);
    const detail = await get(`/api/v1/questions/${summit.id}`);
    expect(detail.forecaster_count).toBeGreaterThan(5);
    expect(detail.community_prediction).not.toBeNull();
    expect(detail.community_prediction.forecaster_count).toBe(detail.forecaster_count);
    const history = await get(`/api/v1/questions/${summit.id}/history?points=5000`);
    expect(history.entry_count).toBeGreaterThan(5);
  });

  it('gives every question, branches included, a visible CP history', async () => {
    for (const q of questions) {
      const detail = await get(`/api/v1/questions/${q.id}`);
      expect(detail.forecaster_count, q.title).toBeGreaterThan(0);
      expect(detail.community_prediction, q.title).not.toBeNull();
    }
  });

  it('builds a history that `brier aggregate` reproduces from the exported bundle', async () => {
    const summit = question(/presidents meet in person before/, isPlain);
    const bundle = await t.app.inject({
      method: 'GET',
      url: `/api/v1/questions/${summit.id}/bundle`,
    });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body).not.toContain('demo-forecaster');
    const run = await runCliProcess(['aggregate', '-'], bundle.body);
    expect(run.stderr).toBe('');
    const aggregated = JSON.parse(run.stdout).history as Json[];
    const shown = await get(`/api/v1/questions/${summit.id}/history?points=5000`);
    const unix = (time: string | null) => (time === null ? null : Date.parse(time) / 1000);
    const entries = shown.entries.map((e: Json) => ({
      ...e,
      start_time: unix(e.start_time),
      end_time: unix(e.end_time),
    }));
    expect(goldenDifferences(entries, aggregated)).toEqual([]);
  });

  it('writes the lifecycle to the audit log: created, submitted, approved and opened', async () => {
    const scenarios = question(/Which scenario/);
    const log = await get(`/api/v1/questions/${scenarios.id}/audit-log?limit=50`);
    expect(log.items.map((entry: Json) => entry.action)).toEqual([
      'question.create',
      'question.submit',
      'question.approve',
      'question.open',
    ]);
    expect(log.items[0].actor.username).toBe('demo-analyst');
    expect(log.items[2].actor.username).toBe(demo.admin.username);
  });

  it('creates an admin who can sign in with the returned password, and labelled demo accounts', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: demo.admin.username, password: demo.admin.password },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.role).toBe('admin');
    const forecaster = await get('/api/v1/users/demo-forecaster-01');
    expect(forecaster.display_name).toBe('Demo forecaster 01');
    expect(forecaster.bio).toMatch(/synthetic/i);
  });

  it('refuses to load a second time, leaving the database as it was', async () => {
    expect(await loadDemoContent(t.deps)).toBeNull();
    const again = (await get('/api/v1/questions?limit=100')).items;
    expect(again.map((q: Json) => q.id)).toEqual(
      [...practice, ...questions].map((q) => q.id).sort((a, b) => b - a),
    );
  });
});

describe('another instance claiming the database during the load', () => {
  it('makes the loader wait for its claim, then find the database taken and load nothing', async () => {
    const other = await createTestApp();
    try {
      let loading: Promise<DemoContent | null> | undefined;
      await other.deps.database.db.transaction().execute(async (tx) => {
        // What a competing loader's claim does: take the lock, then insert its admin.
        await takeTransactionLock(tx, ADVISORY_LOCKS.demoContent);
        await insertUser(tx, {
          username: 'early_admin',
          email: 'early@example.com',
          passwordHash: 'unused',
          role: 'admin',
          createdAt: new Date(),
        });
        loading = loadDemoContent(other.deps);
        if (testBackend() === 'postgres') {
          // The loader saw no committed account and now waits for the lock (on PGlite, whose
          // one connection this transaction holds, it waits for the connection instead).
          await waitFor(
            async () => {
              const { rows } = await sql<{ waiting: number }>`
                select count(*)::int as waiting from pg_locks
                where locktype = 'advisory' and not granted`.execute(tx);
              return rows[0].waiting > 0;
            },
            { description: 'the loader to wait for the advisory lock' },
          );
        }
      });
      expect(await loading).toBeNull();
      const users = await other.deps.database.db.selectFrom('users').select('username').execute();
      expect(users).toEqual([{ username: 'early_admin' }]);
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe('the practice questions', () => {
  it('are 10–20 clearly labelled questions, already resolved, with forecasts over weeks', async () => {
    expect(practice.map((q) => q.id).sort((a, b) => a - b)).toEqual(
      [...demo.practiceQuestionIds].sort((a, b) => a - b),
    );
    expect(practice.length).toBeGreaterThanOrEqual(10);
    expect(practice.length).toBeLessThanOrEqual(20);
    for (const q of practice) {
      expect(q.status, q.title).toBe('resolved');
      expect(q.tournament_id).toBeNull();
      const opened = Date.parse(q.open_time);
      expect(Date.parse(q.actual_close_time) - opened).toBeGreaterThan(20 * 86_400_000);
    }
  });

  it('store scores that differ by forecaster skill, one disputed and one re-resolved', async () => {
    const kinds = new Set<string>();
    let disputed = 0;
    const spread: number[] = [];
    for (const q of practice) {
      const state = await get(`/api/v1/questions/${q.id}/resolution`);
      for (const proposal of state.proposals) kinds.add(proposal.kind);
      disputed += state.proposals.filter((p: Json) => p.disputes.length > 0).length;
      const scores = await get(`/api/v1/questions/${q.id}/scores`);
      const peers = scores.items
        .filter((item: Json) => item.user !== null && item.scores.peer)
        .map((item: Json) => item.scores.peer.score);
      expect(peers.length, q.title).toBeGreaterThan(5);
      spread.push(Math.max(...peers) - Math.min(...peers));
    }
    expect(kinds).toContain('re_resolution');
    expect(disputed).toBe(1);
    expect(Math.min(...spread)).toBeGreaterThan(10);
  });
});
