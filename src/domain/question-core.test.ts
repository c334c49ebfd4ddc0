import { describe, expect, it } from 'vitest';
import { questionRecord as record } from '../../test/factories/question-record.ts';
import { DomainError } from './errors.ts';
import { toCoreQuestion } from './question-core.ts';

describe('toCoreQuestion', () => {
  it('maps times to unix seconds', () => {
    expect(toCoreQuestion(record({}))).toEqual({
      id: 7,
      type: 'binary',
      openTime: Date.UTC(2030, 0, 1) / 1000,
      scheduledCloseTime: Date.UTC(2030, 1, 1) / 1000,
      actualCloseTime: null,
      spotScoringTime: null,
    });
  });

  it('orders MC options by options_history, catch-all last (docs/maths.md §0)', () => {
    const core = toCoreQuestion(
      record({
        type: 'multiple_choice',
        options: ['A', 'B', 'C', 'Other'].map((label) => ({ label, description: '' })),
        optionsHistory: [
          ['2030-01-01T00:00:00.000Z', ['A', 'B', 'Other']],
          ['2030-01-05T00:00:00.000Z', ['A', 'B', 'C', 'Other']],
        ],
      }),
    );
    expect(core.allOptions).toEqual(['A', 'B', 'C', 'Other']);
  });

  it('passes continuous bounds through on the CDF axis', () => {
    const core = toCoreQuestion(
      record({
        type: 'discrete',
        rangeMin: 0.5,
        rangeMax: 5.5,
        openLowerBound: false,
        openUpperBound: true,
        inboundOutcomeCount: 5,
      }),
    );
    expect(core).toMatchObject({
      rangeMin: 0.5,
      rangeMax: 5.5,
      zeroPoint: null,
      openLowerBound: false,
      openUpperBound: true,
      inboundOutcomeCount: 5,
    });
  });

  it('refuses a question without a schedule', () => {
    expect(() => toCoreQuestion(record({ status: 'draft', openTime: null }))).toThrow(DomainError);
  });
});
