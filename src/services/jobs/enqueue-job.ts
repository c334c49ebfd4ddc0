// Puts a job on the database queue inside the caller's transaction (it runs only if that commits).

import { insertJob } from '../../db/repositories/job-repository.ts';
import type { Executor } from '../../db/repositories/question-repository.ts';

export interface EnqueueJobInput {
  /** A definition id, `area.action@version`, e.g. `questions.open@1`. */
  type: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /**
   * At most one pending job per key (e.g. `questions.open:7`): enqueueing again moves the
   * pending job to the new time and payload instead of adding a second one.
   */
  dedupeKey?: string | null;
  /** When the job was created (deps.clock.now()); defaults to runAt. */
  now?: Date;
  /** Leave an already pending job of the same key where it is (throttle, not debounce). */
  keepPending?: boolean;
}

export async function enqueueJob(tx: Executor, input: EnqueueJobInput): Promise<void> {
  await insertJob(tx, {
    type: input.type,
    payload: input.payload,
    runAt: input.runAt,
    dedupeKey: input.dedupeKey ?? null,
    createdAt: input.now ?? input.runAt,
    keepPending: input.keepPending,
  });
}
