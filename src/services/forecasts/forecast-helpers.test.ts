// Pure helpers of the forecast services: history downsampling, request hashing, CSV fields,
// pseudonyms and the NOTIFY payload.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ForecastRecord } from '../../db/repositories/forecast-repository.ts';
import { parseCpPayload } from '../live/cp-updates.ts';
import { csvField } from './export-csv.ts';
import { pseudonymise } from './export-question-bundle.ts';
import { chooseRepresentatives } from './get-cp-history.ts';
import { canonicalJson } from './idempotency.ts';

describe('chooseRepresentatives', () => {
  it('keeps everything when it fits, else ≤ points, sorted, first and last kept', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 400 }),
        (raw, points) => {
          const starts = [...raw].sort((left, right) => left - right);
          const chosen = chooseRepresentatives(starts, points);
          if (starts.length <= points) {
            expect(chosen).toEqual(starts.map((_, index) => index));
            return;
          }
          expect(chosen.length).toBeLessThanOrEqual(points);
          expect(chosen.at(-1)).toBe(starts.length - 1);
          if (points > 1) expect(chosen[0]).toBe(0);
          for (let i = 1; i < chosen.length; i++) expect(chosen[i]).toBeGreaterThan(chosen[i - 1]);
        },
      ),
    );
  });

  it('picks the entry in force at evenly spaced instants', () => {
    // Starts at 0, 1, 2, 3, 100: instants 0, 50, 100 → entries 0, 3, 4.
    expect(chooseRepresentatives([0, 1, 2, 3, 100], 3)).toEqual([0, 3, 4]);
  });
});

describe('canonicalJson', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

describe('csvField', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
  });
});

describe('pseudonymise', () => {
  it('numbers forecasters by first forecast and forecasts by id', () => {
    const row = (id: number, userId: number): ForecastRecord => ({
      id,
      questionId: 1,
      userId,
      startTime: 0,
      endTime: null,
      probabilityYes: 0.5,
      probabilityYesPerCategory: null,
      continuousCdf: null,
    });
    const { userIds, forecastIds } = pseudonymise([row(40, 9), row(12, 7), row(55, 7), row(30, 3)]);
    expect([...userIds.entries()]).toEqual([
      [7, 1],
      [3, 2],
      [9, 3],
    ]);
    expect(forecastIds.get(12)).toBe(1);
    expect(forecastIds.get(55)).toBe(4);
  });
});

describe('parseCpPayload', () => {
  it('reads `<question_id>:<seq>` and nothing else', () => {
    expect(parseCpPayload('7:12')).toEqual({ questionId: 7, seq: 12 });
    expect(parseCpPayload('7:-1')).toEqual({ questionId: 7, seq: -1 });
    expect(parseCpPayload('7')).toBeNull();
    expect(parseCpPayload('x:1')).toBeNull();
  });
});
