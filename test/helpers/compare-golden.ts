// Compares CLI output with golden expectations by the rules of test/fixtures/compat/README.md.

/** |a − b| ≤ 1e-9 · max(1, |a|, |b|): 1e-9 relative, and 1e-9 absolute near zero. */
export function numbersMatch(actual: number, expected: number): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
}

/** Keys whose values are integers (counts, times, buckets, ranks, ids, statuses): exact. */
const INTEGER_KEYS = new Set([
  'start_time',
  'end_time',
  'time',
  'timestamp',
  'forecaster_count',
  'num_forecasters',
  'resolution_bucket',
  'rank',
  'user_id',
  'forecast_id',
  'contribution_count',
  'exclusion_status',
  'count',
]);

/**
 * Every difference between `actual` and `expected`, each as `<path>: <what>`; empty when they
 * match. Numbers within tolerance (exact for integer keys); null, strings and booleans exact;
 * arrays of equal length element by element; every expected key present, extra keys ignored.
 */
export function goldenDifferences(actual: unknown, expected: unknown, path = '$'): string[] {
  const key =
    path
      .replace(/(\[\d+\])+$/, '')
      .split('.')
      .pop() ?? '';
  if (expected === null || typeof expected !== 'object') {
    if (typeof expected === 'number' && typeof actual === 'number') {
      const isExact = INTEGER_KEYS.has(key) && Number.isInteger(expected);
      const isMatch = isExact ? actual === expected : numbersMatch(actual, expected);
      return isMatch ? [] : [`${path}: expected ${expected}, got ${actual}`];
    }
    return actual === expected
      ? []
      : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) {
      return [`${path}: expected length ${expected.length}, got ${actual.length}`];
    }
    return expected.flatMap((item, index) =>
      goldenDifferences(actual[index], item, `${path}[${index}]`),
    );
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
    return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
  }
  const actualObject = actual as Record<string, unknown>;
  return Object.entries(expected as Record<string, unknown>).flatMap(([name, value]) =>
    Object.hasOwn(actualObject, name)
      ? goldenDifferences(actualObject[name], value, `${path}.${name}`)
      : [`${path}.${name}: missing`],
  );
}
