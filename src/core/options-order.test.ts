import { describe, expect, it } from 'vitest';
import { allOptionsOrder } from './options-order.ts';

describe('allOptionsOrder (docs/maths.md §0)', () => {
  it('is the options list when there is no history', () => {
    expect(allOptionsOrder(['A', 'B', 'Other'])).toEqual(['A', 'B', 'Other']);
    expect(allOptionsOrder(['A', 'B', 'Other'], null)).toEqual(['A', 'B', 'Other']);
  });

  it('walks the history, appends new labels, and puts the first catch-all last', () => {
    // first entry: A, B (+ catch-all Other); then C is added; later B is removed and D added
    const history = [
      ['2026-01-01T00:00:00Z', ['A', 'B', 'Other']],
      ['2026-02-01T00:00:00Z', ['A', 'B', 'C', 'Other']],
      ['2026-03-01T00:00:00Z', ['A', 'C', 'D', 'Other']],
    ] as const;
    expect(allOptionsOrder(['A', 'C', 'D', 'Other'], history)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'Other',
    ]);
  });

  it('keeps the first entry’s catch-all even if a later entry renames it', () => {
    const history = [
      ['t0', ['A', 'B', 'Other']],
      ['t1', ['A', 'B', 'Something else']],
    ] as const;
    expect(allOptionsOrder(undefined, history)).toEqual(['A', 'B', 'Other']);
  });
});
