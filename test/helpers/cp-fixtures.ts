// Small builders of questions and forecasts for the community-prediction unit tests.
import type { CoreForecast, CoreQuestion } from '../../src/core/types.ts';

export function binaryQuestion(overrides: Partial<CoreQuestion> = {}): CoreQuestion {
  return {
    id: 1,
    type: 'binary',
    openTime: 1000,
    scheduledCloseTime: 100_000,
    actualCloseTime: null,
    ...overrides,
  };
}

export function multipleChoiceQuestion(
  allOptions: string[],
  overrides: Partial<CoreQuestion> = {},
): CoreQuestion {
  return { ...binaryQuestion(), type: 'multiple_choice', allOptions, ...overrides };
}

export function numericQuestion(overrides: Partial<CoreQuestion> = {}): CoreQuestion {
  return {
    ...binaryQuestion(),
    type: 'numeric',
    rangeMin: 0,
    rangeMax: 100,
    zeroPoint: null,
    openLowerBound: false,
    openUpperBound: false,
    inboundOutcomeCount: 4,
    ...overrides,
  };
}

/** A forecast row; `values` as CoreForecast holds them (binary: [p]; MC: NaN for null). */
export function forecast(
  id: number,
  userId: number,
  startTime: number,
  endTime: number | null,
  values: number[],
): CoreForecast {
  return { id, userId, startTime, endTime, values };
}

export function binaryForecast(
  id: number,
  userId: number,
  startTime: number,
  endTime: number | null,
  probabilityYes: number,
): CoreForecast {
  return forecast(id, userId, startTime, endTime, [probabilityYes]);
}
