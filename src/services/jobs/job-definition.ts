// What a background job is: an id with a version, and a handler run inside the claiming transaction.
import type { Executor } from '../../db/repositories/question-repository.ts';
import type { Deps } from '../deps.ts';

export interface JobContext {
  deps: Deps;
  /**
   * The transaction that claimed the job: the handler's writes commit together with the job's
   * completion, so a job's effects happen exactly once. Use it for every query (PGlite has a
   * single connection: queries through `deps.database.db` would wait for this transaction).
   */
  tx: Executor;
  job: { id: number; type: string; payload: Record<string, unknown>; attempts: number };
  now: Date;
}

/** `undefined` = done; `{ rescheduleAt }` = not due after all, run again then (no retry counted). */
export type JobResult = undefined | { rescheduleAt: Date };

export interface JobDefinition {
  /** `area.action@version`, e.g. `questions.open@1`; stored as the job's `type`. */
  id: string;
  /**
   * Throw a DomainError for a permanent failure (bad payload, impossible state); any other error
   * is retried with exponential backoff.
   */
  handler(context: JobContext): Promise<JobResult>;
}
