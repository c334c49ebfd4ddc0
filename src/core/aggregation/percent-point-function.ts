// Percent point function of a CDF on evenly spaced unscaled points (docs/maths.md §6).

/**
 * Where the piecewise-linear CDF first reaches P percent, as u in [0, 1]. The comparisons use
 * the double products 100·cdf[i], in the exact order of §6, so exact hits return i/(L−1).
 */
export function percentPointFunction(cdf: ArrayLike<number>, percent: number): number {
  const length = cdf.length;
  if (length < 2) throw new RangeError('percentPointFunction needs a CDF of at least 2 points');
  if (percent < 100 * cdf[0]) return 0;
  if (percent >= 100 * cdf[length - 1]) return 1;
  const lastIndex = length - 1;
  for (let index = 0; index < lastIndex; index++) {
    const left = 100 * cdf[index];
    const right = 100 * cdf[index + 1];
    if (left === percent) return index / lastIndex;
    if (left < percent && percent < right) {
      return (index + (percent - left) / (right - left)) / lastIndex;
    }
  }
  // Unreachable for a non-decreasing CDF; a decreasing one has no defined crossing.
  return Number.NaN;
}
