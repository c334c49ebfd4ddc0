// CpEventWrite values for unit tests of the write chain and its merging: an empty event on a
// question (no forecast, no history change, no state bump), with any field overridden.
import type {
  CpEventWrite,
  ForecastReplacement,
} from '../../src/db/repositories/cp-event-repository.ts';

export function cpEventWrite(overrides: Partial<CpEventWrite> = {}): CpEventWrite {
  return {
    questionId: 7,
    now: new Date(0),
    guard: { questionXmin: '1', version: 3 },
    replacements: [],
    history: { deletes: [], ends: [], upserts: [] },
    processedUntil: null,
    notifyPayload: null,
    idempotency: [],
    reserveIds: 0,
    ...overrides,
  };
}

/** A binary forecast of P(yes) = 0.5 by `userId` at t = 100 s, standing. */
export function binaryReplacement(userId: number, id: number): ForecastReplacement {
  return {
    id,
    userId,
    startTime: 100,
    endTime: null,
    probabilityYes: 0.5,
    probabilityYesPerCategory: null,
    continuousCdf: null,
  };
}
