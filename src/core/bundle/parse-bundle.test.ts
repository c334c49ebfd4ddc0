import { describe, expect, it } from 'vitest';
import { parseBundle } from './parse-bundle.ts';

type Json = Record<string, unknown>;

function binaryBundle(overrides: { question?: Json; forecasts?: unknown[]; root?: Json } = {}) {
  return {
    question: {
      id: 7,
      type: 'binary',
      open_time: 1000,
      scheduled_close_time: 5000,
      actual_close_time: null,
      ...overrides.question,
    },
    forecasts: overrides.forecasts ?? [
      { id: 1, user_id: 1, start_time: 1000, end_time: 1300, probability_yes: 0.2 },
      { id: 2, user_id: 2, start_time: 1100, end_time: null, probability_yes: 0.5 },
      { id: 3, user_id: 1, start_time: 1300, end_time: null, probability_yes: 0.7 },
    ],
    ...overrides.root,
  };
}

function numericQuestion(overrides: Json = {}): Json {
  return {
    id: 8,
    type: 'numeric',
    open_time: 1000,
    scheduled_close_time: 5000,
    actual_close_time: 4000,
    range_min: 0,
    range_max: 100,
    zero_point: null,
    open_lower_bound: false,
    open_upper_bound: true,
    inbound_outcome_count: 4,
    ...overrides,
  };
}

function mcQuestion(overrides: Json = {}): Json {
  return {
    id: 9,
    type: 'multiple_choice',
    open_time: 1000,
    scheduled_close_time: 5000,
    actual_close_time: 4000,
    options: ['A', 'B', 'Other'],
    ...overrides,
  };
}

function pathOf(value: unknown, options: { forScoring?: boolean } = {}, basePath = ''): string {
  const result = parseBundle(value, options, basePath);
  if (result.ok) return 'ok';
  return result.error.path;
}

describe('parseBundle accepts valid bundles (docs/maths.md §16.1)', () => {
  it('maps a binary bundle to core types', () => {
    const result = parseBundle(binaryBundle({ root: { at_times: [900, 1450] } }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.question).toEqual({
      id: 7,
      type: 'binary',
      openTime: 1000,
      scheduledCloseTime: 5000,
      actualCloseTime: null,
    });
    expect(result.value.forecasts[1]).toEqual({
      id: 2,
      userId: 2,
      startTime: 1100,
      endTime: null,
      values: [0.5],
    });
    expect(result.value.atTimes).toEqual([900, 1450]);
  });

  it('maps MC nulls to NaN and builds the all-options order from options_history', () => {
    const result = parseBundle({
      question: mcQuestion({
        options: ['A', 'C', 'Other'],
        options_history: [
          ['2026-01-01T00:00:00Z', ['A', 'B', 'Other']],
          ['2026-02-01T00:00:00Z', ['A', 'C', 'Other']],
        ],
      }),
      forecasts: [
        {
          id: 1,
          user_id: 1,
          start_time: 1000,
          end_time: null,
          probability_yes_per_category: [0.5, 0.3, null, 0.2],
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.question.allOptions).toEqual(['A', 'B', 'C', 'Other']);
    expect(Array.from(result.value.forecasts[0].values)).toEqual([0.5, 0.3, Number.NaN, 0.2]);
  });

  it('fills continuous defaults and ignores unknown keys', () => {
    const result = parseBundle({
      title: 'ignored',
      question: numericQuestion({ zero_point: undefined, inbound_outcome_count: null, title: 'x' }),
      forecasts: [],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.question).toMatchObject({ zeroPoint: null, inboundOutcomeCount: 200 });
  });

  it('accepts an MC bundle with options_history and no options', () => {
    const question = mcQuestion({ options_history: [['t0', ['A', 'Other']]] });
    delete question.options;
    expect(pathOf({ question, forecasts: [] })).toBe('ok');
  });
});

describe('parseBundle reports the first failure with its §16.5 path', () => {
  it.each<[string, unknown, string]>([
    ['a non-object root', [], '$'],
    ['a missing question', { forecasts: [] }, 'question'],
    [
      'a missing question field',
      binaryBundle({ question: { open_time: undefined } }),
      'question.open_time',
    ],
    ['a non-integer id', binaryBundle({ question: { id: 1.5 } }), 'question.id'],
    ['an unsafe integer', binaryBundle({ question: { open_time: 2 ** 53 } }), 'question.open_time'],
    ['an unknown type', binaryBundle({ question: { type: 'poll' } }), 'question.type'],
    [
      'a scheduled close before the open',
      binaryBundle({ question: { scheduled_close_time: 1000 } }),
      'question.scheduled_close_time',
    ],
    [
      'an absent actual_close_time',
      binaryBundle({ question: { actual_close_time: undefined } }),
      'question.actual_close_time',
    ],
    [
      'an actual close before the open',
      binaryBundle({ question: { actual_close_time: 999 } }),
      'question.actual_close_time',
    ],
    [
      'question fields in table order',
      binaryBundle({ question: { id: 'x', type: 'poll' } }),
      'question.id',
    ],
    ['missing forecasts', { question: binaryBundle().question }, 'forecasts'],
    ['a non-object forecast', binaryBundle({ forecasts: [7] }), 'forecasts[0]'],
    [
      'a probability out of range',
      binaryBundle({
        forecasts: [{ id: 1, user_id: 1, start_time: 1000, end_time: null, probability_yes: 1 }],
      }),
      'forecasts[0].probability_yes',
    ],
    [
      'a missing value field',
      binaryBundle({ forecasts: [{ id: 1, user_id: 1, start_time: 1000, end_time: null }] }),
      'forecasts[0].probability_yes',
    ],
    [
      'a second value field',
      binaryBundle({
        forecasts: [
          {
            id: 1,
            user_id: 1,
            start_time: 1000,
            end_time: null,
            probability_yes: 0.5,
            continuous_cdf: [0, 1],
          },
        ],
      }),
      'forecasts[0].continuous_cdf',
    ],
    [
      'a missing end_time',
      binaryBundle({ forecasts: [{ id: 1, user_id: 1, start_time: 1000, probability_yes: 0.5 }] }),
      'forecasts[0].end_time',
    ],
    [
      'an end_time not after start_time',
      binaryBundle({
        forecasts: [{ id: 1, user_id: 1, start_time: 1000, end_time: 1000, probability_yes: 0.5 }],
      }),
      'forecasts[0].end_time',
    ],
    [
      'fields before duplicates: a bad later forecast wins over a duplicate id',
      binaryBundle({
        forecasts: [
          { id: 1, user_id: 1, start_time: 1000, end_time: 1100, probability_yes: 0.5 },
          { id: 1, user_id: 2, start_time: 1000, end_time: null, probability_yes: 0.5 },
          { id: 3, user_id: 3, start_time: 'x', end_time: null, probability_yes: 0.5 },
        ],
      }),
      'forecasts[2].start_time',
    ],
    [
      'a duplicate id',
      binaryBundle({
        forecasts: [
          { id: 1, user_id: 1, start_time: 1000, end_time: 1100, probability_yes: 0.5 },
          { id: 1, user_id: 2, start_time: 1000, end_time: null, probability_yes: 0.5 },
        ],
      }),
      'forecasts[1].id',
    ],
    [
      'overlapping forecasts of one user, reported at the later start_time',
      binaryBundle({
        forecasts: [
          { id: 2, user_id: 1, start_time: 1200, end_time: null, probability_yes: 0.5 },
          { id: 1, user_id: 1, start_time: 1000, end_time: 1300, probability_yes: 0.5 },
        ],
      }),
      'forecasts[0].start_time',
    ],
    [
      'a standing forecast followed by another of the same user',
      binaryBundle({
        forecasts: [
          { id: 1, user_id: 1, start_time: 1000, end_time: null, probability_yes: 0.5 },
          { id: 2, user_id: 1, start_time: 1300, end_time: null, probability_yes: 0.5 },
        ],
      }),
      'forecasts[1].start_time',
    ],
    ['at_times not an array', binaryBundle({ root: { at_times: 5 } }), 'at_times'],
    ['a non-integer at_time', binaryBundle({ root: { at_times: [1, 2.5] } }), 'at_times[1]'],
  ])('%s', (_name, input, path) => {
    expect(pathOf(input)).toBe(path);
  });

  it('allows back-to-back forecasts of one user (end = next start)', () => {
    expect(pathOf(binaryBundle())).toBe('ok');
  });

  it('prefixes paths with the array index of the element', () => {
    const bad = binaryBundle({
      forecasts: [{ id: 1, user_id: 1, start_time: 1000, end_time: null, probability_yes: 0 }],
    });
    expect(pathOf(bad, {}, '[2]')).toBe('[2].forecasts[0].probability_yes');
    expect(pathOf('text', {}, '[2]')).toBe('[2]');
  });

  describe('multiple choice', () => {
    const mcForecast = (values: unknown) => ({
      question: mcQuestion(),
      forecasts: [
        {
          id: 1,
          user_id: 1,
          start_time: 1000,
          end_time: null,
          probability_yes_per_category: values,
        },
      ],
    });
    it.each<[string, unknown, string]>([
      ['wrong length', [0.5, 0.5], 'forecasts[0].probability_yes_per_category'],
      [
        'an entry out of range',
        [0.5, 0.4995, 0.0005],
        'forecasts[0].probability_yes_per_category[2]',
      ],
      ['a null catch-all', [0.5, 0.5, null], 'forecasts[0].probability_yes_per_category[2]'],
      ['a bad sum', [0.5, 0.3, 0.3], 'forecasts[0].probability_yes_per_category'],
      ['a string entry', [0.5, '0.3', 0.2], 'forecasts[0].probability_yes_per_category[1]'],
    ])('%s', (_name, values, path) => {
      expect(pathOf(mcForecast(values))).toBe(path);
    });

    it('accepts a sum within 1e-6 and nulls for unavailable options', () => {
      expect(pathOf(mcForecast([0.5, 0.3, 0.2000009]))).toBe('ok');
      expect(pathOf(mcForecast([null, 0.3, 0.7]))).toBe('ok');
    });

    it.each<[string, Json, string]>([
      ['one option', { options: ['Other'] }, 'question.options'],
      ['repeated options', { options: ['A', 'A', 'Other'] }, 'question.options'],
      ['a non-string option', { options: ['A', 3, 'Other'] }, 'question.options[1]'],
      ['an empty options_history', { options_history: [] }, 'question.options_history'],
      [
        'a malformed history entry',
        { options_history: [['t0', ['A']]] },
        'question.options_history[0][1]',
      ],
    ])('rejects %s', (_name, overrides, path) => {
      expect(pathOf({ question: mcQuestion(overrides), forecasts: [] })).toBe(path);
    });
  });

  describe('continuous', () => {
    const withCdf = (cdf: unknown, question: Json = {}) => ({
      question: numericQuestion(question),
      forecasts: [{ id: 1, user_id: 1, start_time: 1000, end_time: null, continuous_cdf: cdf }],
    });
    it.each<[string, unknown, Json, string]>([
      ['a decreasing CDF', [0, 0.3, 0.2, 0.9, 1], {}, 'forecasts[0].continuous_cdf[2]'],
      ['a value above 1', [0, 0.3, 0.5, 0.9, 1.1], {}, 'forecasts[0].continuous_cdf[4]'],
      ['the wrong length', [0, 0.5, 1], {}, 'forecasts[0].continuous_cdf'],
      ['a range with min ≥ max', [0, 0.3, 0.5, 0.9, 1], { range_min: 100 }, 'question.range_max'],
      [
        'a zero_point inside the range',
        [0, 0.3, 0.5, 0.9, 1],
        { zero_point: 50 },
        'question.zero_point',
      ],
      [
        'a non-boolean bound',
        [0, 0.3, 0.5, 0.9, 1],
        { open_lower_bound: 0 },
        'question.open_lower_bound',
      ],
      [
        'a zero outcome count',
        [0, 0.3, 0.5, 0.9, 1],
        { inbound_outcome_count: 0 },
        'question.inbound_outcome_count',
      ],
    ])('rejects %s', (_name, cdf, question, path) => {
      expect(pathOf(withCdf(cdf, question))).toBe(path);
    });

    it('accepts flat steps (no tolerance needed for equal values)', () => {
      expect(pathOf(withCdf([0, 0.3, 0.3, 0.9, 1]))).toBe('ok');
    });
  });
});

describe('parseBundle scoring checks (forScoring)', () => {
  const scoring = { forScoring: true };

  it('requires a closed question and a resolution', () => {
    expect(pathOf(binaryBundle({ question: { resolution: 'yes' } }), scoring)).toBe(
      'question.actual_close_time',
    );
    expect(pathOf(binaryBundle({ question: { actual_close_time: 4000 } }), scoring)).toBe(
      'question.resolution',
    );
    // not validated for aggregate
    expect(pathOf(binaryBundle({ question: { resolution: 'maybe' } }))).toBe('ok');
  });

  it.each<[string, Json, string]>([
    ['binary yes', { type: 'binary', resolution: 'yes' }, 'ok'],
    ['binary maybe', { type: 'binary', resolution: 'maybe' }, 'question.resolution'],
    ['annulled', { type: 'binary', resolution: 'annulled' }, 'ok'],
    [
      'a bad spot time',
      { type: 'binary', resolution: 'no', spot_scoring_time: 'x' },
      'question.spot_scoring_time',
    ],
    ['a null spot time', { type: 'binary', resolution: 'no', spot_scoring_time: null }, 'ok'],
  ])('%s', (_name, question, path) => {
    expect(
      pathOf(binaryBundle({ question: { actual_close_time: 4000, ...question } }), scoring),
    ).toBe(path);
  });

  it('checks MC labels against all options', () => {
    const bundle = (resolution: string) => ({
      question: mcQuestion({ resolution }),
      forecasts: [],
    });
    expect(pathOf(bundle('B'), scoring)).toBe('ok');
    expect(pathOf(bundle('Z'), scoring)).toBe('question.resolution');
  });

  it.each<[string, Json, string]>([
    ['a number inside', { resolution: '42.5' }, 'ok'],
    ['range_min itself', { resolution: '0' }, 'ok'],
    ['below a closed lower bound', { resolution: '-0.5' }, 'question.resolution'],
    ['above an open upper bound', { resolution: '1000' }, 'ok'],
    [
      'below_lower_bound with a closed lower bound',
      { resolution: 'below_lower_bound' },
      'question.resolution',
    ],
    ['above_upper_bound with an open upper bound', { resolution: 'above_upper_bound' }, 'ok'],
    ['a number in a bad syntax', { resolution: '4,5' }, 'question.resolution'],
    [
      'a date on a date question',
      { type: 'date', range_min: 0, range_max: 2e9, resolution: '2026-01-01' },
      'ok',
    ],
    [
      'a bad date',
      { type: 'date', range_min: 0, range_max: 2e9, resolution: '2026-02-30' },
      'question.resolution',
    ],
    ['ambiguous', { resolution: 'ambiguous' }, 'ok'],
  ])('continuous: %s', (_name, question, path) => {
    expect(pathOf({ question: numericQuestion(question), forecasts: [] }, scoring)).toBe(path);
  });
});
