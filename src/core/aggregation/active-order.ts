// The active-set order of docs/maths.md §1: start_time ascending, ties by forecast id ascending.
import type { CoreForecast } from '../types.ts';

export function compareActiveOrder(
  left: Pick<CoreForecast, 'startTime' | 'id'>,
  right: Pick<CoreForecast, 'startTime' | 'id'>,
): number {
  return left.startTime - right.startTime || left.id - right.id;
}

/** Whether a forecast is active at t (§1): start_time ≤ t < end_time (null = standing). */
export function isActiveAt(forecast: CoreForecast, time: number): boolean {
  return forecast.startTime <= time && (forecast.endTime === null || time < forecast.endTime);
}
