// Value rules of a submitted forecast (docs/maths.md §14.2) and the component CDF builder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionRecord } from '../../test/factories/question-record.ts';
import {
  alignToAllOptions,
  buildCdfFromComponents,
  cdfStepLimits,
  checkContinuousCdf,
  checkForecastValues,
  type ForecastQuestion,
  roundHalfEven,
} from './forecast-values.ts';

const binary: ForecastQuestion = questionRecord({ type: 'binary' });

const numeric = (overrides: Partial<ForecastQuestion> = {}): ForecastQuestion => ({
  ...binary,
  type: 'numeric',
  rangeMin: 0,
  rangeMax: 100,
  openLowerBound: false,
  openUpperBound: false,
  ...overrides,
});

const multipleChoice: ForecastQuestion = {
  ...binary,
  type: 'multiple_choice',
  options: [
    { label: 'A', description: '' },
    { label: 'C', description: '' },
    { label: 'Other', description: '' },
  ],
  // B was listed first, then dropped from the current options; C came later.
  optionsHistory: [
    ['2030-01-01T00:00:00Z', ['A', 'B', 'Other']],
    ['2030-02-01T00:00:00Z', ['A', 'C', 'Other']],
  ],
};

describe('roundHalfEven (numpy round)', () => {
  it('rounds exact ties to even and everything else to nearest', () => {
    expect(roundHalfEven(0.125, 2)).toBe(0.12);
    expect(roundHalfEven(0.375, 2)).toBe(0.38);
    expect(roundHalfEven(2.5, 0)).toBe(2);
    expect(roundHalfEven(3.5, 0)).toBe(4);
    expect(roundHalfEven(0.123456789049, 10)).toBe(0.123456789);
    expect(roundHalfEven(1, 10)).toBe(1);
  });

  it('step limits for n = 200 are 5e-5 and 0.2 (docs/maths.md §14.2)', () => {
    expect(cdfStepLimits(200)).toEqual({ min: 5e-5, max: 0.2 });
    expect(cdfStepLimits(5)).toEqual({ min: 0.002, max: 8 });
  });
});

describe('multiple choice', () => {
  it('stores the all-options vector with null for options no longer listed', () => {
    const check = checkForecastValues(multipleChoice, {
      probabilityYesPerCategory: { A: 0.5, C: 0.3, Other: 0.2 },
    });
    expect(check).toEqual({
      ok: true,
      values: { kind: 'multiple_choice', probabilityYesPerCategory: [0.5, null, 0.3, 0.2] },
    });
  });

  it('refuses a value for a dropped option but accepts null for it', () => {
    const withValue = checkForecastValues(multipleChoice, {
      probabilityYesPerCategory: { A: 0.4, B: 0.1, C: 0.3, Other: 0.2 },
    });
    expect(withValue.ok).toBe(false);
    if (!withValue.ok) expect(withValue.fields[0].path).toBe('/probability_yes_per_category/B');
    const withNull = checkForecastValues(multipleChoice, {
      probabilityYesPerCategory: { A: 0.5, B: null, C: 0.3, Other: 0.2 },
    });
    expect(withNull.ok).toBe(true);
  });

  it('aligns older, shorter vectors by inserting nulls before the catch-all', () => {
    expect(alignToAllOptions([0.5, 0.3, 0.2], 5, null)).toEqual([0.5, 0.3, null, null, 0.2]);
    expect(alignToAllOptions([0.5, 0.5], 2, null)).toEqual([0.5, 0.5]);
  });
});

describe('components → CDF', () => {
  const component = fc.record({
    center: fc.double({ min: 0, max: 100, noNaN: true }),
    scale: fc.double({ min: 0.02, max: 5, noNaN: true }),
    weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
  });

  it('always builds a CDF that passes the submission rules (centres in range, scale ≥ 0.02)', () => {
    fc.assert(
      fc.property(
        fc.array(component, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(200, 50, 10),
        (components, openLowerBound, openUpperBound, n) => {
          const question = numeric({ openLowerBound, openUpperBound, inboundOutcomeCount: n });
          const built = buildCdfFromComponents(question, components);
          expect(built.ok).toBe(true);
          if (!built.ok) return;
          const check = checkContinuousCdf(question, built.cdf);
          expect(check.ok, JSON.stringify(check)).toBe(true);
        },
      ),
    );
  });

  it('puts the median near a single component’s centre (log scale included)', () => {
    const linear = buildCdfFromComponents(numeric(), [{ center: 30, scale: 0.05, weight: 1 }]);
    expect(linear.ok && linear.cdf[60]).toBeCloseTo(0.5, 1);
    const logScale = numeric({ rangeMin: 1, rangeMax: 10_000, zeroPoint: 0 });
    const built = buildCdfFromComponents(logScale, [{ center: 100, scale: 0.05, weight: 1 }]);
    // u(100) on [1, 10000] with zero point 0 is 0.5 → point 100 of 200.
    expect(built.ok && built.cdf[100]).toBeCloseTo(0.5, 1);
  });

  it('refuses, at /components, a mixture too concentrated for the largest step', () => {
    const check = checkForecastValues(numeric(), {
      components: [{ center: -20, scale: 0.02, weight: 1 }],
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.fields[0].path).toBe('/components');
  });
});
