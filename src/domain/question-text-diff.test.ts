import { describe, expect, it } from 'vitest';
import { lineDiff } from './question-text-diff.ts';

describe('lineDiff', () => {
  it('marks unchanged, removed and added lines in order', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
  });

  it('handles empty texts on either side', () => {
    expect(lineDiff('', 'new')).toEqual([{ op: 'added', text: 'new' }]);
    expect(lineDiff('old', '')).toEqual([{ op: 'removed', text: 'old' }]);
    expect(lineDiff('', '')).toEqual([]);
  });

  it('keeps a common subsequence in the middle', () => {
    const diff = lineDiff('1\n2\n3\n4\n5', '0\n2\n4\n6');
    expect(diff.filter((line) => line.op === 'same').map((line) => line.text)).toEqual(['2', '4']);
    // Rebuilding both sides from the diff gives the inputs back.
    const before = diff.filter((l) => l.op !== 'added').map((l) => l.text);
    const after = diff.filter((l) => l.op !== 'removed').map((l) => l.text);
    expect(before.join('\n')).toBe('1\n2\n3\n4\n5');
    expect(after.join('\n')).toBe('0\n2\n4\n6');
  });
});
