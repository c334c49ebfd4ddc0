// SQL for the jobs queue: enqueue with an optional dedupe key, claim due rows FOR UPDATE SKIP LOCKED.
import { sql } from 'kysely';
import type { Executor } from './question-repository.ts';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobRecord {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  runAt: Date;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Date;
}

export interface NewJob {
  type: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** At most one pending job per key: enqueueing again moves the pending one to the new time. */
  dedupeKey?: string | null;
  createdAt: Date;
  /** With a dedupe key: leave a pending job as it is (a throttle) instead of moving it. */
  keepPending?: boolean;
}

export async function insertJob(db: Executor, job: NewJob): Promise<void> {
  const values = {
    type: job.type,
    payload: JSON.stringify(job.payload),
    run_at: job.runAt,
    dedupe_key: job.dedupeKey ?? null,
    created_at: job.createdAt,
  };
  if (!job.dedupeKey) {
    await db.insertInto('jobs').values(values).execute();
    return;
  }
  if (job.keepPending) {
    await db
      .insertInto('jobs')
      .values(values)
      .onConflict((conflict) =>
        conflict.column('dedupe_key').where('status', 'in', ['pending', 'running']).doNothing(),
      )
      .execute();
    return;
  }
  await db
    .insertInto('jobs')
    .values(values)
    .onConflict((conflict) =>
      conflict
        .column('dedupe_key')
        .where('status', 'in', ['pending', 'running'])
        .doUpdateSet((eb) => ({
          run_at: eb.ref('excluded.run_at'),
          payload: eb.ref('excluded.payload'),
          type: eb.ref('excluded.type'),
        }))
        .where('jobs.status', '=', 'pending'),
    )
    .execute();
}

/**
 * Locks the next due job of one of `types`, skipping rows another runner holds; the lock lasts
 * until the caller's transaction ends, so a job runs once even with many runners.
 */
export async function claimDueJob(
  tx: Executor,
  now: Date,
  types: readonly string[],
): Promise<JobRecord | undefined> {
  if (types.length === 0) return undefined;
  const row = await tx
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .where('type', 'in', [...types])
    .orderBy('run_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    type: row.type,
    payload: row.payload ?? {},
    runAt: row.run_at,
    status: row.status as JobStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
  };
}

export async function finishJob(
  tx: Executor,
  id: number,
  outcome:
    | { status: 'done'; attempts: number; at: Date }
    | { status: 'failed'; attempts: number; at: Date; error: string }
    | { status: 'pending'; attempts: number; at: Date; runAt: Date; error: string | null },
): Promise<void> {
  await tx
    .updateTable('jobs')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      locked_at: outcome.at,
      ...(outcome.status === 'pending' ? { run_at: outcome.runAt } : {}),
      ...(outcome.status === 'done' ? {} : { last_error: outcome.error }),
    })
    .where('id', '=', id)
    .execute();
}

export async function selectJobs(
  db: Executor,
  filter: { type?: string } = {},
): Promise<JobRecord[]> {
  let query = db.selectFrom('jobs').selectAll().orderBy('id');
  if (filter.type) query = query.where('type', '=', filter.type);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    payload: row.payload ?? {},
    runAt: row.run_at,
    status: row.status as JobStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
  }));
}

/**
 * A savepoint around one job's handler, so a failing handler's writes roll back while the claim
 * and the recorded failure commit in the same transaction.
 */
export async function beginJobSavepoint(tx: Executor): Promise<void> {
  await sql`savepoint job_handler`.execute(tx);
}

export async function releaseJobSavepoint(tx: Executor): Promise<void> {
  await sql`release savepoint job_handler`.execute(tx);
}

export async function rollbackToJobSavepoint(tx: Executor): Promise<void> {
  await sql`rollback to savepoint job_handler`.execute(tx);
}
