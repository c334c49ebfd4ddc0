// Ranking of leaderboard rows with ties and exclusions (docs/maths.md §13 "Ranks").

export interface Rankable {
  key: number;
  exclusionStatus: number;
}

/** Two keys rank together when |key − previous| ≤ 1e-8 + 1e-5·|previous|. */
export function isCloseToPrevious(key: number, previousKey: number): boolean {
  return Math.abs(key - previousKey) <= 1e-8 + 1e-5 * Math.abs(previousKey);
}

/** Descending by key; equal keys keep first-appearance order (Array.prototype.sort is stable). */
export function sortByKeyDescending<T extends Rankable>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.key > b.key ? -1 : a.key < b.key ? 1 : 0));
}

/**
 * Ranks of entries already in ranked order. Compatibility quirk: entries with status ≥ 2 do not
 * consume a rank number (they share it with the next entry), and closeness is tested against the
 * previous key only, so ties chain asymmetrically.
 */
export function assignRanks(sorted: readonly Rankable[]): Int32Array {
  const ranks = new Int32Array(sorted.length);
  let counter = 1;
  for (let i = 0; i < sorted.length; i++) {
    ranks[i] = counter;
    if (i > 0 && isCloseToPrevious(sorted[i].key, sorted[i - 1].key)) ranks[i] = ranks[i - 1];
    if (sorted[i].exclusionStatus <= 1) counter++;
  }
  return ranks;
}
