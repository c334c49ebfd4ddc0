// Group commit for statements many requests run at once: while a statement is on its way to the
// database, the items that arrive in the meantime wait and go together in the next one. An idle
// server sends each item after one turn of the event loop (no timer, no added latency); under
// load one statement, one round trip and one commit serve many requests. Used for forecast
// writes (services/forecasts/cp-write-batcher.ts) and API-token lookups.
import type { Database, DatabaseKind } from './database.ts';

export interface StatementBatcherOptions<Item, Result> {
  /**
   * Statements in flight at once, per backend. On PostgreSQL two overlap one batch's round trip
   * with the next batch's work; PGlite has one connection, where a second would only wait.
   */
  maxInFlight: Record<DatabaseKind, number>;
  /** Items per statement: bounds its size and the wait of the last item in it. */
  maxBatch: number;
  /** Items with equal keys never share a statement (the later one waits for the next). */
  keyOf?: (item: Item) => unknown;
  /** What an item counts for in `stats` (default 1; e.g. the forecasts a merged write carries). */
  sizeOf?: (item: Item) => number;
  /** Runs one statement for `items`; the results are in the same order. */
  run(items: Item[]): Promise<Result[]>;
}

/** What a batcher has done so far (for /metrics and the benchmark's report). */
export interface BatcherStats {
  statements: number;
  /** Items sent, each counted by `sizeOf`. */
  items: number;
  /** The most items (by `sizeOf`) one statement carried. */
  largestBatch: number;
}

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class StatementBatcher<Item, Result> {
  private pending: Pending<Item, Result>[] = [];
  private inFlight = 0;
  private isDrainScheduled = false;
  readonly stats: BatcherStats = { statements: 0, items: 0, largestBatch: 0 };

  constructor(
    private readonly database: Database,
    private readonly options: StatementBatcherOptions<Item, Result>,
  ) {}

  /** Resolves with the item's result once its statement is done; rejects if it failed. */
  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.scheduleDrain();
    });
  }

  /**
   * Drains once the current turn of the event loop is over, so that the items other requests
   * reach in this turn join the statement (on PGlite a statement runs on this thread, and
   * without the wait every item would go alone).
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
    const limit = this.options.maxInFlight[this.database.kind];
    while (this.inFlight < limit && this.pending.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      this.stats.statements += 1;
      const { sizeOf } = this.options;
      const size = sizeOf
        ? batch.reduce((sum, pending) => sum + sizeOf(pending.item), 0)
        : batch.length;
      this.stats.items += size;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, size);
      this.options
        .run(batch.map((pending) => pending.item))
        .then(
          (results) => {
            for (const [index, pending] of batch.entries()) {
              pending.resolve(results[index] as Result);
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

  /** The oldest waiting items, at most `maxBatch` and one per key. */
  private takeBatch(): Pending<Item, Result>[] {
    const { keyOf, maxBatch } = this.options;
    if (keyOf === undefined) return this.pending.splice(0, maxBatch);
    const batch: Pending<Item, Result>[] = [];
    const rest: Pending<Item, Result>[] = [];
    const keys = new Set<unknown>();
    for (const pending of this.pending) {
      const key = keyOf(pending.item);
      if (batch.length < maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.pending = rest;
    return batch;
  }
}
