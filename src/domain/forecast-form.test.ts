import { describe, expect, it } from 'vitest';
import { cdfOfAxisComponents, componentsFromFields, fitComponent } from './continuous-forecast.ts';
import {
  errorsFromProblems,
  normalizedOptionFields,
  parsePercent,
  readForecastForm,
} from './forecast-form.ts';
import type { ContinuousRangeModel, ForecastQuestionModel } from './view-models/forecast-panel.ts';

const choice: ForecastQuestionModel = {
  id: 1,
  type: 'multiple_choice',
  title: 'Scenarios',
  path: '/questions/1-scenarios',
  options: [
    { label: 'A/B', description: '' },
    { label: 'B', description: '' },
    { label: 'C', description: '' },
  ],
  range: null,
};

const dates: ContinuousRangeModel = {
  kind: 'date',
  min: Date.UTC(2030, 0, 1) / 1000,
  max: Date.UTC(2040, 0, 1) / 1000,
  zeroPoint: null,
  isLowerOpen: false,
  isUpperOpen: true,
  inboundOutcomeCount: 200,
  unit: '',
};

describe('the forecast form', () => {
  it('reads percentages as people type them', () => {
    expect(parsePercent('70')).toBe(70);
    expect(parsePercent(' 70,5 % ')).toBe(70.5);
    expect(parsePercent('.5')).toBe(0.5);
    expect(parsePercent('1e2')).toBeNull();
    expect(parsePercent('-3')).toBeNull();
  });

  it('normalises to exactly 100 % in tenths (largest remainders get the rest)', () => {
    const fields = { 'option-0': '1', 'option-1': '1', 'option-2': '1' };
    const normalized = normalizedOptionFields(choice, fields)!;
    expect(Object.values(normalized)).toEqual(['33.4', '33.3', '33.3']);
    expect(normalizedOptionFields(choice, { ...fields, 'option-1': 'x' })).toBeNull();
  });

  it('saves a near-100 sum with normalize and refuses one further off', () => {
    const near = readForecastForm(choice, {
      'option-0': '33.3',
      'option-1': '33.3',
      'option-2': '33.3',
    });
    expect(near).toMatchObject({ ok: true, values: { normalize: true } });
    const far = readForecastForm(choice, { 'option-0': '30', 'option-1': '30', 'option-2': '30' });
    expect(far.ok).toBe(false);
    expect(far.ok ? null : far.errors.sum).toMatch(/add up to 90 %/);
  });

  it('puts API problems beside the fields, unescaping option labels', () => {
    const errors = errorsFromProblems(choice, [
      { path: '/probability_yes_per_category/A~1B', message: 'must be between 0.001 and 0.999' },
      { path: '/probability_yes_per_category', message: 'must sum to 1' },
      { path: '/end_time', message: 'must be in the future' },
    ]);
    expect(errors).toEqual({
      'option-0': 'Enter a percentage between 0.1 and 99.9.',
      sum: 'Must sum to 1.',
      form: 'Must be in the future.',
    });
  });
});

describe('continuous components as fields', () => {
  it('reads dates and default spreads, skipping blank extra rows', () => {
    const read = componentsFromFields(dates, [
      { center: '2032-01-01', spread: '', weight: '' },
      { center: '', spread: '', weight: '' },
    ]);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.components).toHaveLength(1);
    expect(read.components[0].center).toBe(Date.UTC(2032, 0, 1) / 1000);
    expect(read.components[0].weight).toBe(100);
    expect(read.axis[0].center).toBeCloseTo(0.2, 2);
  });

  it('names the field of each problem', () => {
    const read = componentsFromFields(dates, [{ center: 'soon', spread: '500', weight: '0' }]);
    expect(read.ok ? [] : read.fields.map((problem) => problem.path)).toEqual([
      'component-0-center',
      'component-0-spread',
      'component-0-weight',
    ]);
  });

  it('fits one component back to the median of the CDF it builds', () => {
    const cdf = cdfOfAxisComponents('date', dates, [{ center: 0.3, scale: 0.05, weight: 1 }])!;
    const fitted = fitComponent(cdf);
    expect(fitted.center).toBeCloseTo(0.3, 1);
  });
});
