import { describe, expect, it } from 'vitest';
import { impliedMarginal, isIncoherent } from './question-conditionals.ts';

describe('impliedMarginal', () => {
  it('sums P(child | parent = x)·P(parent = x) over the branches', () => {
    // 0.8·0.3 + 0.2·0.7 = 0.24 + 0.14 = 0.38
    const value = impliedMarginal([
      { parentProbability: 0.3, childProbability: 0.8 },
      { parentProbability: 0.7, childProbability: 0.2 },
    ]);
    expect(value).toBeCloseTo(0.38, 12);
  });

  it('is unknown when any term is unknown or there are no branches', () => {
    expect(impliedMarginal([])).toBeNull();
    expect(
      impliedMarginal([
        { parentProbability: 0.3, childProbability: null },
        { parentProbability: 0.7, childProbability: 0.2 },
      ]),
    ).toBeNull();
  });
});

describe('isIncoherent', () => {
  it('flags differences above 10 points only', () => {
    expect(isIncoherent(0.5, 0.38)).toBe(true);
    expect(isIncoherent(0.45, 0.38)).toBe(false);
    expect(isIncoherent(null, 0.38)).toBe(false);
  });
});
