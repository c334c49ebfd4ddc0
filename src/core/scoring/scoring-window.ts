// Scoring windows, scored intervals, coverage and the spot time (docs/maths.md §9).
import type { CoreQuestion } from '../types.ts';

export interface ScoringWindow {
  /** T_open */
  openTime: number;
  /** T_close = actual_close_time */
  closeTime: number;
  /** W = T_sched − T_open: the denominator of every coverage except relative legacy's. */
  scheduledDuration: number;
  /** W' = T_close − T_open: relative legacy's denominator (docs/maths.md §12). */
  actualDuration: number;
  /** t_s = min(spot_scoring_time, T_close) */
  spotTime: number;
}

export function scoringWindow(question: CoreQuestion): ScoringWindow {
  const closeTime = question.actualCloseTime;
  if (closeTime === null) throw new RangeError('scoring needs actual_close_time');
  const spotScoringTime = question.spotScoringTime ?? closeTime;
  return {
    openTime: question.openTime,
    closeTime,
    scheduledDuration: question.scheduledCloseTime - question.openTime,
    actualDuration: closeTime - question.openTime,
    spotTime: Math.min(spotScoringTime, closeTime),
  };
}

/** s = max(start_time, T_open) */
export function scoredStart(startTime: number, window: ScoringWindow): number {
  return Math.max(startTime, window.openTime);
}

/** e = T_close if end_time is null, else min(end_time, T_close) */
export function scoredEnd(endTime: number | null, window: ScoringWindow): number {
  return endTime === null ? window.closeTime : Math.min(endTime, window.closeTime);
}

/**
 * Coverage (e − s)/W over the *scheduled* window, so late starts, withdrawals and early closes
 * all give less than 1; zero-length or negative intervals give 0.
 */
export function intervalCoverage(start: number, end: number, window: ScoringWindow): number {
  if (end - start <= 0) return 0;
  return (end - start) / window.scheduledDuration;
}

/** Active at t_s with the raw start time: start_time ≤ t < end_time (null = ∞). */
export function isActiveAt(startTime: number, endTime: number | null, time: number): boolean {
  return startTime <= time && (endTime === null || time < endTime);
}
