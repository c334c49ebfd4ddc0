import { describe, expect, it } from 'vitest';
import { questionRecord } from '../../test/factories/question-record.ts';
import { DomainError } from './errors.ts';
import {
  checkActualCloseTime,
  checkEvidence,
  checkResolution,
  disputeWindowEnd,
  isScorable,
  statusForResolution,
} from './resolution-rules.ts';

function code(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
}

const numeric = questionRecord({
  type: 'numeric',
  rangeMin: 0,
  rangeMax: 100,
  openLowerBound: false,
  openUpperBound: true,
  inboundOutcomeCount: 200,
});

describe('resolution outcomes', () => {
  it('accepts what each type accepts and names the problem otherwise (INVALID_RESOLUTION)', () => {
    const binary = questionRecord({});
    expect(checkResolution(binary, ' yes ')).toBe('yes');
    expect(checkResolution(binary, 'ambiguous')).toBe('ambiguous');
    expect(code(() => checkResolution(binary, 'maybe'))).toBe('INVALID_RESOLUTION');
    expect(checkResolution(numeric, '42.5')).toBe('42.5');
    expect(checkResolution(numeric, 'above_upper_bound')).toBe('above_upper_bound');
    expect(checkResolution(numeric, '150')).toBe('150'); // the upper bound is open
    expect(code(() => checkResolution(numeric, '-1'))).toBe('INVALID_RESOLUTION');
    expect(code(() => checkResolution(numeric, 'below_lower_bound'))).toBe('INVALID_RESOLUTION');
    expect(code(() => checkResolution(numeric, 'forty'))).toBe('INVALID_RESOLUTION');
    const choice = questionRecord({
      type: 'multiple_choice',
      options: [
        { label: 'A', description: '' },
        { label: 'Other', description: '' },
      ],
    });
    expect(checkResolution(choice, 'Other')).toBe('Other');
    expect(code(() => checkResolution(choice, 'B'))).toBe('INVALID_RESOLUTION');
  });

  it('annulled is its own final status; everything else resolves; only non-void outcomes score', () => {
    expect(statusForResolution('annulled')).toBe('annulled');
    expect(statusForResolution('ambiguous')).toBe('resolved');
    expect(statusForResolution('no')).toBe('resolved');
    expect(isScorable({ status: 'resolved', resolution: 'no' })).toBe(true);
    expect(isScorable({ status: 'resolved', resolution: 'ambiguous' })).toBe(false);
    expect(isScorable({ status: 'annulled', resolution: 'annulled' })).toBe(false);
    expect(isScorable({ status: 'resolution_proposed', resolution: null })).toBe(false);
  });
});

describe('actual close time, evidence and the window', () => {
  const now = new Date('2030-01-20T00:00:00Z');
  it('moves the close only between the opening and the recorded close, never into the future', () => {
    const open = questionRecord({});
    expect(checkActualCloseTime(open, new Date('2030-01-10T00:00:00.700Z'), now)).toEqual(
      new Date('2030-01-10T00:00:00Z'),
    );
    expect(code(() => checkActualCloseTime(open, new Date('2029-12-31T00:00:00Z'), now))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(() => checkActualCloseTime(open, new Date('2030-01-21T00:00:00Z'), now))).toBe(
      'VALIDATION_FAILED',
    );
    const closed = questionRecord({
      status: 'closed',
      actualCloseTime: new Date('2030-01-15T00:00:00Z'),
    });
    expect(code(() => checkActualCloseTime(closed, new Date('2030-01-16T00:00:00Z'), now))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('needs http(s) evidence links and ends the window after the given hours (0 allowed)', () => {
    expect(checkEvidence([{ url: ' https://example.org/a ', note: ' n ' }])).toEqual([
      { url: 'https://example.org/a', note: 'n' },
    ]);
    expect(code(() => checkEvidence([{ url: 'javascript:alert(1)' }]))).toBe('VALIDATION_FAILED');
    expect(disputeWindowEnd(now, 0)).toEqual(now);
    expect(disputeWindowEnd(now, 48).getTime() - now.getTime()).toBe(48 * 3_600_000);
  });
});
