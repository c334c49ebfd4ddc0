import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryForecast,
  binaryQuestion,
  forecast,
  multipleChoiceQuestion,
  numericQuestion,
} from '../../../test/helpers/cp-fixtures.ts';
import { naiveHistory } from '../../../test/helpers/cp-reference.ts';
import type { AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import {
  buildCpHistory,
  buildCpHistorySegment,
  cpAtTime,
  historyTimesteps,
  joinCpHistorySegments,
} from './cp-history.ts';

// E3: open 1000, no close. F1 user 1 p 0.2 [1000, 1300); F2 user 2 p 0.5 [1100, 1400);
// F3 user 3 p 0.8 [1200, ∞); F4 user 1 p 0.7 [1300, ∞).
const e3Question = binaryQuestion({ openTime: 1000 });
const e3Forecasts = [
  binaryForecast(1, 1, 1000, 1300, 0.2),
  binaryForecast(2, 2, 1100, 1400, 0.5),
  binaryForecast(3, 3, 1200, null, 0.8),
  binaryForecast(4, 1, 1300, null, 0.7),
];

describe('buildCpHistory (docs/maths.md §7)', () => {
  it('matches the E3 table', () => {
    const history = buildCpHistory(
      { question: e3Question, forecasts: e3Forecasts },
      'recency_weighted',
    );
    expect(history.map((entry) => [entry.startTime, entry.endTime])).toEqual([
      [1000, 1100],
      [1100, 1200],
      [1200, 1300],
      [1300, 1400],
      [1400, null],
    ]);
    expect(history.map((entry) => entry.forecastValues[1])).toEqual([0.2, 0.35, 0.5, 0.7, 0.75]);
    // P(no): 0.8; 0.5·(0.5 + 0.8) = 0.65; 0.5; 1 − 0.7 = 0.30000000000000004; 0.5·(0.2 + 0.3)
    expect(history.map((entry) => entry.forecastValues[0])).toEqual([
      0.8, 0.65, 0.5, 0.30000000000000004, 0.25,
    ]);
    expect(history.map((entry) => entry.forecasterCount)).toEqual([1, 2, 3, 3, 2]);
    expect(history[3].means?.[1]).toBe(0.6893997268875417);
    expect(history.every((entry) => entry.histogram === undefined)).toBe(true);
  });

  it('lets forecasts made before open_time enter at open_time', () => {
    const question = binaryQuestion({ openTime: 1000 });
    const history = buildCpHistory(
      {
        question,
        forecasts: [
          binaryForecast(1, 1, 500, null, 0.3), // enters at 1000
          binaryForecast(2, 2, 600, 900, 0.9), // ends before open: never counts
          binaryForecast(3, 3, 700, 1000, 0.9), // ends exactly at open: skipped
        ],
      },
      'recency_weighted',
    );
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ startTime: 1000, endTime: null, forecasterCount: 1 });
    expect(history[0].forecastValues[1]).toBe(0.3);
  });

  it('drops forecasts made after the close and ignores end times after it', () => {
    const question = binaryQuestion({ openTime: 1000, actualCloseTime: 2000 });
    const history = buildCpHistory(
      {
        question,
        forecasts: [
          binaryForecast(1, 1, 1000, 2500, 0.3), // end after close: not a timestep
          binaryForecast(2, 2, 1500, 2000, 0.6), // ends exactly at close: a timestep
          binaryForecast(3, 3, 2100, null, 0.9), // after close: dropped
        ],
      },
      'recency_weighted',
    );
    expect(history.map((entry) => [entry.startTime, entry.endTime, entry.forecasterCount])).toEqual(
      [
        [1000, 1500, 1],
        [1500, 2000, 2],
        [2000, null, 1], // an entry may start at the close; the last one stays open
      ],
    );
  });

  it('closes the last entry when every forecast is withdrawn, and reopens later', () => {
    const history = buildCpHistory(
      {
        question: binaryQuestion({ openTime: 1000 }),
        forecasts: [binaryForecast(1, 1, 1000, 1200, 0.3), binaryForecast(2, 2, 1500, null, 0.6)],
      },
      'unweighted',
    );
    expect(history.map((entry) => [entry.startTime, entry.endTime])).toEqual([
      [1000, 1200],
      [1500, null],
    ]);
  });

  it('lists future end times as timesteps while the question is open', () => {
    const question = binaryQuestion({ openTime: 1000 });
    expect(historyTimesteps(question, [binaryForecast(1, 1, 1000, 50_000, 0.3)])).toEqual([
      1000, 50_000,
    ]);
  });
});

describe('cpAtTime (docs/maths.md §7)', () => {
  const bundle = { question: e3Question, forecasts: e3Forecasts };

  it('returns null when nothing is active (E3, T = 900)', () => {
    expect(cpAtTime(bundle, 'recency_weighted', 900)).toBeNull();
  });

  it('matches E3 at T = 1450 with the histogram in bins 70 and 80', () => {
    const entry = cpAtTime(bundle, 'recency_weighted', 1450, { includeHistogram: true });
    expect(entry?.forecastValues[1]).toBe(0.75);
    expect(entry?.histogram?.[70]).toBe(1);
    expect(entry?.histogram?.[80]).toBe(1);
  });

  it('applies no open/close clipping (quirk)', () => {
    const question = binaryQuestion({ openTime: 1000, actualCloseTime: 2000 });
    const clipped = {
      question,
      forecasts: [binaryForecast(1, 1, 500, null, 0.3), binaryForecast(2, 2, 2100, null, 0.9)],
    };
    // before open: the pre-open forecast is visible; after close: the late one too
    expect(cpAtTime(clipped, 'unweighted', 600)?.forecasterCount).toBe(1);
    expect(cpAtTime(clipped, 'unweighted', 2200)?.forecasterCount).toBe(2);
  });
});

/** Random valid bundles: per user, non-overlapping forecasts in time order. */
function bundleArbitrary(values: fc.Arbitrary<number[]>) {
  return fc
    .array(
      fc.record({
        userId: fc.integer({ min: 1, max: 6 }),
        gap: fc.integer({ min: 0, max: 40 }),
        length: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
        values,
      }),
      { minLength: 1, maxLength: 25 },
    )
    .map((rows) => {
      const nextStart = new Map<number, number>();
      const forecasts: CoreForecast[] = [];
      const open = new Map<number, CoreForecast>();
      rows.forEach((row, index) => {
        const start = (nextStart.get(row.userId) ?? 960) + row.gap;
        const previous = open.get(row.userId);
        if (previous !== undefined && previous.endTime === null) previous.endTime = start;
        if (previous !== undefined && previous.endTime === start && previous.startTime === start) {
          forecasts.splice(forecasts.indexOf(previous), 1);
        }
        const end = row.length === null ? null : start + row.length;
        const created = forecast(index + 1, row.userId, start, end, row.values);
        forecasts.push(created);
        open.set(row.userId, created);
        nextStart.set(row.userId, end ?? start);
      });
      return forecasts.filter((item) => item.endTime === null || item.endTime > item.startTime);
    });
}

const binaryValues = fc.integer({ min: 1, max: 999 }).map((value) => [value / 1000]);
const mcValues = fc
  .array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 3 })
  .map((weights) => {
    const total = weights[0] + weights[1] + weights[2];
    return weights.map((weight) => 0.001 + (weight / total) * 0.997);
  });
const cdfValues = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 })
  .map((points) => points.sort((left, right) => left - right).map((point) => point / 100));

const methods: AggregationMethod[] = ['recency_weighted', 'unweighted', 'log_odds_mean'];
const cases: [string, CoreQuestion, fc.Arbitrary<number[]>][] = [
  ['binary', binaryQuestion({ openTime: 1000 }), binaryValues],
  ['multiple choice', multipleChoiceQuestion(['A', 'B', 'Other'], { openTime: 1000 }), mcValues],
  ['numeric', numericQuestion({ openTime: 1000 }), cdfValues],
];

describe('buildCpHistory equals a literal per-timestep recompute', () => {
  for (const [name, question, values] of cases) {
    it(`for ${name} questions, open or closed, every method`, () => {
      fc.assert(
        fc.property(
          bundleArbitrary(values),
          fc.constantFrom(...methods),
          fc.option(fc.integer({ min: 1000, max: 1300 }), { nil: null }),
          (forecasts, method, closeTime) => {
            const closed = { ...question, actualCloseTime: closeTime };
            expect(buildCpHistory({ question: closed, forecasts }, method)).toEqual(
              naiveHistory(closed, forecasts, method),
            );
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('does not depend on user ids (relabelling users changes nothing)', () => {
    const question = binaryQuestion({ openTime: 1000 });
    fc.assert(
      fc.property(
        bundleArbitrary(binaryValues),
        fc.integer({ min: 1, max: 1000 }),
        (forecasts, shift) => {
          const relabelled = forecasts.map((item) => ({
            ...item,
            userId: 7 * item.userId + shift,
          }));
          expect(buildCpHistory({ question, forecasts: relabelled }, 'recency_weighted')).toEqual(
            buildCpHistory({ question, forecasts }, 'recency_weighted'),
          );
          expect(cpAtTime({ question, forecasts: relabelled }, 'unweighted', 1100)).toEqual(
            cpAtTime({ question, forecasts }, 'unweighted', 1100),
          );
        },
      ),
    );
  });

  it('does not depend on the input order of the forecasts', () => {
    const question = multipleChoiceQuestion(['A', 'B', 'Other'], { openTime: 1000 });
    fc.assert(
      fc.property(
        bundleArbitrary(mcValues).chain((forecasts) =>
          fc.tuple(
            fc.constant(forecasts),
            fc.shuffledSubarray(forecasts, { minLength: forecasts.length }),
          ),
        ),
        ([forecasts, shuffled]) => {
          expect(buildCpHistory({ question, forecasts: shuffled }, 'recency_weighted')).toEqual(
            buildCpHistory({ question, forecasts }, 'recency_weighted'),
          );
        },
      ),
    );
  });
});

describe('buildCpHistorySegment + joinCpHistorySegments', () => {
  for (const [name, question, values] of cases) {
    it(`reproduce buildCpHistory for ${name} questions at any split times`, () => {
      fc.assert(
        fc.property(
          bundleArbitrary(values),
          fc.constantFrom(...methods),
          fc.option(fc.integer({ min: 1000, max: 1300 }), { nil: null }),
          fc.uniqueArray(fc.integer({ min: 900, max: 1500 }), { maxLength: 4 }),
          (forecasts, method, closeTime, cuts) => {
            const bundle = { question: { ...question, actualCloseTime: closeTime }, forecasts };
            const bounds = [
              Number.NEGATIVE_INFINITY,
              ...cuts.sort((left, right) => left - right),
              Number.POSITIVE_INFINITY,
            ];
            const segments = bounds
              .slice(1)
              .map((to, index) =>
                buildCpHistorySegment(bundle, method, { from: bounds[index], to }),
              );
            expect(joinCpHistorySegments(segments)).toEqual(buildCpHistory(bundle, method));
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('leaves the last entry of a segment open and names its first timestep', () => {
    const bundle = { question: e3Question, forecasts: e3Forecasts };
    const first = buildCpHistorySegment(bundle, 'recency_weighted', { from: 0, to: 1300 });
    const second = buildCpHistorySegment(bundle, 'recency_weighted', { from: 1300, to: 9999 });
    expect(first.firstTimestep).toBe(1000);
    expect(first.entries.map((entry) => [entry.startTime, entry.endTime])).toEqual([
      [1000, 1100],
      [1100, 1200],
      [1200, null],
    ]);
    expect(second.firstTimestep).toBe(1300);
    expect(second.entries.map((entry) => entry.forecasterCount)).toEqual([3, 2]);
    const empty = buildCpHistorySegment(bundle, 'recency_weighted', { from: 1500, to: 1600 });
    expect(empty).toEqual({ firstTimestep: null, entries: [] });
  });
});
