// The hourly clean-up job: expired sessions, idempotent results older than a day, finished
// jobs older than a week and login failures older than an hour are deleted, so these tables do
// not grow forever. Several instances share one pending job (its dedupe key), which reschedules
// itself after each run.
import { purgeExpiredRows } from '../../db/repositories/maintenance-repository.ts';
import type { Executor } from '../../db/repositories/question-repository.ts';
import { LOGIN_FAILURE_MEMORY_MS } from '../../domain/login-throttle.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';

export const PURGE_EXPIRED_DATA_JOB = 'maintenance.purge@1';

const HOUR_MS = 60 * 60 * 1000;
/** A retry with the same Idempotency-Key within this time gets the first answer (docs/api.md). */
export const IDEMPOTENCY_RETENTION_MS = 24 * HOUR_MS;
/** Finished jobs stay this long for inspection; failed ones stay until an operator looks. */
export const DONE_JOB_RETENTION_MS = 7 * 24 * HOUR_MS;
export const PURGE_INTERVAL_MS = HOUR_MS;
/** Rows per table and run; a run that hits it comes back a minute later for the rest. */
export const PURGE_BATCH = 5_000;
const CATCH_UP_DELAY_MS = 60 * 1000;

/** Schedules the job at `runAt` unless one is already pending (which then moves there). */
export async function schedulePurge(db: Executor, runAt: Date): Promise<void> {
  await enqueueJob(db, {
    type: PURGE_EXPIRED_DATA_JOB,
    payload: {},
    runAt,
    dedupeKey: PURGE_EXPIRED_DATA_JOB,
  });
}

export async function purgeExpiredData(context: JobContext): Promise<JobResult> {
  const { now, tx, deps } = context;
  const counts = await purgeExpiredRows(tx, {
    sessionsExpiredBefore: now,
    idempotencyStoredBefore: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS),
    jobsDoneBefore: new Date(now.getTime() - DONE_JOB_RETENTION_MS),
    loginFailuresBefore: new Date(now.getTime() - LOGIN_FAILURE_MEMORY_MS),
    now,
    limit: PURGE_BATCH,
  });
  if (Object.values(counts).some((count) => count > 0)) {
    deps.logger.info({ purged: counts }, 'expired rows purged');
  }
  const isCatchingUp = Object.values(counts).some((count) => count >= PURGE_BATCH);
  return {
    rescheduleAt: new Date(now.getTime() + (isCatchingUp ? CATCH_UP_DELAY_MS : PURGE_INTERVAL_MS)),
  };
}
