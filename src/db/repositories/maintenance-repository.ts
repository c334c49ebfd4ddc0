// Deletes rows that have served their purpose: expired sessions, old idempotent results, old
// finished jobs, forgotten login failures. Each call removes at most `limit` rows per table, so one transaction stays short.
import { sql } from 'kysely';
import type { Executor } from './question-repository.ts';

export interface PurgeCutoffs {
  /** Sessions that expired before this instant. */
  sessionsExpiredBefore: Date;
  /** Idempotent results stored before this instant. */
  idempotencyStoredBefore: Date;
  /** Jobs that finished (`done`) and were due before this instant; failed jobs are kept. */
  jobsDoneBefore: Date;
  /** Login throttles whose last failure is older than this and whose wait is over. */
  loginFailuresBefore: Date;
  now: Date;
  limit: number;
}

export interface PurgeCounts {
  sessions: number;
  idempotencyKeys: number;
  jobs: number;
  loginThrottles: number;
}

export async function purgeExpiredRows(db: Executor, cutoffs: PurgeCutoffs): Promise<PurgeCounts> {
  const { limit } = cutoffs;
  const sessions = await db
    .deleteFrom('sessions')
    .where(
      'id',
      'in',
      db
        .selectFrom('sessions')
        .select('id')
        .where('expires_at', '<', cutoffs.sessionsExpiredBefore)
        .limit(limit),
    )
    .executeTakeFirst();
  // Its primary key is (user_id, key): compared as a row, which the query builder cannot write.
  const idempotencyKeys = await sql`
    delete from idempotency_keys
    where (user_id, key) in (
      select user_id, key from idempotency_keys
      where created_at < ${cutoffs.idempotencyStoredBefore}
      limit ${limit}
    )`.execute(db);
  const jobs = await db
    .deleteFrom('jobs')
    .where(
      'id',
      'in',
      db
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'done')
        .where('run_at', '<', cutoffs.jobsDoneBefore)
        .limit(limit),
    )
    .executeTakeFirst();
  const loginThrottles = await db
    .deleteFrom('login_throttles')
    .where(
      'key',
      'in',
      db
        .selectFrom('login_throttles')
        .select('key')
        .where('last_failure_at', '<', cutoffs.loginFailuresBefore)
        .where((eb) =>
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', cutoffs.now)]),
        )
        .limit(limit),
    )
    .executeTakeFirst();
  return {
    loginThrottles: Number(loginThrottles.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
    idempotencyKeys: Number(idempotencyKeys.numAffectedRows ?? 0),
    jobs: Number(jobs.numDeletedRows),
  };
}
