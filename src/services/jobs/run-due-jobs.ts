// One tick of the job queue: claim due jobs one by one (FOR UPDATE SKIP LOCKED) and run them.
import {
  beginJobSavepoint,
  claimDueJob,
  finishJob,
  releaseJobSavepoint,
  rollbackToJobSavepoint,
} from '../../db/repositories/job-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import type { JobDefinition, JobResult } from './job-definition.ts';

export const MAX_JOB_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 3_600_000;

/** Delay before retry number `attempts` + 1: 5 s, 10 s, 20 s … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export interface RunDueJobsOptions {
  definitions: readonly JobDefinition[];
  /** Stop after this many jobs in one tick (the next tick continues). */
  maxJobs?: number;
}

export interface RunDueJobsResult {
  done: number;
  retried: number;
  failed: number;
  rescheduled: number;
}

type Outcome = keyof RunDueJobsResult;

/**
 * Runs every due job once. Each job runs inside the transaction that claimed it, behind a
 * savepoint: success commits the handler's writes with "done"; a failure rolls the handler back
 * and records the error (retry later, or fail for good on a DomainError or after the last try).
 */
export async function runDueJobs(
  deps: Deps,
  options: RunDueJobsOptions,
): Promise<RunDueJobsResult> {
  const byId = new Map(options.definitions.map((definition) => [definition.id, definition]));
  const types = [...byId.keys()];
  const result: RunDueJobsResult = { done: 0, retried: 0, failed: 0, rescheduled: 0 };
  const maxJobs = options.maxJobs ?? 100;
  for (let count = 0; count < maxJobs; count++) {
    const outcome = await runOneJob(deps, byId, types);
    if (outcome === null) break;
    result[outcome] += 1;
  }
  return result;
}

async function runOneJob(
  deps: Deps,
  byId: Map<string, JobDefinition>,
  types: string[],
): Promise<Outcome | null> {
  return deps.database.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const job = await claimDueJob(tx, now, types);
    if (!job) return null;
    const definition = byId.get(job.type)!;
    const attempts = job.attempts + 1;
    await beginJobSavepoint(tx);
    let handlerResult: JobResult;
    try {
      handlerResult = await definition.handler({
        deps,
        tx,
        job: { id: job.id, type: job.type, payload: job.payload, attempts },
        now,
      });
      await releaseJobSavepoint(tx);
    } catch (error) {
      await rollbackToJobSavepoint(tx);
      const message = error instanceof Error ? error.message : String(error);
      const isPermanent = error instanceof DomainError || attempts >= MAX_JOB_ATTEMPTS;
      deps.logger.warn(
        { err: error, job_id: job.id, job_type: job.type, attempts, permanent: isPermanent },
        'job failed',
      );
      if (isPermanent) {
        await finishJob(tx, job.id, { status: 'failed', attempts, at: now, error: message });
        return 'failed';
      }
      await finishJob(tx, job.id, {
        status: 'pending',
        attempts,
        at: now,
        runAt: new Date(now.getTime() + retryDelayMs(attempts)),
        error: message,
      });
      return 'retried';
    }
    if (handlerResult?.rescheduleAt) {
      await finishJob(tx, job.id, {
        status: 'pending',
        attempts: job.attempts,
        at: now,
        // Never earlier than a second from now, so one tick cannot spin on a job.
        runAt: new Date(Math.max(handlerResult.rescheduleAt.getTime(), now.getTime() + 1000)),
        error: null,
      });
      return 'rescheduled';
    }
    await finishJob(tx, job.id, { status: 'done', attempts, at: now });
    return 'done';
  });
}
