// The all-options order of a multiple-choice question (docs/maths.md §0), catch-all always last.

/** One `options_history` entry: when the option list changed, and the labels from then on. */
export type OptionsHistoryEntry = readonly [string, readonly string[]];

/**
 * Every option ever listed, in the order all MC vectors use. With `optionsHistory` (non-empty),
 * the catch-all is the last label of its first entry; the entries are walked in order, each
 * label but the entry's last one is appended when new, and the catch-all goes last. Without
 * it, the list is `options` itself.
 */
export function allOptionsOrder(
  options: readonly string[] | undefined,
  optionsHistory?: readonly OptionsHistoryEntry[] | null,
): string[] {
  if (optionsHistory === undefined || optionsHistory === null || optionsHistory.length === 0) {
    if (options === undefined) {
      throw new RangeError('allOptionsOrder needs options or a non-empty options_history');
    }
    return [...options];
  }
  const firstLabels = optionsHistory[0][1];
  const catchAll = firstLabels[firstLabels.length - 1];
  const seen = new Set<string>([catchAll]);
  const order: string[] = [];
  for (const [, labels] of optionsHistory) {
    for (let index = 0; index < labels.length - 1; index++) {
      const label = labels[index];
      // The catch-all is kept out of the walk so it appears exactly once, at the end.
      if (!seen.has(label)) {
        seen.add(label);
        order.push(label);
      }
    }
  }
  order.push(catchAll);
  return order;
}
