// The hourly clean-up deletes what no request can use any more (expired sessions, idempotent
// results past their day, finished jobs past their week) and nothing else, then comes back.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectJobs } from '../../../src/db/repositories/job-repository.ts';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import {
  PURGE_EXPIRED_DATA_JOB,
  PURGE_INTERVAL_MS,
  schedulePurge,
} from '../../../src/services/maintenance/purge-expired-data.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const HOUR_MS = 60 * 60 * 1000;

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await createUser(t);
});
afterAll(() => t.close());

function ago(ms: number): Date {
  return new Date(t.clock.now().getTime() - ms);
}

async function insertSession(id: string, expiresAt: Date) {
  await sql`insert into sessions (id, user_id, csrf_token, expires_at)
    values (${id}, ${user.id}, 'csrf', ${expiresAt})`.execute(t.deps.database.db);
}

async function insertIdempotentResult(key: string, createdAt: Date) {
  await sql`insert into idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
    values (${user.id}, ${key}, 'hash', 201, '{}'::jsonb, ${createdAt})`.execute(
    t.deps.database.db,
  );
}

async function insertJob(type: string, status: string, runAt: Date) {
  await sql`insert into jobs (type, status, run_at) values (${type}, ${status}, ${runAt})`.execute(
    t.deps.database.db,
  );
}

async function column<T>(query: string): Promise<T[]> {
  const result = await sql.raw<{ value: T }>(query).execute(t.deps.database.db);
  return result.rows.map((row) => row.value).sort();
}

describe('maintenance.purge@1', () => {
  it('deletes expired sessions, day-old idempotent results and week-old finished jobs only', async () => {
    await insertSession('purge-expired', ago(1_000));
    await insertSession('purge-live', ago(-HOUR_MS));
    await insertIdempotentResult('purge-old', ago(25 * HOUR_MS));
    await insertIdempotentResult('purge-recent', ago(23 * HOUR_MS));
    await insertJob('test.old-done@1', 'done', ago(8 * 24 * HOUR_MS));
    await insertJob('test.recent-done@1', 'done', ago(6 * 24 * HOUR_MS));
    await insertJob('test.old-failed@1', 'failed', ago(8 * 24 * HOUR_MS));

    await schedulePurge(t.deps.database.db, t.clock.now());
    const result = await runDueJobs(t.deps);
    expect(result.done + result.rescheduled).toBeGreaterThan(0);

    expect(
      await column<string>(`select id as value from sessions where id like 'purge-%'`),
    ).toEqual(['purge-live']);
    expect(
      await column<string>(`select key as value from idempotency_keys where key like 'purge-%'`),
    ).toEqual(['purge-recent']);
    expect(await column<string>(`select type as value from jobs where type like 'test.%'`)).toEqual(
      ['test.old-failed@1', 'test.recent-done@1'],
    );
    // The user's own session (from signing up) and token still work.
    const me = await t.app.inject({ url: '/api/v1/me', headers: user.auth });
    expect(me.statusCode).toBe(200);
  });

  it('stays one pending job that comes back an hour later', async () => {
    await schedulePurge(t.deps.database.db, t.clock.now());
    await runDueJobs(t.deps);
    const pending = (await selectJobs(t.deps.database.db, { type: PURGE_EXPIRED_DATA_JOB })).filter(
      (job) => job.status === 'pending',
    );
    expect(pending).toHaveLength(1);
    expect(pending[0].runAt.getTime()).toBe(t.clock.now().getTime() + PURGE_INTERVAL_MS);
  });
});
