// The fast kernels (fused sums, bracketed percentile scans, paired scans, reused weight
// buffers) against docs/maths.md §3–§4 read literally: equal to the last bit, not within 1e-9.
// They take the §2 weights as the engines use them (past N = 1,000 the table's unscaled e^√n,
// which exp(√n − √N) as written matches within 3e-14 once scaled: recency-weights.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryQuestion,
  forecast,
  multipleChoiceQuestion,
  numericQuestion,
} from '../../../test/helpers/cp-fixtures.ts';
import type { AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import { ActiveSetStore } from './active-set-store.ts';
import type { AggregationOptions } from './active-set-view.ts';
import { aggregateActiveSet } from './aggregate-active-set.ts';
import { binaryColumnQuartiles } from './binary-quartiles.ts';
import { columnQuartiles } from './column-statistics.ts';
import { renormalisedMedians } from './multiple-choice-cp.ts';
import { methodWeightVector } from './recency-weights.ts';
import { sortColumnByValue } from './weighted-percentile.ts';

/** §2's weights as the engines use them, as a plain array (ones when uniform). */
function literalWeights(method: AggregationMethod, count: number): number[] {
  return Array.from(methodWeightVector(method, count).weights);
}

/** §3 word by word (values in active-set order, NaN = null). */
function literalPercentile(values: number[], weights: number[], percentile: number): number {
  const items = values.map((value, rank) => ({ value, weight: weights[rank], rank }));
  items.sort((left, right) => {
    const leftNull = Number.isNaN(left.value);
    const rightNull = Number.isNaN(right.value);
    if (leftNull !== rightNull) return leftNull ? 1 : -1;
    if (!leftNull && left.value !== right.value) return left.value < right.value ? -1 : 1;
    return left.rank - right.rank;
  });
  let total = 0;
  for (const item of items) total += item.weight;
  const q = percentile / 100;
  let running = 0;
  let left: number | undefined;
  for (const item of items) {
    running += item.weight;
    const cumulative = running / total;
    if (left === undefined && cumulative >= q) left = item.value;
    if (cumulative > q) return 0.5 * ((left as number) + item.value);
  }
  throw new Error('unreachable for q < 1');
}

/** §4 means word by word: Σ w·v / Σ w in active-set order. */
function literalMean(values: number[], weights: number[]): number {
  let weighted = 0;
  let total = 0;
  for (let rank = 0; rank < values.length; rank++) {
    weighted += weights[rank] * values[rank];
    total += weights[rank];
  }
  return weighted / total;
}

interface LiteralColumns {
  lower: number[];
  median: number[];
  upper: number[];
  means: number[];
}

/** Per-column quartiles and means of rows given in active-set order. */
function literalColumns(rows: number[][], method: AggregationMethod): LiteralColumns {
  const weights = literalWeights(method, rows.length);
  const result: LiteralColumns = { lower: [], median: [], upper: [], means: [] };
  for (let column = 0; column < rows[0].length; column++) {
    const values = rows.map((row) => row[column]);
    result.lower.push(literalPercentile(values, weights, 25));
    result.median.push(literalPercentile(values, weights, 50));
    result.upper.push(literalPercentile(values, weights, 75));
    result.means.push(literalMean(values, weights));
  }
  return result;
}

/** §15.4 MC word by word: per option L_j over non-null values, softmax of d·L_j, squeeze. */
function literalMultipleChoiceLogOdds(rows: number[][], extremize: number): number[] {
  const weights = literalWeights('log_odds_mean', rows.length);
  const scaled = rows[0].map((_, column) => {
    let logSum = 0;
    let weightSum = 0;
    rows.forEach((row, rank) => {
      if (Number.isNaN(row[column])) return;
      logSum += weights[rank] * Math.log(row[column]);
      weightSum += weights[rank];
    });
    return weightSum > 0 ? extremize * (logSum / weightSum) : Number.NaN;
  });
  const available = scaled.filter((value) => !Number.isNaN(value));
  const maximum = Math.max(...available);
  const exponentials = scaled.map((value) => Math.exp(value - maximum));
  let normaliser = 0;
  for (const value of exponentials) if (!Number.isNaN(value)) normaliser += value;
  const scale = 1 - available.length * 0.001;
  return exponentials.map((value) => (value / normaliser) * scale + 0.001);
}

function byActiveOrder(forecasts: readonly CoreForecast[]): CoreForecast[] {
  return [...forecasts].sort((a, b) => a.startTime - b.startTime || a.id - b.id);
}

function binaryRows(forecasts: readonly CoreForecast[]): number[][] {
  return byActiveOrder(forecasts).map((f) => [1 - f.values[0], f.values[0]]);
}

/** Same-valued columns, ties and exact hits C_k = q come from a few coarse values. */
const probability = fc.oneof(
  fc.constantFrom(0.1, 0.25, 0.5, 0.75, 0.9, 0.001, 0.999),
  fc.integer({ min: 1, max: 999 }).map((value) => value / 1000),
  fc.double({ min: 0.001, max: 0.999, noNaN: true }),
);
const method = fc.constantFrom<AggregationMethod>('recency_weighted', 'unweighted');

/** The double `steps` ulps above `value` (value > 0). */
function ulpsAbove(value: number, steps: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(steps));
  return view.getFloat64(0);
}

/** Distinct p whose 1 − p round to the same double: one column 0 value, several in column 1. */
const collidingProbability = fc
  .tuple(fc.constantFrom(0.1, 0.3, 0.001, 1e-17, 0.4999), fc.integer({ min: 0, max: 3 }))
  .map(([base, steps]) => ulpsAbove(base, steps));

/** Forecasts with distinct ids and clustered start times (ties broken by id). */
function forecastsOf(valueLists: number[][]): CoreForecast[] {
  return valueLists.map((values, index) =>
    forecast(index + 1, index + 1, 1000 + ((index * 7919) % 13), null, values),
  );
}

function expectBinaryEntry(
  entry: ReturnType<typeof aggregateActiveSet>,
  rows: number[][],
  aggregation: AggregationMethod,
): void {
  const literal = literalColumns(rows, aggregation);
  expect(entry?.forecastValues).toEqual(literal.median);
  expect(entry?.centers).toEqual(literal.median);
  expect(entry?.intervalLowerBounds).toEqual(literal.lower);
  expect(entry?.intervalUpperBounds).toEqual(literal.upper);
  expect(entry?.means).toEqual(literal.means);
}

describe('fast CP kernels equal docs/maths.md §2–§4 read literally', () => {
  it('binary entries from scratch', () => {
    fc.assert(
      fc.property(fc.array(probability, { minLength: 1, maxLength: 60 }), method, (ps, how) => {
        const forecasts = forecastsOf(ps.map((p) => [p]));
        const entry = aggregateActiveSet(binaryQuestion(), how, forecasts);
        expectBinaryEntry(entry, binaryRows(forecasts), how);
      }),
      { numRuns: 400 },
    );
  });

  it('exact hits of uniform weights average two values (C_k = q at N = 4, 8, …)', () => {
    for (let count = 1; count <= 16; count++) {
      const forecasts = forecastsOf(Array.from({ length: count }, (_, i) => [(i + 1) / 20]));
      for (const how of ['unweighted', 'recency_weighted'] as const) {
        const entry = aggregateActiveSet(binaryQuestion(), how, forecasts);
        expectBinaryEntry(entry, binaryRows(forecasts), how);
      }
    }
  });

  it('binary entries of a store under inserts and removals (scattered slots)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(probability, fc.boolean()), { minLength: 1, maxLength: 80 }),
        method,
        (events, how) => {
          const store = new ActiveSetStore(binaryQuestion(), how);
          const active: CoreForecast[] = [];
          events.forEach(([p, isRemoval], index) => {
            if (isRemoval && active.length > 0) {
              const [removed] = active.splice((index * 31) % active.length, 1);
              store.remove(removed.id);
            } else {
              const added = forecast(index + 1, index + 1, 1000 + (index % 5), null, [p]);
              active.push(added);
              store.insert(added);
            }
            if (active.length === 0) return;
            expectBinaryEntry(store.entry(), binaryRows(active), how);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('store entries after replacements (same N: only ranks from the change recomputed)', () => {
    const mcQuestion = multipleChoiceQuestion(['A', 'B', 'C']);
    const cdfQuestion = numericQuestion();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(probability, fc.nat(), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 40 }),
        method,
        (events, initial, how) => {
          const binary = new ActiveSetStore(binaryQuestion(), how);
          const mc = new ActiveSetStore(mcQuestion, how);
          const numeric = new ActiveSetStore(cdfQuestion, how);
          const cdfs: CoreForecast[] = [];
          const active: CoreForecast[] = [];
          let nextId = 1;
          const add = (p: number, startTime: number) => {
            const made = forecast(nextId, nextId, startTime, null, [p]);
            nextId++;
            active.push(made);
            binary.insert(made);
            mc.insert({ ...made, values: [p, 1 - p, 0.5] });
            const cdf = { ...made, values: [0, p / 2, p, (1 + p) / 2, 1] };
            cdfs.push(cdf);
            numeric.insert(cdf);
          };
          for (let index = 0; index < initial; index++) add(((index * 37) % 997) / 1000, 1000);
          for (const [p, pick, kind] of events) {
            if (kind > 0 && active.length > 0) {
              // replace: a forecast leaves and another enters, at the end or in between
              const [removed] = active.splice(pick % active.length, 1);
              cdfs.splice(pick % cdfs.length, 1);
              binary.remove(removed.id);
              mc.remove(removed.id);
              numeric.remove(removed.id);
              add(p, kind === 1 ? 1000 + (pick % 7) : 2000 + nextId);
            }
            if (active.length === 0) continue;
            expectBinaryEntry(binary.entry(), binaryRows(active), how);
            const rows = byActiveOrder(active).map((f) => [f.values[0], 1 - f.values[0], 0.5]);
            const literal = literalColumns(rows, how);
            const expected = renormalisedMedians(Float64Array.from(literal.median));
            expect(mc.entry()?.forecastValues).toEqual(Array.from(expected));
            expect(mc.entry()?.means).toEqual(literal.means);
            expect(numeric.entry()).toEqual(aggregateActiveSet(cdfQuestion, how, cdfs));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('multiple-choice medians and means, nulls included', () => {
    const question = multipleChoiceQuestion(['A', 'B', 'C']);
    const share = fc.oneof(probability, fc.constant(Number.NaN));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(share, share, share), { minLength: 1, maxLength: 40 }),
        method,
        (rows, how) => {
          const forecasts = forecastsOf(rows);
          const ordered = byActiveOrder(forecasts).map((f) => [...f.values]);
          const literal = literalColumns(ordered, how);
          const entry = aggregateActiveSet(question, how, forecasts);
          const expected = renormalisedMedians(Float64Array.from(literal.median));
          expect(entry?.forecastValues).toEqual(Array.from(expected));
          expect(entry?.means).toEqual(literal.means);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to the sorted-order W when the bracket cannot decide', () => {
    fc.assert(
      fc.property(fc.array(probability, { minLength: 1, maxLength: 60 }), (ps) => {
        const rows = binaryRows(forecastsOf(ps.map((p) => [p])));
        const count = rows.length;
        const values = Float64Array.from(rows.flat());
        const sortedColumns = [0, 1].map((c) => sortColumnByValue(values, 2, c, count));
        const order = Int32Array.from(rows.keys());
        const view = { count, order, values, stride: 2, sortedColumns };
        const weights = methodWeightVector('recency_weighted', count);
        // A slack of half the total leaves almost every decision undecided.
        const wide = { ...weights, totalSlack: weights.total / 2 };
        const quartiles = columnQuartiles(view, wide, weights.weights);
        const literal = literalColumns(rows, 'recency_weighted');
        expect(Array.from(quartiles.lower)).toEqual(literal.lower);
        expect(Array.from(quartiles.median)).toEqual(literal.median);
        expect(Array.from(quartiles.upper)).toEqual(literal.upper);
      }),
      { numRuns: 200 },
    );
  });

  it('binary entries where distinct p share one 1 − p', () => {
    expect(1 - ulpsAbove(0.1, 1)).toBe(1 - 0.1);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(collidingProbability, probability), { minLength: 1, maxLength: 60 }),
        method,
        (ps, how) => {
          const forecasts = forecastsOf(ps.map((p) => [p]));
          const entry = aggregateActiveSet(binaryQuestion(), how, forecasts);
          expectBinaryEntry(entry, binaryRows(forecasts), how);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('binary quartiles fall back to a column scan of its own when the bracket cannot decide', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(collidingProbability, probability), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (ps, slackShare) => {
          const rows = binaryRows(forecastsOf(ps.map((p) => [p])));
          const count = rows.length;
          const values = Float64Array.from(rows.flat());
          const sortedColumns = [0, 1].map((c) => sortColumnByValue(values, 2, c, count));
          const order = Int32Array.from(rows.keys());
          const view = { count, order, values, stride: 2, sortedColumns };
          const weights = methodWeightVector('recency_weighted', count);
          const wide = { ...weights, totalSlack: weights.total * slackShare };
          const quartiles = binaryColumnQuartiles(view, wide, weights.weights);
          const literal = literalColumns(rows, 'recency_weighted');
          expect(Array.from(quartiles.lower)).toEqual(literal.lower);
          expect(Array.from(quartiles.median)).toEqual(literal.median);
          expect(Array.from(quartiles.upper)).toEqual(literal.upper);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reuses weight buffers across N without changing an entry', () => {
    const question: CoreQuestion = binaryQuestion();
    const store = new ActiveSetStore(question, 'recency_weighted');
    const active: CoreForecast[] = [];
    // N walks up to 60 and back down, so the weight cache evicts and reuses buffers.
    for (let step = 0; step < 200; step++) {
      const isGrowing = Math.floor(step / 60) % 2 === 0;
      if (isGrowing || active.length < 2) {
        const added = forecast(step + 1, step + 1, 1000 + step, null, [((step * 37) % 997) / 1000]);
        active.push(added);
        store.insert(added);
      } else {
        const [removed] = active.splice((step * 13) % active.length, 1);
        store.remove(removed.id);
      }
      expectBinaryEntry(store.entry(), binaryRows(active), 'recency_weighted');
    }
  });

  it('multiple-choice log_odds_mean, with and without nulls', () => {
    const question = multipleChoiceQuestion(['A', 'B', 'C']);
    const share = fc.oneof(probability, probability, fc.constant(Number.NaN));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(share, probability, probability), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(1, 0.5, 2.5),
        (rows, extremize) => {
          const forecasts = forecastsOf(rows);
          const ordered = byActiveOrder(forecasts).map((f) => [...f.values]);
          const entry = aggregateActiveSet(question, 'log_odds_mean', forecasts, { extremize });
          expect(entry?.forecastValues).toEqual(literalMultipleChoiceLogOdds(ordered, extremize));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a store of every method gives each the entry of a store of its own', () => {
    const questions = [
      binaryQuestion(),
      multipleChoiceQuestion(['A', 'B', 'C']),
      numericQuestion({ inboundOutcomeCount: 4 }),
    ];
    const methods: AggregationMethod[] = ['recency_weighted', 'unweighted', 'log_odds_mean'];
    const valuesFor = (question: CoreQuestion, p: number, index: number): number[] => {
      if (question.type === 'binary') return [p];
      if (question.type === 'multiple_choice') {
        return [index % 5 === 0 ? Number.NaN : p / 2, 1 - p, p / 2];
      }
      return [0, p / 2, p, (1 + p) / 2, 1];
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(probability, fc.nat(), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.constantFrom(...questions),
        fc.subarray(methods, { minLength: 1 }),
        (events, question, chosen) => {
          const shared = new ActiveSetStore(question, chosen);
          const own = chosen.map((method) => new ActiveSetStore(question, method));
          const active: CoreForecast[] = [];
          const options: AggregationOptions = { extremize: 1.7 };
          events.forEach(([p, pick, kind], index) => {
            if (kind === 0 && active.length > 0) {
              const [removed] = active.splice(pick % active.length, 1);
              for (const store of [shared, ...own]) store.remove(removed.id);
            } else {
              const added = forecast(index + 1, index + 1, 1000 + (pick % 9), null, [p]);
              added.values = valuesFor(question, p, index);
              active.push(added);
              for (const store of [shared, ...own]) store.insert(added);
            }
            // Ask in a varying order: a weighting's statistics serve every method asking later.
            const asked = index % 2 === 0 ? chosen : [...chosen].reverse();
            for (const method of asked) {
              const expected = own[chosen.indexOf(method)].entry(options);
              expect(shared.entry(options, method)).toEqual(expected);
              expect(expected).toEqual(aggregateActiveSet(question, method, active, options));
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
