// A line diff between two versions of a question text, shown beside each clarification.

export type DiffOp = 'same' | 'added' | 'removed';

export interface DiffLine {
  op: DiffOp;
  text: string;
}

/** Above this many cells the LCS table is skipped and the middle shown as removed + added. */
const MAX_TABLE_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  return text.length === 0 ? [] : text.split(/\r?\n/);
}

/**
 * The lines of `before` and `after` in order, each marked same / removed / added, from a longest
 * common subsequence of lines (common prefix and suffix trimmed first, so typical edits are cheap).
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const result: DiffLine[] = a.slice(0, start).map((text) => ({ op: 'same', text }));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  result.push(...diffMiddle(middleA, middleB));
  result.push(...a.slice(endA).map((text): DiffLine => ({ op: 'same', text })));
  return result;
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_TABLE_CELLS) {
    return [
      ...a.map((text): DiffLine => ({ op: 'removed', text })),
      ...b.map((text): DiffLine => ({ op: 'added', text })),
    ];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], stored row-major.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const result: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      result.push({ op: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      result.push({ op: 'removed', text: a[i] });
      i++;
    } else {
      result.push({ op: 'added', text: b[j] });
      j++;
    }
  }
  while (i < n) result.push({ op: 'removed', text: a[i++] });
  while (j < m) result.push({ op: 'added', text: b[j++] });
  return result;
}
