// The (P(yes), outcome) pairs a calibration table is built from (docs/maths.md §15.5), one per question.
import { resolutionBucket } from '../locations/bucket.ts';
import { isActiveAt, scoringWindow } from '../scoring/scoring-window.ts';
import type { CoreBundle, HistoryEntry } from '../types.ts';
import type { CalibrationPair } from './calibration-table.ts';

/** The outcome of a binary question resolved yes / no, else null (not part of calibration). */
function binaryOutcome(bundle: CoreBundle): 0 | 1 | null {
  if (bundle.question.type !== 'binary' || bundle.question.actualCloseTime === null) return null;
  const bucket = resolutionBucket(bundle.question);
  return bucket === null ? null : (bucket as 0 | 1);
}

/** A user's pair: their forecast active at t_s (the spot-baseline forecast), or null. */
export function userCalibrationPair(bundle: CoreBundle, userId: number): CalibrationPair | null {
  const outcome = binaryOutcome(bundle);
  if (outcome === null) return null;
  const spotTime = scoringWindow(bundle.question).spotTime;
  for (const forecast of bundle.forecasts) {
    if (forecast.userId === userId && isActiveAt(forecast.startTime, forecast.endTime, spotTime)) {
      return { probability: forecast.values[0], outcome };
    }
  }
  return null;
}

/** The site's pair: the CP history entry active at t_s (its P(yes) column), or null. */
export function cpCalibrationPair(
  bundle: CoreBundle,
  history: readonly HistoryEntry[],
): CalibrationPair | null {
  const outcome = binaryOutcome(bundle);
  if (outcome === null) return null;
  const spotTime = scoringWindow(bundle.question).spotTime;
  for (const entry of history) {
    if (isActiveAt(entry.startTime, entry.endTime, spotTime)) {
      return { probability: entry.forecastValues[1], outcome };
    }
  }
  return null;
}
