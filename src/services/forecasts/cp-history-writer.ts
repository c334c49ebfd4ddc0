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
 * Applies the steps in order, like the engine's `applyCpStep` but in SQL: a step at the last
 * entry's start replaces that entry (several events in one second); a retraction re-opens the
 * entry that ended at its time; otherwise the last entry ends at the step's time if still open
 * and the step's entry, if any, is appended. Returns the seq of the last stored entry afterwards
 * (-1 when the history is empty), or null when there was no step to write.
 */
export async function writeCpSteps(
  db: Executor,
  questionId: number,
  stepsByMethod: StepsByMethod,
): Promise<number | null> {
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
  if (reference.length === 0) return null;
  const tail = await selectTail(db, questionId, 2);
  for (let index = 0; index < reference.length; index++) {
    const time = reference[index].time;
    const entries: Array<[AggregationMethod, CpEntryValues]> = [];
    for (const [method, steps] of stepsByMethod) {
      const entry = steps[index].entry;
      if (entry !== null) entries.push([method, values(entry)]);
    }
    await applyStep(db, questionId, tail, time, entries, reference[index].isRetraction);
  }
  return tail[0]?.seq ?? -1;
}

async function applyStep(
  db: Executor,
  questionId: number,
  tail: CpTail[],
  time: number,
  entries: Array<[AggregationMethod, CpEntryValues]>,
  isRetraction: boolean,
): Promise<void> {
  const last = tail[0];
  if (last !== undefined && last.startTime === time) {
    if (entries.length > 0 && !isRetraction) {
      await updateEntryValues(db, questionId, last.seq, entries);
      return;
    }
    await deleteEntry(db, questionId, last.seq);
    tail.shift();
    // Keep two known entries for the steps still to come in this event.
    if (tail.length < 2) tail.splice(0, tail.length, ...(await selectTail(db, questionId, 2)));
  }
  const current = tail[0];
  if (isRetraction) {
    // `time` is no timestep any more (§14.2 deleted the only forecasts starting or ending
    // then): the entry that ended there runs on.
    if (current !== undefined && current.endTime === time) {
      await setEntryEndTime(db, questionId, current.seq, null);
      current.endTime = null;
    }
    return;
  }
  if (current !== undefined && current.endTime === null) {
    await setEntryEndTime(db, questionId, current.seq, time);
    current.endTime = time;
  }
  if (entries.length > 0) {
    const seq = current === undefined ? 0 : current.seq + 1;
    await insertEntries(db, questionId, seq, time, entries);
    tail.unshift({ seq, startTime: time, endTime: null });
    tail.length = Math.min(tail.length, 2);
  }
}
