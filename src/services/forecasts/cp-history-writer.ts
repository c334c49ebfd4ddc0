// Folds the incremental engines' steps into the stored CP history (`cp_entries`) so that it always
// equals docs/maths.md §7's history of the stored forecasts, for every method. The steps are applied to
// an in-memory model of the history's last entries and become one set of row changes, written
// with the rest of the event in a single statement (cp-event-repository.ts); the database is read
// only when the model runs out of known entries (a step deleting back past them).
import type { CpStep } from '../../core/aggregation/incremental-cp.ts';
import type { AggregationMethod, HistoryEntry } from '../../core/types.ts';
import {
  type CpEntryRecord,
  type CpEntryValues,
  type CpTail,
  type Executor,
  selectTail,
} from '../../db/repositories/cp-entry-repository.ts';
import type { HistoryChanges } from '../../db/repositories/cp-event-repository.ts';

/** The steps of one event, per stored method (all methods share times and emptiness). */
export type StepsByMethod = ReadonlyArray<[AggregationMethod, readonly CpStep[]]>;

type MethodValues = Array<[AggregationMethod, CpEntryValues]>;

/** The last stored entries as far as known: highest seq first. */
export interface KnownTail {
  entries: CpTail[];
  /** True when `entries` is the whole history (nothing stored before the last of them). */
  isComplete: boolean;
}

/** How many of the last entries the model (and the engine cache) keeps. */
const TAIL_LENGTH = 2;

function values(entry: HistoryEntry): CpEntryValues {
  return {
    forecasterCount: entry.forecasterCount,
    forecastValues: entry.forecastValues,
    intervalLowerBounds: entry.intervalLowerBounds,
    centers: entry.centers,
    intervalUpperBounds: entry.intervalUpperBounds,
    means: entry.means,
  };
}

function finiteOrNull(list: readonly number[]): Array<number | null> {
  return list.map((value) => (Number.isFinite(value) ? value : null));
}

/** One entry (all methods) as the model sees it. */
interface ModelRow {
  seq: number;
  startTime: number;
  endTime: number | null;
  /** Whether the row is in the database as of the last flush. */
  isStored: boolean;
  /** Whether the entry exists after the steps applied so far. */
  exists: boolean;
  /** New values of every method; null = the stored values are unchanged. */
  values: MethodValues | null;
  /** The end differs from the stored one. */
  isEndChanged: boolean;
}

/** Throws unless every method's steps share times, kinds and emptiness. */
export function checkAligned(stepsByMethod: StepsByMethod): readonly CpStep[] {
  const [, reference] = stepsByMethod[0] ?? [undefined, []];
  for (const [method, steps] of stepsByMethod) {
    const aligned =
      steps.length === reference.length &&
      steps.every(
        (step, index) =>
          step.time === reference[index].time &&
          step.isRetraction === reference[index].isRetraction &&
          (step.entry === null) === (reference[index].entry === null),
      );
    if (!aligned) throw new RangeError(`CP steps of ${method} disagree with the other methods`);
  }
  return reference;
}

/**
 * The stored history of one question during a CP event: steps are applied like the engine's
 * `applyCpStep`, but to a model of the last entries: a step at the last entry's start replaces
 * that entry (several events in one second); a retraction re-opens the entry that ended at its
 * time; otherwise the last entry ends at the step's time if still open and the step's entry, if
 * any, is appended. `changes()` lists the row changes still to write.
 */
export class CpHistoryPatch {
  private known: ModelRow[];
  private isComplete: boolean;
  private rows = new Map<number, ModelRow>();
  private hasSteps = false;

  constructor(
    private readonly db: Executor,
    private readonly questionId: number,
    tail: KnownTail,
    /** Writes the changes so far (the caller's statement), so the database can be read. */
    private readonly flushChanges: (changes: HistoryChanges) => Promise<void>,
  ) {
    this.known = tail.entries.map((entry) => this.storedRow(entry));
    this.isComplete = tail.isComplete;
  }

  /** Reads the last stored entries (when no event left them in the engine cache). */
  static async readTail(db: Executor, questionId: number): Promise<KnownTail> {
    const entries = await selectTail(db, questionId, TAIL_LENGTH);
    return { entries, isComplete: entries.length < TAIL_LENGTH };
  }

  private storedRow(entry: CpTail): ModelRow {
    const row: ModelRow = {
      seq: entry.seq,
      startTime: entry.startTime,
      endTime: entry.endTime,
      isStored: true,
      exists: true,
      values: null,
      isEndChanged: false,
    };
    this.rows.set(row.seq, row);
    return row;
  }

  /** Applies one event's steps (every method's, aligned). */
  async apply(stepsByMethod: StepsByMethod): Promise<void> {
    const reference = checkAligned(stepsByMethod);
    for (let index = 0; index < reference.length; index++) {
      const entries: MethodValues = [];
      for (const [method, steps] of stepsByMethod) {
        const entry = steps[index].entry;
        if (entry !== null) entries.push([method, values(entry)]);
      }
      await this.applyStep(reference[index].time, entries, reference[index].isRetraction);
      this.hasSteps = true;
    }
  }

  /** Whether any step was applied (the event changed the history). */
  get isChanged(): boolean {
    return this.hasSteps;
  }

  private async last(): Promise<ModelRow | undefined> {
    if (this.known.length === 0 && !this.isComplete) await this.reload();
    return this.known[0];
  }

  /** Writes the pending changes, then reads the last entries from the database. */
  private async reload(): Promise<void> {
    await this.flush();
    this.rows = new Map();
    const tail = await CpHistoryPatch.readTail(this.db, this.questionId);
    this.known = tail.entries.map((entry) => this.storedRow(entry));
    this.isComplete = tail.isComplete;
  }

  /** Writes the pending changes now (they are then part of the stored history). */
  async flush(): Promise<void> {
    const changes = this.changes();
    if (changes.deletes.length + changes.ends.length + changes.upserts.length > 0) {
      await this.flushChanges(changes);
    }
    for (const [seq, row] of this.rows) {
      if (!row.exists) {
        this.rows.delete(seq);
        continue;
      }
      row.isStored = true;
      row.values = null;
      row.isEndChanged = false;
    }
  }

  private async applyStep(
    time: number,
    entries: MethodValues,
    isRetraction: boolean,
  ): Promise<void> {
    const last = await this.last();
    if (last !== undefined && last.startTime === time) {
      if (entries.length > 0 && !isRetraction) {
        last.values = entries;
        return;
      }
      last.exists = false;
      last.values = null;
      this.known.shift();
    }
    const current = await this.last();
    if (isRetraction) {
      // `time` is no timestep any more (§14.2 deleted the only forecasts starting or ending
      // then): the entry that ended there runs on.
      if (current !== undefined && current.endTime === time) this.setEnd(current, null);
      return;
    }
    if (current !== undefined && current.endTime === null) this.setEnd(current, time);
    if (entries.length > 0) {
      const seq = current === undefined ? 0 : current.seq + 1;
      const existing = this.rows.get(seq);
      const row: ModelRow = {
        seq,
        startTime: time,
        endTime: null,
        // A deleted stored row taken again: its row is overwritten, not re-inserted.
        isStored: existing?.isStored ?? false,
        exists: true,
        values: entries,
        isEndChanged: false,
      };
      this.rows.set(seq, row);
      this.known.unshift(row);
      if (this.known.length > TAIL_LENGTH) {
        this.known.length = TAIL_LENGTH;
        this.isComplete = false;
      }
    }
  }

  private setEnd(row: ModelRow, endTime: number | null): void {
    row.endTime = endTime;
    row.isEndChanged = true;
  }

  /** The row changes still to write; each seq appears once. */
  changes(): HistoryChanges {
    const changes: HistoryChanges = { deletes: [], ends: [], upserts: [] };
    for (const row of this.rows.values()) {
      if (!row.exists) {
        if (row.isStored) changes.deletes.push(row.seq);
      } else if (row.values !== null) {
        changes.upserts.push({
          seq: row.seq,
          startTime: row.startTime,
          endTime: row.endTime,
          byMethod: row.values,
        });
      } else if (row.isEndChanged) {
        changes.ends.push({ seq: row.seq, endTime: row.endTime });
      }
    }
    return changes;
  }

  /** Seq of the last entry after the steps (-1 when the history is empty). */
  async lastSeq(): Promise<number> {
    return (await this.last())?.seq ?? -1;
  }

  /** The last entries after the steps, for the engine cache. */
  tail(): KnownTail {
    return {
      entries: this.known.map((row) => ({
        seq: row.seq,
        startTime: row.startTime,
        endTime: row.endTime,
      })),
      isComplete: this.isComplete,
    };
  }

  /**
   * The current entry of `method` after the steps when the model knows it: `{record}` with the
   * open-ended last entry (null when the history is empty or its last entry has ended), or
   * undefined when the values must be read from the database.
   */
  currentEntry(method: AggregationMethod): { record: CpEntryRecord | null } | undefined {
    const last = this.known[0];
    if (last === undefined) return this.isComplete ? { record: null } : undefined;
    if (last.endTime !== null) return { record: null };
    const entry = last.values?.find(([entryMethod]) => entryMethod === method)?.[1];
    if (entry === undefined) return undefined;
    return {
      record: {
        method,
        seq: last.seq,
        startTime: last.startTime,
        endTime: null,
        forecasterCount: entry.forecasterCount,
        forecastValues: finiteOrNull(entry.forecastValues),
        intervalLowerBounds: finiteOrNull(entry.intervalLowerBounds),
        centers: finiteOrNull(entry.centers),
        intervalUpperBounds: finiteOrNull(entry.intervalUpperBounds),
        means: entry.means === null ? null : finiteOrNull(entry.means),
      },
    };
  }
}
