// Group commit for optimistic CP events (cp-transaction.ts): while one statement is on its way
// to the database, the events that finish in the meantime wait, and go together in the next
// statement (writeCpEvents), one commit for all of them. An idle server writes each event at
// once (no timer, no added latency); under load the batches grow with the load, and the
// database does one statement, one commit and one NOTIFY per batch instead of per forecast.
//
// Each event keeps its own guard, so one event's conflict does not affect the others. If the
// statement fails, nothing of it was written (it is a single autocommitted statement), and each
// of its events is told so and runs again the locked way.
import type { Database } from '../../db/database.ts';
import {
  type CpEventWrite,
  type CpEventWritten,
  writeCpEvents,
} from '../../db/repositories/cp-event-repository.ts';

/**
 * Statements in flight at once. On PostgreSQL two overlap one batch's commit with the next
 * batch's work; PGlite has one connection, where a second statement would only wait for it.
 */
const MAX_STATEMENTS_IN_FLIGHT = { postgres: 2, pglite: 1 } as const;
/** Events per statement: bounds the statement's size and the wait of the last event in it. */
const MAX_EVENTS_PER_STATEMENT = 64;

interface PendingWrite {
  write: CpEventWrite;
  resolve(written: CpEventWritten): void;
  reject(error: unknown): void;
}

/** What the batcher has done so far (for tests and the benchmark's report). */
export interface BatcherStats {
  statements: number;
  events: number;
  largestBatch: number;
}

export class CpWriteBatcher {
  private pending: PendingWrite[] = [];
  private inFlight = 0;
  private isDrainScheduled = false;
  readonly stats: BatcherStats = { statements: 0, events: 0, largestBatch: 0 };

  constructor(private readonly database: Database) {}

  /** Writes the event with whatever else is waiting; resolves once its statement committed. */
  write(write: CpEventWrite): Promise<CpEventWritten> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      this.scheduleDrain();
    });
  }

  /**
   * Drains once the current turn of the event loop is over, so that the events other requests
   * finish in this turn join the statement (on PGlite a statement runs on this thread, and
   * without the wait every event would go alone).
   */
  private scheduleDrain(): void {
    if (this.isDrainScheduled) return;
    this.isDrainScheduled = true;
    setImmediate(() => {
      this.isDrainScheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    const limit = MAX_STATEMENTS_IN_FLIGHT[this.database.kind];
    while (this.inFlight < limit && this.pending.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      this.stats.statements += 1;
      this.stats.events += batch.length;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
      writeCpEvents(
        this.database.db,
        batch.map((pending) => pending.write),
      )
        .then(
          (written) => {
            for (const [index, pending] of batch.entries()) {
              pending.resolve(written[index] as CpEventWritten);
            }
          },
          (error: unknown) => {
            for (const pending of batch) pending.reject(error);
          },
        )
        .finally(() => {
          this.inFlight -= 1;
          this.scheduleDrain();
        });
    }
  }

  /**
   * The oldest waiting events, at most one per question (a question's events are queued one
   * at a time in a process, so a second one only comes from a caller outside that queue).
   */
  private takeBatch(): PendingWrite[] {
    const batch: PendingWrite[] = [];
    const rest: PendingWrite[] = [];
    const questions = new Set<number>();
    for (const pending of this.pending) {
      const { questionId } = pending.write;
      if (batch.length < MAX_EVENTS_PER_STATEMENT && !questions.has(questionId)) {
        questions.add(questionId);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.pending = rest;
    return batch;
  }
}

const batchers = new WeakMap<Database, CpWriteBatcher>();

/** One batcher per open database (per process in production; per app instance in tests). */
export function cpWriteBatcherFor(database: Database): CpWriteBatcher {
  let batcher = batchers.get(database);
  if (!batcher) {
    batcher = new CpWriteBatcher(database);
    batchers.set(database, batcher);
  }
  return batcher;
}
