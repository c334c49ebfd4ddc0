// The incremental CP engine of several methods of one question at once (docs/maths.md §1–§7, §15.4).
//
// API
// ---
//   const group = IncrementalCpGroup.fromForecasts(question, methods, forecasts, options);
//   group.addForecast(forecast) → StepsByMethod   [[method, CpStep[]], …] in `methods` order
//   group.withdraw(userId, time) → StepsByMethod
//   group.advanceTo(time)        → StepsByMethod
//   group.current(method, options?), group.activeForecasts(), group.time
//   group.toSnapshot() / IncrementalCpGroup.fromSnapshot(snapshot)
//
// Each method's steps are exactly those of `IncrementalCp` for that method (an IncrementalCp
// is a group of one): same times, same entries to the last bit. What a group saves is the
// work the methods have in common: one active set (the binary searches and memmoves of an
// event are done once), and `recency_weighted` and `log_odds_mean` share their weights,
// weighted quartiles and means, which they compute alike (§15.4 differs only in the centre).
// On a continuous question `log_odds_mean` is the recency-weighted entry (§15.4), computed
// once for both. Event semantics (auto-withdrawals, open and close, same-second retractions)
// are described in incremental-cp.ts.
import type { AggregateEntry, AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import { isActiveAt } from './active-order.ts';
import { ActiveSetStore } from './active-set-store.ts';
import type { AggregationOptions } from './active-set-view.ts';
import type { CpStep } from './cp-step.ts';
import { ExpirationQueue } from './expiration-queue.ts';

/** Each method with the steps of one event, in the group's method order. */
export type StepsByMethod = Array<[AggregationMethod, CpStep[]]>;

/** A forecast as plain JSON data: nulls instead of NaN. */
export interface ForecastSnapshot {
  id: number;
  userId: number;
  startTime: number;
  endTime: number | null;
  values: (number | null)[];
}

/** The timeline state shared by every method of a group. */
export interface TimelineSnapshot {
  question: CoreQuestion;
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

export interface IncrementalCpGroupSnapshot extends TimelineSnapshot {
  methods: AggregationMethod[];
}

export interface IncrementalCpOptions {
  /** Extremizing factor d of `log_odds_mean` (§15.4); default 1. */
  extremize?: number;
  /** The instant of the state; default the latest start_time of the forecasts. */
  time?: number;
}

export class IncrementalCpGroup {
  readonly methods: readonly AggregationMethod[];
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
    methods: readonly AggregationMethod[],
    readonly extremize: number,
  ) {
    if (!(Number.isFinite(extremize) && extremize > 0)) {
      throw new RangeError(`extremize must be finite and > 0, got ${extremize}`);
    }
    if (methods.length === 0 || new Set(methods).size !== methods.length) {
      throw new RangeError('a group needs distinct methods, at least one');
    }
    this.methods = [...methods];
    this.store = new ActiveSetStore(question, this.methods);
    this.entryOptions = { extremize };
  }

  /**
   * Rebuilds the state at `time` (default: the latest start_time) from stored forecasts: those
   * standing then (start_time ≤ time < end_time) become the active set; pass the ones that
   * ended exactly at `time` too (they are counted, not added; see isRetraction).
   */
  static fromForecasts(
    question: CoreQuestion,
    methods: readonly AggregationMethod[],
    activeForecasts: readonly CoreForecast[],
    options: IncrementalCpOptions = {},
  ): IncrementalCpGroup {
    const group = new IncrementalCpGroup(question, methods, options.extremize ?? 1);
    let time = options.time ?? null;
    if (time === null) {
      for (const forecast of activeForecasts) {
        if (time === null || forecast.startTime > time) time = forecast.startTime;
      }
    }
    if (time === null) return group;
    for (const forecast of activeForecasts) {
      if (forecast.startTime > time) {
        throw new RangeError(`forecast ${forecast.id} starts after the state time ${time}`);
      }
      if (forecast.startTime === time) group.timestepReasons++;
      if (forecast.endTime === time) group.timestepReasons++;
      if (!isActiveAt(forecast, time)) continue;
      group.insertActive(forecast);
    }
    group.currentTime = time;
    group.isOpenStepDone = time >= question.openTime;
    return group;
  }

  static fromSnapshot(snapshot: IncrementalCpGroupSnapshot): IncrementalCpGroup {
    return IncrementalCpGroup.fromTimeline(snapshot, snapshot.methods);
  }

  /** A group in the state of `snapshot` (`IncrementalCp.fromSnapshot` passes its method). */
  static fromTimeline(
    snapshot: TimelineSnapshot,
    methods: readonly AggregationMethod[],
  ): IncrementalCpGroup {
    const forecasts = snapshot.forecasts.map((forecast) => ({
      ...forecast,
      values: forecast.values.map((value) => (value === null ? Number.NaN : value)),
    }));
    const group = IncrementalCpGroup.fromForecasts(snapshot.question, methods, forecasts, {
      extremize: snapshot.extremize,
      time: snapshot.time ?? undefined,
    });
    group.isOpenStepDone = snapshot.isOpenStepDone;
    group.timestepReasons = snapshot.timestepReasons;
    return group;
  }

  toSnapshot(): IncrementalCpGroupSnapshot {
    return { ...this.timelineSnapshot(), methods: [...this.methods] };
  }

  /** The group's state without its methods: plain JSON-safe data. */
  timelineSnapshot(): TimelineSnapshot {
    return {
      question: this.question,
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

  /** The CP of `method` for the active set now (histogram / scaled quartiles on request). */
  current(
    method: AggregationMethod,
    options: Omit<AggregationOptions, 'extremize'> = {},
  ): AggregateEntry | null {
    return this.store.entry({ ...options, extremize: this.extremize }, method);
  }

  activeForecasts(): CoreForecast[] {
    return this.store.forecasts();
  }

  /** A new forecast at `forecast.startTime`, ending the same user's standing forecast then. */
  addForecast(forecast: CoreForecast): StepsByMethod {
    return this.byMethod(this.addForecastSteps(forecast));
  }

  /** Ends `userId`'s standing forecast at `time` (a withdrawal). */
  withdraw(userId: number, time: number): StepsByMethod {
    return this.byMethod(this.withdrawSteps(userId, time));
  }

  /** Fires every auto-withdrawal due by `time` (end_time ≤ time). */
  advanceTo(time: number): StepsByMethod {
    return this.byMethod(this.advanceToSteps(time));
  }

  /** addForecast's steps indexed like `methods` (for IncrementalCp). */
  addForecastSteps(forecast: CoreForecast): CpStep[][] {
    const time = forecast.startTime;
    if (forecast.endTime !== null && forecast.endTime <= time) {
      throw new RangeError(`forecast ${forecast.id} ends before it starts`);
    }
    if (this.store.has(forecast.id)) throw new RangeError(`forecast ${forecast.id} is active`);
    const steps = this.noSteps();
    if (this.isAfterClose(time)) return steps; // §7 step 1: never part of the history
    this.moveTo(time, steps);
    const previousId = this.activeIdByUser.get(forecast.userId);
    if (previousId !== undefined) this.endStanding(forecast.userId, previousId, time);
    this.insertActive(forecast);
    this.timestepReasons++;
    this.emitStep(time, steps);
    return steps;
  }

  /** withdraw's steps indexed like `methods`. */
  withdrawSteps(userId: number, time: number): CpStep[][] {
    const steps = this.noSteps();
    if (this.isAfterClose(time)) return steps; // end times after the close are not timesteps
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

  /** advanceTo's steps indexed like `methods`. */
  advanceToSteps(time: number): CpStep[][] {
    if (this.currentTime !== null && time < this.currentTime) {
      throw new RangeError(`time ${time} is before the engine's time ${this.currentTime}`);
    }
    const steps = this.noSteps();
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

  private noSteps(): CpStep[][] {
    return this.methods.map((): CpStep[] => []);
  }

  private byMethod(steps: CpStep[][]): StepsByMethod {
    return this.methods.map((method, index): [AggregationMethod, CpStep[]] => [
      method,
      steps[index],
    ]);
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
  private moveTo(time: number, steps: CpStep[][]): boolean {
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
  private emitOpenStepBefore(time: number, steps: CpStep[][]): void {
    if (!this.isOpenStepDone && time > this.question.openTime) {
      this.emitStep(this.question.openTime, steps);
    }
  }

  private emitStep(time: number, steps: CpStep[][]): void {
    if (time < this.question.openTime || this.isAfterClose(time)) return;
    this.isOpenStepDone = true;
    if (time > this.question.openTime && time === this.currentTime && this.timestepReasons === 0) {
      for (const methodSteps of steps) methodSteps.push({ time, entry: null, isRetraction: true });
      return;
    }
    this.methods.forEach((method, index) => {
      const entry = this.store.entry(this.entryOptions, method);
      steps[index].push({
        time,
        entry: entry === null ? null : { startTime: time, endTime: null, ...entry },
        isRetraction: false,
      });
    });
  }
}
