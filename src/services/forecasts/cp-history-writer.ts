// Folds the incremental engines' steps into the stored CP history (`cp_entries`) so that it always
// equals MATH.md §7's history of the stored forecasts, for every method.
import type { CpStep } from '../../core/aggregation/incremental-cp.ts';
import type { AggregationMethod, HistoryEntry } from '../../core/types.ts';
import {
  type CpEntryValues,
  type CpTail,
  deleteEntry,
  type Executor,
  insertEntries,
  selectTail,
  setEntryEndTime,
  updateEntryValues,
} from '../../db/repositories/cp-entry-repository.ts';

/** The steps of one event, per stored method (all methods share times and emptiness). */
export type StepsByMethod = ReadonlyArray<[AggregationMethod, readonly CpStep[]]>;

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

/**
 * Applies the steps in order, like `applyCpStep` of the engine but in SQL: a step at the last
 * entry's start replaces that entry (several events in one second); otherwise the last entry
 * ends at the step's time if still open and the step's entry, if any, is appended.
 * Returns the number of steps written.
 */
export async function writeCpSteps(
  db: Executor,
  questionId: number,
  stepsByMethod: StepsByMethod,
): Promise<number> {
  const [, reference] = stepsByMethod[0] ?? [undefined, []];
  for (const [method, steps] of stepsByMethod) {
    const aligned =
      steps.length === reference.length &&
      steps.every(
        (step, index) =>
          step.time === reference[index].time &&
          (step.entry === null) === (reference[index].entry === null),
      );
    if (!aligned) throw new RangeError(`CP steps of ${method} disagree with the other methods`);
  }
  console.log('STEPS', questionId, JSON.stringify(reference.map(st => [st.time % 100000, st.entry?.forecasterCount ?? null])));
  if (reference.length === 0) return 0;
  const tail = await selectTail(db, questionId, 2);
  for (let index = 0; index < reference.length; index++) {
    const time = reference[index].time;
    const entries: Array<[AggregationMethod, CpEntryValues]> = [];
    for (const [method, steps] of stepsByMethod) {
      const entry = steps[index].entry;
      if (entry !== null) entries.push([method, values(entry)]);
    }
    await applyStep(db, questionId, tail, time, entries);
  }
  return reference.length;
}

async function applyStep(
  db: Executor,
  questionId: number,
  tail: CpTail[],
  time: number,
  entries: Array<[AggregationMethod, CpEntryValues]>,
): Promise<void> {
  const last = tail[0];
  if (last !== undefined && last.startTime === time) {
    if (entries.length > 0) {
      await updateEntryValues(db, questionId, last.seq, entries);
      return;
    }
    await deleteEntry(db, questionId, last.seq);
    tail.shift();
    const previous = tail[0];
    if (previous !== undefined && previous.endTime === null) {
      await setEntryEndTime(db, questionId, previous.seq, time);
      previous.endTime = time;
    }
    // The tail now holds one known entry; reload lazily if another step needs two.
    if (tail.length < 2) tail.splice(0, tail.length, ...(await selectTail(db, questionId, 2)));
    return;
  }
  if (last !== undefined && last.endTime === null) {
    await setEntryEndTime(db, questionId, last.seq, time);
    last.endTime = time;
  }
  if (entries.length > 0) {
    const seq = last === undefined ? 0 : last.seq + 1;
    await insertEntries(db, questionId, seq, time, entries);
    tail.unshift({ seq, startTime: time, endTime: null });
    tail.length = Math.min(tail.length, 2);
  }
}

/**
 * Undoes the timestep at `time` when it stopped being one: a forecast that started at `time`
 * was deleted in the same second (MATH.md §14.2), and no other forecast starts or ends then.
 * §7 then has no entry at `time`, and the entry before it runs on (end_time back to null).
 */
export async function removeTimestep(db: Executor, questionId: number, time: number): Promise<void> {
  console.log('REMOVE', questionId, time % 100000);
  const [last, previous] = await selectTail(db, questionId, 2);
  if (last === undefined) return;
  if (last.startTime === time) {
    await deleteEntry(db, questionId, last.seq);
    if (previous !== undefined && previous.endTime === time) {
      await setEntryEndTime(db, questionId, previous.seq, null);
    }
  } else if (last.endTime === time) {
    await setEntryEndTime(db, questionId, last.seq, null);
  }
}

/** The seq of the last stored entry, or -1 when the history is empty. */
export async function lastSeq(db: Executor, questionId: number): Promise<number> {
  const [last] = await selectTail(db, questionId, 1);
  return last === undefined ? -1 : last.seq;
}
