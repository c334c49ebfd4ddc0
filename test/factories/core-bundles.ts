// Small builders of core questions and forecasts for the maths unit tests (docs/maths.md §16.1 shapes).
import type { CoreForecast, CoreQuestion } from '../../src/core/types.ts';

/** A closed, resolved binary question on [open, close) with W = close − open unless overridden. */
export function binaryQuestion(overrides: Partial<CoreQuestion> = {}): CoreQuestion {
  return {
    id: 1,
    type: 'binary',
    openTime: 0,
    scheduledCloseTime: 1000,
    actualCloseTime: 1000,
    resolution: 'yes',
    spotScoringTime: null,
    ...overrides,
  };
}

export function multipleChoiceQuestion(
  allOptions: string[],
  overrides: Partial<CoreQuestion> = {},
): CoreQuestion {
  return binaryQuestion({
    type: 'multiple_choice',
    allOptions,
    resolution: allOptions[0],
    ...overrides,
  });
}

export function numericQuestion(overrides: Partial<CoreQuestion> = {}): CoreQuestion {
  return binaryQuestion({
    type: 'numeric',
    rangeMin: 0,
    rangeMax: 100,
    zeroPoint: null,
    openLowerBound: false,
    openUpperBound: false,
    inboundOutcomeCount: 200,
    resolution: '50',
    ...overrides,
  });
}

let nextForecastId = 1;

export interface ForecastSpec {
  id?: number;
  userId: number;
  startTime: number;
  endTime?: number | null;
  values: number[] | Float64Array;
}

export function forecast(spec: ForecastSpec): CoreForecast {
  return {
    id: spec.id ?? nextForecastId++,
    userId: spec.userId,
    startTime: spec.startTime,
    endTime: spec.endTime ?? null,
    values: spec.values,
  };
}

/** A binary forecast of P(yes) = p. */
export function binaryForecast(
  userId: number,
  probabilityYes: number,
  startTime: number,
  endTime: number | null = null,
  id?: number,
): CoreForecast {
  return forecast({ id, userId, startTime, endTime, values: [probabilityYes] });
}

/** A CDF of n + 1 points rising linearly from `first` to `last`. */
export function linearCdf(n: number, first = 0, last = 1): Float64Array {
  const cdf = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) cdf[i] = first + ((last - first) * i) / n;
  return cdf;
}

/** The golden-vector rule of docs/maths.md §0: |a − b| ≤ 1e-9 · max(1, |a|, |b|); NaN matches NaN. */
export function isWithinContract(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
}

/** Throws with both values when `actual` misses `expected` by more than the contract allows. */
export function assertWithinContract(actual: number, expected: number, label = 'value'): void {
  if (!isWithinContract(actual, expected)) {
    throw new Error(`${label}: expected ${expected}, got ${actual}`);
  }
}
