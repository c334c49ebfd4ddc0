// Calibration table of binary forecasts with Wilson 95 % intervals (docs/maths.md §15.5).

/** z of a two-sided 95 % normal interval. */
export const WILSON_Z = 1.959963984540054;

const BIN_COUNT = 10;

export interface CalibrationPair {
  /** P(yes) of the forecast (or CP entry) active at the spot time */
  probability: number;
  /** 1 = resolved yes, 0 = no */
  outcome: 0 | 1;
}

export interface CalibrationBin {
  binLower: number;
  binUpper: number;
  count: number;
  /** null for an empty bin */
  meanForecast: number | null;
  observedFrequency: number | null;
  wilsonLower: number | null;
  wilsonUpper: number | null;
}

/** Bin k covers [k/10, (k+1)/10), the last one closed at 1: min(9, ⌊10·p⌋). */
export function calibrationBinIndex(probability: number): number {
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`probability outside [0, 1]: ${probability}`);
  }
  return Math.min(BIN_COUNT - 1, Math.floor(10 * probability));
}

export interface WilsonInterval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for f observed in n trials: den = 1 + z²/n,
 * center = (f + z²/(2n)) / den, half = (z / den) · √(f(1 − f)/n + z²/(4n²)), clamped to [0, 1].
 */
export function wilsonInterval(observedFrequency: number, count: number): WilsonInterval {
  if (!(count > 0)) throw new RangeError('a Wilson interval needs at least one observation');
  const f = observedFrequency;
  const zSquared = WILSON_Z * WILSON_Z;
  const denominator = 1 + zSquared / count;
  const center = (f + zSquared / (2 * count)) / denominator;
  const half =
    (WILSON_Z / denominator) * Math.sqrt((f * (1 - f)) / count + zSquared / (4 * count * count));
  return { lower: Math.max(0, center - half), upper: Math.min(1, center + half) };
}

/** Ten bins over the pairs in the given order (sums are sequential in that order). */
export function calibrationTable(pairs: readonly CalibrationPair[]): CalibrationBin[] {
  const counts = new Int32Array(BIN_COUNT);
  const forecastSums = new Float64Array(BIN_COUNT);
  const outcomeSums = new Float64Array(BIN_COUNT);
  for (const pair of pairs) {
    if (pair.outcome !== 0 && pair.outcome !== 1) throw new RangeError('outcome must be 0 or 1');
    const bin = calibrationBinIndex(pair.probability);
    counts[bin]++;
    forecastSums[bin] += pair.probability;
    outcomeSums[bin] += pair.outcome;
  }
  const bins: CalibrationBin[] = [];
  for (let k = 0; k < BIN_COUNT; k++) {
    const count = counts[k];
    const bin: CalibrationBin = {
      binLower: k / 10,
      binUpper: (k + 1) / 10,
      count,
      meanForecast: null,
      observedFrequency: null,
      wilsonLower: null,
      wilsonUpper: null,
    };
    if (count > 0) {
      const observedFrequency = outcomeSums[k] / count;
      const interval = wilsonInterval(observedFrequency, count);
      bin.meanForecast = forecastSums[k] / count;
      bin.observedFrequency = observedFrequency;
      bin.wilsonLower = interval.lower;
      bin.wilsonUpper = interval.upper;
    }
    bins.push(bin);
  }
  return bins;
}
