// Incremental CP engine: applies one forecast event and returns the new CP entry (docs/maths.md §1–§7).
//
// API
// ---
//   const engine = IncrementalCp.fromForecasts(question, method, forecasts, { time, extremize });
//     Rebuilds the state at `time` (default: the latest start_time) from stored forecasts:
//     those standing then (start_time ≤ time < end_time) become the active set; pass the ones
//     that ended exactly at `time` too (they are counted, not added; see isRetraction). This is
//     what the server does after a restart.
//   engine.addForecast(forecast)  → CpStep[]   a new forecast at forecast.startTime; it ends the
//                                              same user's standing forecast at that instant;
//                                              forecast.endTime may be a future auto-withdrawal.
//   engine.withdraw(userId, time) → CpStep[]   ends the user's standing forecast at `time`.
//   engine.advanceTo(time)        → CpStep[]   fires the auto-withdrawals due by `time`.
//   engine.current()              → AggregateEntry | null, the CP of the current active set.
//   engine.activeForecasts()      → CoreForecast[] in active-set order.
//   engine.toSnapshot() / IncrementalCp.fromSnapshot(snapshot)   plain JSON-safe data.
//   applyCpStep(history, step)    folds a step into a stored §7 history.
//   aggregateActiveSet(question, method, forecasts, options)   one entry from scratch (re-exported):
//                                 the same kernel, used by the history builder and at-time queries.
//   IncrementalCpGroup            several methods of one question in one engine, with the same
//                                 steps per method and the shared work done once
//                                 (incremental-cp-group.ts): what a server keeping every method
//                                 of a question should use.
//
// Each event first fires pending auto-withdrawals that fall strictly before it (each is a
// timestep of its own), then applies its changes and yields one step at its own time; so
// the returned array is usually one step long. A CpStep {time, entry, isRetraction} is a §7
// timestep: `entry` starts at `time` (end_time null) and ends the previous entry there;
// `entry` null means the active set became empty (the previous entry ends, nothing starts).
// A step whose time equals the last entry's start_time replaces that entry (several events
// in one second). `isRetraction` marks a time that is no timestep any more: a forecast made
// and withdrawn in the same second is deleted by storage (§14.2), so the entry it started is
// dropped and the previous one runs on. Like the §7 history: events before open_time change
// the state silently and the set standing at open_time enters then; forecasts starting after
// actual_close_time are ignored; end times after the close are not timesteps. Times must not
// go backwards (RangeError).
//
// Cost: O(N·K) per event (binary-search inserts into sorted indexes, then one pass per
// column), the same kernel as `aggregateActiveSet`, so steps equal a full recompute exactly.
// An IncrementalCp is an IncrementalCpGroup of one method.
import type { AggregateEntry, AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import type { AggregationOptions } from './active-set-view.ts';
import type { CpStep } from './cp-step.ts';
import {
  IncrementalCpGroup,
  type IncrementalCpOptions,
  type TimelineSnapshot,
} from './incremental-cp-group.ts';

export { aggregateActiveSet } from './aggregate-active-set.ts';
export { applyCpStep, type CpStep } from './cp-step.ts';
export {
  type ForecastSnapshot,
  IncrementalCpGroup,
  type IncrementalCpGroupSnapshot,
  type IncrementalCpOptions,
  type StepsByMethod,
} from './incremental-cp-group.ts';

export interface IncrementalCpSnapshot extends TimelineSnapshot {
  method: AggregationMethod;
}

export class IncrementalCp {
  private constructor(
    private readonly group: IncrementalCpGroup,
    readonly method: AggregationMethod,
  ) {}

  static fromForecasts(
    question: CoreQuestion,
    method: AggregationMethod,
    activeForecasts: readonly CoreForecast[],
    options: IncrementalCpOptions = {},
  ): IncrementalCp {
    const group = IncrementalCpGroup.fromForecasts(question, [method], activeForecasts, options);
    return new IncrementalCp(group, method);
  }

  static fromSnapshot(snapshot: IncrementalCpSnapshot): IncrementalCp {
    const group = IncrementalCpGroup.fromTimeline(snapshot, [snapshot.method]);
    return new IncrementalCp(group, snapshot.method);
  }

  toSnapshot(): IncrementalCpSnapshot {
    const { question, extremize, time, isOpenStepDone, timestepReasons, forecasts } =
      this.group.timelineSnapshot();
    const method = this.method;
    return { question, method, extremize, time, isOpenStepDone, timestepReasons, forecasts };
  }

  get question(): CoreQuestion {
    return this.group.question;
  }

  get extremize(): number {
    return this.group.extremize;
  }

  /** Time of the last event, or null before the first. */
  get time(): number | null {
    return this.group.time;
  }

  /** The CP of the active set now (histogram / scaled quartiles on request). */
  current(options: Omit<AggregationOptions, 'extremize'> = {}): AggregateEntry | null {
    return this.group.current(this.method, options);
  }

  activeForecasts(): CoreForecast[] {
    return this.group.activeForecasts();
  }

  /** A new forecast at `forecast.startTime`, ending the same user's standing forecast then. */
  addForecast(forecast: CoreForecast): CpStep[] {
    return this.group.addForecastSteps(forecast)[0];
  }

  /** Ends `userId`'s standing forecast at `time` (a withdrawal). */
  withdraw(userId: number, time: number): CpStep[] {
    return this.group.withdrawSteps(userId, time)[0];
  }

  /** Fires every auto-withdrawal due by `time` (end_time ≤ time). */
  advanceTo(time: number): CpStep[] {
    return this.group.advanceToSteps(time)[0];
  }
}
