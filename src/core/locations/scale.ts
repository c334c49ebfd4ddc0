// Scaled ↔ unscaled locations of a continuous question (docs/maths.md §8), linear or logarithmic.

/** The part of a continuous question that fixes its axis. `zeroPoint` null = linear scale. */
export interface ContinuousScale {
  rangeMin: number;
  rangeMax: number;
  zeroPoint: number | null;
}

/**
 * Maps a real-world value x (a number, or unix seconds for dates) to u on the unscaled axis,
 * where range_min ↦ 0 and range_max ↦ 1. Values outside the range map outside [0, 1].
 * Formulas are evaluated in the order docs/maths.md §8 writes them so results match the reference.
 */
export function scaledToUnscaled(x: number, scale: ContinuousScale): number {
  const { rangeMin, rangeMax, zeroPoint } = scale;
  if (zeroPoint === null) {
    return (x - rangeMin) / (rangeMax - rangeMin);
  }
  const ratio = (rangeMax - zeroPoint) / (rangeMin - zeroPoint);
  return (
    (Math.log((x - rangeMin) * (ratio - 1) + (rangeMax - rangeMin)) -
      Math.log(rangeMax - rangeMin)) /
    Math.log(ratio)
  );
}

/** Inverse of `scaledToUnscaled`: u on [0, 1] back to the question's scale. */
export function unscaledToScaled(u: number, scale: ContinuousScale): number {
  const { rangeMin, rangeMax, zeroPoint } = scale;
  if (zeroPoint === null) {
    return rangeMin + (rangeMax - rangeMin) * u;
  }
  const ratio = (rangeMax - zeroPoint) / (rangeMin - zeroPoint);
  return rangeMin + ((rangeMax - rangeMin) * (ratio ** u - 1)) / (ratio - 1);
}
