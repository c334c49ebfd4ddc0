import { describe, expect, it } from 'vitest';
import { checkQuestionContent } from './question-fields.ts';
import {
  describeProblem,
  errorsFromProblems,
  parseNumberField,
  parseUtcDateTime,
  questionToFormValues,
  readQuestionForm,
} from './question-form.ts';
import type { QuestionRecord } from './question-record.ts';

describe('question form fields', () => {
  it('reads datetime-local values as UTC and refuses what is no time', () => {
    expect(parseUtcDateTime('2027-01-31T09:30')?.toISOString()).toBe('2027-01-31T09:30:00.000Z');
    expect(parseUtcDateTime('2027-01-31')?.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(parseUtcDateTime('  ')).toBeNull();
    expect(parseUtcDateTime('2027-02-31T09:30')).toBeUndefined();
    expect(parseUtcDateTime('tomorrow')).toBeUndefined();
  });

  it('reads numbers with spaces or a decimal comma, NaN for anything else', () => {
    expect(parseNumberField('1 000')).toBe(1000);
    expect(parseNumberField('1,5')).toBe(1.5);
    expect(parseNumberField('-2.5e3')).toBe(-2500);
    expect(parseNumberField('')).toBeNull();
    expect(parseNumberField('12abc')).toBeNaN();
  });

  it('reads options and sources one per line, and only the chosen type’s fields', () => {
    const read = readQuestionForm({
      type: 'multiple_choice',
      title: 'Which?',
      options: 'A | first\n\n B \nOther',
      sources: 'Example | https://example.org/a\nhttps://example.org/b',
      tags: 'x, , y',
      range_min: '5',
      unit: 'kg',
    });
    expect(read.ok).toBe(true);
    expect(read.input.options).toEqual([
      { label: 'A', description: 'first' },
      { label: 'B', description: '' },
      { label: 'Other', description: '' },
    ]);
    expect(read.input.sources).toEqual([
      { title: 'Example', url: 'https://example.org/a' },
      { title: 'https://example.org/b', url: 'https://example.org/b' },
    ]);
    expect(read.input.tags).toEqual(['x', 'y']);
    expect(read.input.rangeMin).toBeUndefined();
    expect(checkQuestionContent(read.input).ok).toBe(true);
  });

  it('reports a bad time beside its field and an unknown type', () => {
    const read = readQuestionForm({ type: 'poll', title: 't', open_time: 'soon' });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.errors).sort()).toEqual(['open_time', 'type']);
  });

  it('maps the rules’ problems onto the form’s fields in words', () => {
    const check = checkQuestionContent(
      readQuestionForm({
        type: 'date',
        title: 'When?',
        date_min: '2030-01-01',
        date_max: '2029-01-01',
      }).input,
    );
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(errorsFromProblems(check.fields, 'date')).toEqual({
        date_max: 'Must be greater than the lower bound.',
      });
    }
    expect(
      errorsFromProblems(
        [{ path: '/options/1/label', message: 'duplicates another option' }],
        'multiple_choice',
      ),
    ).toEqual({ options: 'Line 2: duplicates another option.' });
    expect(
      describeProblem({
        path: '/resolution_criteria',
        message: 'must be written before submitting for review',
      }),
    ).toBe('The resolution criteria must be written before submitting for review.');
  });

  it('shows a stored discrete draft with its outcome range, not the padded axis', () => {
    const values = questionToFormValues({
      type: 'discrete',
      title: 'How many?',
      description: '',
      resolutionCriteria: '',
      finePrint: '',
      tags: [],
      sources: [],
      openTime: null,
      scheduledCloseTime: new Date('2027-01-31T09:30:00Z'),
      scheduledResolveTime: null,
      rangeMin: -0.5,
      rangeMax: 5.5,
      zeroPoint: null,
      openLowerBound: false,
      openUpperBound: true,
      unit: 'meetings',
      options: null,
    } as unknown as QuestionRecord);
    expect(values).toMatchObject({
      range_min: '0',
      range_max: '5',
      open_upper_bound: 'on',
      scheduled_close_time: '2027-01-31T09:30',
      unit: 'meetings',
    });
    expect(values.open_lower_bound).toBeUndefined();
  });
});
