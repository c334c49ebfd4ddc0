import { describe, expect, it } from 'vitest';
import { binaryForecast, binaryQuestion } from '../../../test/factories/core-bundles.ts';
import type { HistoryEntry } from '../types.ts';
import { cpCalibrationPair, userCalibrationPair } from './calibration-pairs.ts';

const history = (startTime: number, endTime: number | null, p: number): HistoryEntry => ({
  startTime,
  endTime,
  forecasterCount: 1,
  forecastValues: [1 - p, p],
  intervalLowerBounds: [1 - p, p],
  centers: [1 - p, p],
  intervalUpperBounds: [1 - p, p],
  means: [1 - p, p],
});

describe('calibration pairs (docs/maths.md §15.5)', () => {
  const bundle = {
    question: binaryQuestion({ spotScoringTime: 600 }),
    forecasts: [
      binaryForecast(1, 0.2, 0, 500),
      binaryForecast(1, 0.7, 500, null),
      binaryForecast(2, 0.9, 0, 550),
    ],
  };

  it("takes the user's forecast active at t_s", () => {
    expect(userCalibrationPair(bundle, 1)).toEqual({ probability: 0.7, outcome: 1 });
    // User 2 withdrew before t_s = 600.
    expect(userCalibrationPair(bundle, 2)).toBeNull();
  });

  it('takes the CP entry active at t_s', () => {
    const entries = [history(0, 500, 0.3), history(500, null, 0.6)];
    expect(cpCalibrationPair(bundle, entries)).toEqual({ probability: 0.6, outcome: 1 });
  });

  it('skips annulled and non-binary questions', () => {
    const annulled = { ...bundle, question: binaryQuestion({ resolution: 'annulled' }) };
    expect(userCalibrationPair(annulled, 1)).toBeNull();
    const no = { ...bundle, question: binaryQuestion({ resolution: 'no', spotScoringTime: 600 }) };
    expect(userCalibrationPair(no, 1)).toEqual({ probability: 0.7, outcome: 0 });
  });
});
