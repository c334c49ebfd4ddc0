// The job queue: scheduled open/close of questions, exactly-once with two runners, retries,
// and jobs surviving a restart. Time moves by the TestClock; runners are ticked by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/db/database.ts';
import { migrateToLatest } from '../../../src/db/migrate.ts';
import { selectJobs } from '../../../src/db/repositories/job-repository.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { runDueJobs, startJobRunner } from '../../../src/jobs/runner.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { enqueueJob } from '../../../src/services/jobs/enqueue-job.ts';
import type { JobDefinition } from '../../../src/services/jobs/job-definition.ts';
import { approveDraft, createQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { testBackend } from '../../helpers/test-db.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
});
afterAll(() => t.close());

function at(offsetMs: number): string {
  return new Date(t.clock.now().getTime() + offsetMs).toISOString();
}

async function status(id: number) {
  return (await t.app.inject({ url: `/api/v1/questions/${id}` })).json();
}

async function actions(id: number): Promise<Array<{ action: string; actor: unknown }>> {
  const response = await t.app.inject({ url: `/api/v1/questions/${id}/audit-log?limit=100` });
  return response.json().items;
}

/** A test job that writes one audit row per run (inside the job's transaction) and counts calls. */
function countingJob(id: string, calls: number[] = []): JobDefinition & { calls: number[] } {
  return {
    id,
    calls,
    async handler({ tx, job, now }) {
      const n = job.payload.n as number;
      calls.push(n);
      await tx
        .insertInto('audit_log')
        .values({
          actor_id: null,
          action: id,
          target_type: 'test',
          target_id: n,
          details: '{}',
          created_at: now,
        })
        .execute();
      return undefined;
    },
  };
}

async function enqueueMany(deps: Deps, type: string, count: number): Promise<void> {
  await deps.database.db.transaction().execute(async (tx) => {
    for (let n = 1; n <= count; n++) {
      await enqueueJob(tx, { type, payload: { n }, runAt: deps.clock.now() });
    }
  });
}

async function auditRows(action: string): Promise<number[]> {
  const rows = await t.deps.database.db
    .selectFrom('audit_log')
    .select('target_id')
    .where('action', '=', action)
    .orderBy('target_id')
    .execute();
  return rows.map((row) => row.target_id);
}

describe('questions open and close by themselves', () => {
  it('opens at open_time and closes at scheduled_close_time when the runner ticks', async () => {
    const draft = await createQuestion(t, author);
    const openTime = at(2 * HOUR);
    const closeTime = at(DAY);
    const approved = await approveDraft(t, draft.id, author, moderator, {
      open_time: openTime,
      scheduled_close_time: closeTime,
      scheduled_resolve_time: at(2 * DAY),
    });
    expect(approved.status).toBe('scheduled');

    await runDueJobs(t.deps);
    expect((await status(draft.id)).status).toBe('scheduled');

    t.clock.advance(2 * HOUR - 1000);
    await runDueJobs(t.deps);
    expect((await status(draft.id)).status).toBe('scheduled');

    t.clock.advance(1000);
    const opened = await runDueJobs(t.deps);
    expect(opened.done).toBeGreaterThanOrEqual(1);
    expect((await status(draft.id)).status).toBe('open');

    t.clock.advance(DAY);
    await runDueJobs(t.deps);
    const closed = await status(draft.id);
    expect(closed.status).toBe('closed');
    // The close instant is the scheduled one, even though the runner ran later.
    expect(closed.actual_close_time).toBe(closeTime);

    const log = await actions(draft.id);
    const systemEntries = log.filter((entry) => entry.actor === null).map((entry) => entry.action);
    expect(systemEntries).toEqual(['question.open', 'question.close']);
  });

  it('is idempotent: a second job for the same question changes nothing', async () => {
    const draft = await createQuestion(t, author);
    await approveDraft(t, draft.id, author, moderator, {
      open_time: at(HOUR),
      scheduled_close_time: at(DAY),
      scheduled_resolve_time: at(DAY),
    });
    await t.deps.database.db.transaction().execute((tx) =>
      enqueueJob(tx, {
        type: 'questions.open@1',
        payload: { question_id: draft.id },
        runAt: new Date(Date.parse(at(HOUR))),
      }),
    );
    t.clock.advance(HOUR);
    await runDueJobs(t.deps);
    expect((await status(draft.id)).status).toBe('open');
    const opens = (await actions(draft.id)).filter((entry) => entry.action === 'question.open');
    expect(opens).toHaveLength(1);
  });

  it('re-checks the question: a later open_time reschedules the job', async () => {
    const draft = await createQuestion(t, author);
    await approveDraft(t, draft.id, author, moderator, {
      open_time: at(HOUR),
      scheduled_close_time: at(DAY),
      scheduled_resolve_time: at(DAY),
    });
    const later = new Date(Date.parse(at(3 * HOUR)));
    await t.deps.database.db
      .updateTable('questions')
      .set({ open_time: later })
      .where('id', '=', draft.id)
      .execute();
    t.clock.advance(HOUR);
    const first = await runDueJobs(t.deps);
    expect(first.rescheduled).toBeGreaterThanOrEqual(1);
    expect((await status(draft.id)).status).toBe('scheduled');
    const jobs = await selectJobs(t.deps.database.db, { type: 'questions.open@1' });
    const job = jobs.find((j) => j.payload.question_id === draft.id && j.status === 'pending');
    expect(job?.runAt.toISOString()).toBe(later.toISOString());
    t.clock.advance(2 * HOUR);
    await runDueJobs(t.deps);
    expect((await status(draft.id)).status).toBe('open');
  });

  it('leaves a question closed early alone when its close job comes due', async () => {
    const draft = await createQuestion(t, author);
    await approveDraft(t, draft.id, author, moderator, {
      open_time: at(0),
      scheduled_close_time: at(DAY),
      scheduled_resolve_time: at(DAY),
    });
    t.clock.advance(HOUR);
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${draft.id}/close`,
      headers: moderator.auth,
      payload: {},
    });
    const closedAt = early.json().actual_close_time;
    t.clock.advance(DAY);
    await runDueJobs(t.deps);
    const after = await status(draft.id);
    expect(after.actual_close_time).toBe(closedAt);
    expect((await actions(draft.id)).filter((e) => e.action === 'question.close')).toHaveLength(1);
  });
});

describe('the runner', () => {
  it('runs each job exactly once with two runners on one database', async () => {
    const type = 'test.exactly-once@1';
    const calls: number[] = [];
    const job = countingJob(type, calls);
    const count = 40;
    await enqueueMany(t.deps, type, count);
    // A second instance: its own connection pool on PostgreSQL; on PGlite (one embedded
    // connection per process) the same handle, where the runners interleave.
    const other: Database =
      testBackend() === 'postgres'
        ? await openDatabase({ databaseUrl: t.testDatabase.url, dataDir: '', poolSize: 4 })
        : t.deps.database;
    try {
      const otherDeps: Deps = { ...t.deps, database: other };
      const results = await Promise.all([
        runDueJobs(t.deps, [job]),
        runDueJobs(otherDeps, [job]),
        runDueJobs(t.deps, [job]),
        runDueJobs(otherDeps, [job]),
      ]);
      expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(count);
    } finally {
      if (other !== t.deps.database) await other.close();
    }
    expect(await auditRows(type)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect([...calls].sort((a, b) => a - b)).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );
    const jobs = await selectJobs(t.deps.database.db, { type });
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });

  it('retries other errors with backoff, rolling back the failed attempt', async () => {
    const type = 'test.flaky@1';
    let failuresLeft = 2;
    const flaky: JobDefinition = {
      id: type,
      async handler({ tx, now }) {
        await tx
          .insertInto('audit_log')
          .values({
            actor_id: null,
            action: type,
            target_type: 'test',
            target_id: 1,
            details: '{}',
            created_at: now,
          })
          .execute();
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new Error('temporary outage');
        }
        return undefined;
      },
    };
    await enqueueMany(t.deps, type, 1);
    expect((await runDueJobs(t.deps, [flaky])).retried).toBe(1);
    let [job] = await selectJobs(t.deps.database.db, { type });
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'temporary outage' });
    expect(job.runAt.getTime() - t.clock.now().getTime()).toBe(5000);
    expect(await auditRows(type)).toEqual([]);

    expect((await runDueJobs(t.deps, [flaky])).retried).toBe(0);
    t.clock.advance(5000);
    expect((await runDueJobs(t.deps, [flaky])).retried).toBe(1);
    [job] = await selectJobs(t.deps.database.db, { type });
    expect(job.runAt.getTime() - t.clock.now().getTime()).toBe(10_000);
    t.clock.advance(10_000);
    expect((await runDueJobs(t.deps, [flaky])).done).toBe(1);
    [job] = await selectJobs(t.deps.database.db, { type });
    expect(job).toMatchObject({ status: 'done', attempts: 3 });
    expect(await auditRows(type)).toEqual([1]);
  });

  it('fails a job for good on a DomainError', async () => {
    const type = 'test.broken@1';
    const broken: JobDefinition = {
      id: type,
      async handler() {
        throw new DomainError('VALIDATION_FAILED', 'bad payload');
      },
    };
    await enqueueMany(t.deps, type, 1);
    expect((await runDueJobs(t.deps, [broken])).failed).toBe(1);
    const [job] = await selectJobs(t.deps.database.db, { type });
    expect(job).toMatchObject({ status: 'failed', attempts: 1, lastError: 'bad payload' });
    t.clock.advance(DAY);
    expect((await runDueJobs(t.deps, [broken])).failed).toBe(0);
  });

  it('moves a pending job with the same dedupe key instead of adding one', async () => {
    const type = 'test.dedupe@1';
    const runAt = (ms: number) => new Date(t.clock.now().getTime() + ms);
    await t.deps.database.db.transaction().execute(async (tx) => {
      await enqueueJob(tx, { type, payload: { n: 1 }, runAt: runAt(HOUR), dedupeKey: 'test:1' });
      await enqueueJob(tx, {
        type,
        payload: { n: 2 },
        runAt: runAt(2 * HOUR),
        dedupeKey: 'test:1',
      });
    });
    const jobs = await selectJobs(t.deps.database.db, { type });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toEqual({ n: 2 });
    expect(jobs[0].runAt.toISOString()).toBe(runAt(2 * HOUR).toISOString());
  });

  it('ticks on its own, picks up jobs enqueued before it started, and stops', async () => {
    const type = 'test.background@1';
    const calls: number[] = [];
    await enqueueMany(t.deps, type, 3);
    const runner = startJobRunner(t.deps, {
      definitions: [countingJob(type, calls)],
      pollIntervalMs: 10,
    });
    try {
      await waitFor(async () => (await auditRows(type)).length === 3);
    } finally {
      await runner.stop();
    }
    expect([...calls].sort()).toEqual([1, 2, 3]);
  });
});

describe('jobs survive a restart', () => {
  it('a runner started on a reopened database runs the jobs due meanwhile', async () => {
    const type = 'test.restart@1';
    const calls: number[] = [];
    let dataDir: string | null = null;
    const open = async (): Promise<Database> => {
      if (testBackend() === 'postgres') {
        return openDatabase({ databaseUrl: t.testDatabase.url, dataDir: '', poolSize: 2 });
      }
      dataDir ??= mkdtempSync(join(tmpdir(), 'brier-jobs-'));
      return openDatabase({ databaseUrl: null, dataDir });
    };
    try {
      const first = await open();
      await migrateToLatest(first.db);
      const firstDeps: Deps = { ...t.deps, database: first };
      await first.db.transaction().execute((tx) =>
        enqueueJob(tx, {
          type,
          payload: { n: 7 },
          runAt: new Date(t.clock.now().getTime() + HOUR),
        }),
      );
      // Not due yet: nothing runs before the "crash".
      expect((await runDueJobs(firstDeps, [countingJob(type, calls)])).done).toBe(0);
      await first.close();

      t.clock.advance(2 * HOUR);
      const second = await open();
      try {
        const result = await runDueJobs({ ...t.deps, database: second }, [
          countingJob(type, calls),
        ]);
        expect(result.done).toBe(1);
        expect(calls).toEqual([7]);
        const [job] = await selectJobs(second.db, { type });
        expect(job.status).toBe('done');
      } finally {
        await second.close();
      }
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Polls a condition (no fixed sleeps): resolves once true, fails after ~10 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
