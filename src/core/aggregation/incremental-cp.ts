// Incremental CP engine: applies one forecast event and returns the new CP entry (MATH.md §1–§7).
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
import type { AggregateEntry, AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import { isActiveAt } from './active-order.ts';
import { ActiveSetStore } from './active-set-store.ts';
import type { AggregationOptions } from './active-set-view.ts';
import type { CpStep } from './cp-step.ts';
import { ExpirationQueue } from './expiration-queue.ts';

export { aggregateActiveSet } from './aggregate-active-set.ts';
export { applyCpStep, type CpStep } from './cp-step.ts';

/** A forecast as plain JSON data: nulls instead of NaN. */
export interface ForecastSnapshot {
  id: number;
  userId: number;
  startTime: number;
  endTime: number | null;
  values: (number | null)[];
}

export interface IncrementalCpSnapshot {
  question: CoreQuestion;
  method: AggregationMethod;
  extremize: number;
  /** Time of the last event, or null before the first one. */
  time: number | null;
  /** Whether the timestep at open_time has been produced. */
  isOpenStepDone: boolean;
  /** How many stored forecasts start or end exactly at `time` (see CpStep.isRetraction). */
  timestepReasons: number;
  /** The active forecasts in active-set order. */
  forecasts: ForecastSnapshot[];
}

export interface IncrementalCpOptions {
  /** Extremizing factor d of `log_odds_mean` (§15.4); default 1. */
  extremize?: number;
  /** The instant of the state; default the latest start_time of the forecasts. */
  time?: number;
}

export class IncrementalCp {
  private readonly store: ActiveSetStore;
  private readonly expirations = new ExpirationQueue();
  private readonly activeIdByUser = new Map<number, number>();
  private readonly entryOptions: AggregationOptions;
  private currentTime: number | null = null;
  private isOpenStepDone = false;
  /**
   * Stored forecasts starting or ending exactly at `currentTime`: §7 makes `currentTime` a
   * timestep only while this is > 0 (after open_time), which a same-second withdrawal of a
   * forecast made in that second (deleted by storage) can undo.
   */
  private timestepReasons = 0;

  private constructor(
    readonly question: CoreQuestion,
    readonly method: AggregationMethod,
    readonly extremize: number,
  ) {
    if (!(Number.isFinite(extremize) && extremize > 0)) {
      throw new RangeError(`extremize must be finite and > 0, got ${extremize}`);
    }
    this.store = new ActiveSetStore(question, method);
    this.entryOptions = { extremize };
  }

  static fromForecasts(
    question: CoreQuestion,
    method: AggregationMethod,
    activeForecasts: readonly CoreForecast[],
    options: IncrementalCpOptions = {},
  ): IncrementalCp {
    const engine = new IncrementalCp(question, method, options.extremize ?? 1);
    let time = options.time ?? null;
    if (time === null) {
      for (const forecast of activeForecasts) {
        if (time === null || forecast.startTime > time) time = forecast.startTime;
      }
    }
    if (time === null) return engine;
    for (const forecast of activeForecasts) {
      if (forecast.startTime > time) {
        throw new RangeError(`forecast ${forecast.id} starts after the state time ${time}`);
      }
      if (forecast.startTime === time) engine.timestepReasons++;
      if (forecast.endTime === time) engine.timestepReasons++;
      if (!isActiveAt(forecast, time)) continue;
      engine.insertActive(forecast);
    }
    engine.currentTime = time;
    engine.isOpenStepDone = time >= question.openTime;
    return engine;
  }

  static fromSnapshot(snapshot: IncrementalCpSnapshot): IncrementalCp {
    const forecasts = snapshot.forecasts.map((forecast) => ({
      ...forecast,
      values: forecast.values.map((value) => (value === null ? Number.NaN : value)),
    }));
    const engine = IncrementalCp.fromForecasts(snapshot.question, snapshot.method, forecasts, {
      extremize: snapshot.extremize,
      time: snapshot.time ?? undefined,
    });
    engine.isOpenStepDone = snapshot.isOpenStepDone;
    engine.timestepReasons = snapshot.timestepReasons;
    return engine;
  }

  toSnapshot(): IncrementalCpSnapshot {
    return {
      question: this.question,
      method: this.method,
      extremize: this.extremize,
      time: this.currentTime,
      isOpenStepDone: this.isOpenStepDone,
      timestepReasons: this.timestepReasons,
      forecasts: this.store.forecasts().map((forecast) => ({
        id: forecast.id,
        userId: forecast.userId,
        startTime: forecast.startTime,
        endTime: forecast.endTime,
        values: Array.from(forecast.values, (value) => (Number.isNaN(value) ? null : value)),
      })),
    };
  }

  /** Time of the last event, or null before the first. */
  get time(): number | null {
    return this.currentTime;
  }

  /** The CP of the active set now (histogram / scaled quartiles on request). */
  current(options: Omit<AggregationOptions, 'extremize'> = {}): AggregateEntry | null {
    return this.store.entry({ ...options, extremize: this.extremize });
  }

  activeForecasts(): CoreForecast[] {
    return this.store.forecasts();
  }

  /** A new forecast at `forecast.startTime`, ending the same user's standing forecast then. */
  addForecast(forecast: CoreForecast): CpStep[] {
    const time = forecast.startTime;
    if (forecast.endTime !== null && forecast.endTime <= time) {
      throw new RangeError(`forecast ${forecast.id} ends before it starts`);
    }
    if (this.store.has(forecast.id)) throw new RangeError(`forecast ${forecast.id} is active`);
    if (this.isAfterClose(time)) return []; // §7 step 1: never part of the history
    const steps: CpStep[] = [];
    this.moveTo(time, steps);
    const previousId = this.activeIdByUser.get(forecast.userId);
    if (previousId !== undefined) this.endStanding(forecast.userId, previousId, time);
    this.insertActive(forecast);
    this.timestepReasons++;
    this.emitStep(time, steps);
    return steps;
  }

  /** Ends `userId`'s standing forecast at `time` (a withdrawal). */
  withdraw(userId: number, time: number): CpStep[] {
    if (this.isAfterClose(time)) return []; // end times after the close are not timesteps
    const steps: CpStep[] = [];
    const hasExpiredNow = this.moveTo(time, steps);
    const forecastId = this.activeIdByUser.get(userId);
    if (forecastId === undefined) {
      if (!hasExpiredNow) throw new RangeError(`user ${userId} has no standing forecast`);
    } else {
      this.endStanding(userId, forecastId, time);
    }
    this.emitStep(time, steps);
    return steps;
  }

  /** Fires every auto-withdrawal due by `time` (end_time ≤ time). */
  advanceTo(time: number): CpStep[] {
    if (this.currentTime !== null && time < this.currentTime) {
      throw new RangeError(`time ${time} is before the engine's time ${this.currentTime}`);
    }
    const steps: CpStep[] = [];
    const closeTime = this.question.actualCloseTime;
    // End times after the close are not timesteps, so the clock stops there for expirations.
    const limit = closeTime === null ? time : Math.min(time, closeTime);
    if (this.currentTime === null || limit >= this.currentTime) {
      const hasExpiredNow = this.moveTo(limit, steps);
      if (hasExpiredNow || (limit === this.question.openTime && !this.isOpenStepDone)) {
        this.emitStep(limit, steps);
      }
    }
    this.currentTime = time;
    return steps;
  }

  private isAfterClose(time: number): boolean {
    const closeTime = this.question.actualCloseTime;
    return closeTime !== null && time > closeTime;
  }

  /**
   * Ends a standing forecast at `time`. Made in this same second, it is deleted (§14.2) and
   * its start stops being a reason for the timestep; otherwise its end becomes one.
   */
  private endStanding(userId: number, forecastId: number, time: number): void {
    const standing = this.store.remove(forecastId) as CoreForecast;
    this.activeIdByUser.delete(userId);
    this.timestepReasons += standing.startTime === time ? -1 : 1;
  }

  private insertActive(forecast: CoreForecast): void {
    if (this.activeIdByUser.has(forecast.userId)) {
      throw new RangeError(`user ${forecast.userId} already has a standing forecast`);
    }
    this.store.insert(forecast);
    this.activeIdByUser.set(forecast.userId, forecast.id);
    if (forecast.endTime !== null) this.expirations.push(forecast.endTime, forecast.id);
  }

  /**
   * Brings the state to `time`: auto-withdrawals strictly before it become their own steps
   * (preceded by the open_time step when they cross it); those exactly at `time` are applied
   * without a step, since the caller's event shares that timestep. Returns whether any
   * forecast expired exactly at `time`.
   */
  private moveTo(time: number, steps: CpStep[]): boolean {
    if (this.currentTime !== null && time < this.currentTime) {
      throw new RangeError(`time ${time} is before the engine's time ${this.currentTime}`);
    }
    for (;;) {
      const dueTime = this.expirations.peekTime();
      if (dueTime === undefined || dueTime >= time) break;
      this.emitOpenStepBefore(dueTime, steps);
      if (this.expireAt(dueTime)) this.emitStep(dueTime, steps);
    }
    this.emitOpenStepBefore(time, steps);
    if (this.currentTime === null || time > this.currentTime) this.timestepReasons = 0;
    this.currentTime = time;
    return this.expireAt(time);
  }

  /** Removes the forecasts whose end_time is exactly `time`; true if any was still active. */
  private expireAt(time: number): boolean {
    let hasExpired = false;
    while (this.expirations.peekTime() === time) {
      const forecastId = this.expirations.pop();
      const forecast = this.store.get(forecastId);
      // Skip stale entries: the forecast was replaced or withdrawn earlier.
      if (forecast === undefined || forecast.endTime !== time) continue;
      this.store.remove(forecastId);
      this.activeIdByUser.delete(forecast.userId);
      if (time === this.currentTime) this.timestepReasons++;
      hasExpired = true;
    }
    return hasExpired;
  }

  /** The set standing at open_time enters then (§7: pre-open forecasts enter at open_time). */
  private emitOpenStepBefore(time: number, steps: CpStep[]): void {
    if (!this.isOpenStepDone && time > this.question.openTime) {
      this.emitStep(this.question.openTime, steps);
    }
  }

  private emitStep(time: number, steps: CpStep[]): void {
    if (time < this.question.openTime || this.isAfterClose(time)) return;
    this.isOpenStepDone = true;
    if (time > this.question.openTime && time === this.currentTime && this.timestepReasons === 0) {
      steps.push({ time, entry: null, isRetraction: true });
      return;
    }
    const entry = this.store.entry(this.entryOptions);
    steps.push({
      time,
      entry: entry === null ? null : { startTime: time, endTime: null, ...entry },
      isRetraction: false,
    });
  }
}
