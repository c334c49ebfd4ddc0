// Decimal h-index of comment-insight and question-writing boards (docs/maths.md §13), server side.

/**
 * Python's round(v, 2): the exact binary value rounded to the nearest hundredth, exact ties to the
 * even hundredth. toFixed(2) already rounds the exact value correctly except on ties, which it
 * breaks upwards; ties happen only at odd multiples of 1/8 (v·8 an odd integer, exact in
 * binary), where v·100 is exactly k + ½. Compatibility quirk: banker's rounding is what the
 * reference does, so 0.125 → 0.12 and 0.375 → 0.38.
 */
export function roundToHundredthsHalfEven(value: number): number {
  if (!Number.isFinite(value)) return value;
  const eighths = value * 8;
  if (Number.isInteger(eighths) && eighths % 2 !== 0) {
    const hundredths = value * 100;
    let rounded = Math.floor(hundredths);
    if (rounded % 2 !== 0) rounded += 1;
    return rounded / 100;
  }
  return Number(value.toFixed(2));
}

/**
 * h = number of i (1-based, scores descending) with x_i ≥ i; the fraction interpolates toward h + 1
 * with A = Σ over the first min(h + 1, count) scores of min(h + 1, x):
 * h + round2((A − h²) / ((h + 1)² − h²)). An empty list gives 0.
 */
export function decimalHIndex(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  const sorted = Float64Array.from(scores).sort().reverse();
  let h = 0;
  for (let i = 0; i < sorted.length; i++) if (sorted[i] >= i + 1) h++;
  const cap = h + 1;
  const counted = Math.min(cap, sorted.length);
  let area = 0;
  for (let i = 0; i < counted; i++) area += Math.min(cap, sorted[i]);
  const fraction = roundToHundredthsHalfEven((area - h * h) / (cap * cap - h * h));
  return h + fraction;
}
