// The background job runner of every instance: polls the jobs table and runs what is due.
import type { Deps } from '../services/deps.ts';
import type { JobDefinition } from '../services/jobs/job-definition.ts';
import {
  type RunDueJobsResult,
  runDueJobs as runDueJobsOnce,
} from '../services/jobs/run-due-jobs.ts';
import { JOB_DEFINITIONS } from './definitions/index.ts';

export interface JobRunnerOptions {
  definitions?: readonly JobDefinition[];
  /** Default: config.jobPollIntervalMs (JOB_POLL_INTERVAL_MS, 1000). */
  pollIntervalMs?: number;
}

/** One tick: runs every due job now (tests call this instead of waiting for the timer). */
export function runDueJobs(
  deps: Deps,
  definitions: readonly JobDefinition[] = JOB_DEFINITIONS,
): Promise<RunDueJobsResult> {
  return runDueJobsOnce(deps, { definitions });
}

export interface JobRunner {
  /** Stops polling and waits for the tick in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Ticks every poll interval (never two ticks at once in one process). Several instances may run
 * side by side: jobs are claimed FOR UPDATE SKIP LOCKED, so each runs once.
 */
export function startJobRunner(deps: Deps, options: JobRunnerOptions = {}): JobRunner {
  const definitions = options.definitions ?? JOB_DEFINITIONS;
  const intervalMs = options.pollIntervalMs ?? deps.config.jobPollIntervalMs;
  let isStopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  const tick = () => {
    timer = null;
    current = runDueJobs(deps, definitions)
      .then(
        () => undefined,
        (error: unknown) => deps.logger.error({ err: error }, 'job runner tick failed'),
      )
      .finally(() => {
        if (!isStopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
  };
}
