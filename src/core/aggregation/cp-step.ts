// A CP history timestep produced by the incremental engine, and how to fold it into a history.
import type { HistoryEntry } from '../types.ts';

/** One §7 timestep produced by an event. */
export interface CpStep {
  time: number;
  /** The entry starting at `time`, or null when no forecast is active any more. */
  entry: HistoryEntry | null;
  /**
   * True when `time` stopped being a timestep: the only forecasts starting or ending then
   * were deleted within that second (§14.2), so the entry starting at `time` is dropped and
   * the one it ended runs on (`entry` is null).
   */
  isRetraction: boolean;
}

/**
 * Folds a step into a §7 history (mutating it): a step at the last entry's start time
 * replaces that entry; a retraction re-opens the entry that ended at its time; otherwise the
 * last entry ends at the step's time if it is still open, and the step's entry is appended.
 */
export function applyCpStep(history: HistoryEntry[], step: CpStep): void {
  let last = history.at(-1);
  if (last !== undefined && last.startTime === step.time) {
    history.pop();
    last = history.at(-1);
  }
  if (step.isRetraction) {
    if (last !== undefined && last.endTime === step.time) last.endTime = null;
    return;
  }
  if (last !== undefined && last.endTime === null) last.endTime = step.time;
  if (step.entry !== null) history.push(step.entry);
}
