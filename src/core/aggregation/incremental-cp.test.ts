import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryForecast,
  binaryQuestion,
  multipleChoiceQuestion,
  numericQuestion,
} from '../../../test/helpers/cp-fixtures.ts';
import type { AggregationMethod, CoreForecast, CoreQuestion, HistoryEntry } from '../types.ts';
import { isActiveAt } from './active-order.ts';
import { aggregateActiveSet } from './aggregate-active-set.ts';
import { buildCpHistory } from './cp-history.ts';
import {
  applyCpStep,
  type CpStep,
  IncrementalCp,
  IncrementalCpGroup,
  type StepsByMethod,
} from './incremental-cp.ts';

describe('IncrementalCp on E3 (docs/maths.md §17)', () => {
  it('produces the E3 history one event at a time', () => {
    const question = binaryQuestion({ openTime: 1000 });
    const engine = IncrementalCp.fromForecasts(question, 'recency_weighted', []);
    const history: HistoryEntry[] = [];
    const apply = (steps: CpStep[]) => {
      for (const step of steps) applyCpStep(history, step);
      return steps;
    };
    apply(engine.addForecast(binaryForecast(1, 1, 1000, null, 0.2)));
    // F2 carries a future end time: an auto-withdrawal at 1400
    apply(engine.addForecast(binaryForecast(2, 2, 1100, 1400, 0.5)));
    apply(engine.addForecast(binaryForecast(3, 3, 1200, null, 0.8)));
    // user 1 updates: F1 ends at 1300 as F4 starts
    const update = apply(engine.addForecast(binaryForecast(4, 1, 1300, null, 0.7)));
    expect(update).toHaveLength(1);
    expect(update[0].entry?.forecastValues).toEqual([0.30000000000000004, 0.7]);
    const expiry = apply(engine.advanceTo(1450));
    expect(expiry.map((step) => step.time)).toEqual([1400]);
    expect(
      history.map((entry) => [entry.startTime, entry.endTime, entry.forecastValues[1]]),
    ).toEqual([
      [1000, 1100, 0.2],
      [1100, 1200, 0.35],
      [1200, 1300, 0.5],
      [1300, 1400, 0.7],
      [1400, null, 0.75],
    ]);
    expect(engine.current()?.forecasterCount).toBe(2);
  });

  it('emits a null step when the last forecast is withdrawn', () => {
    const engine = IncrementalCp.fromForecasts(binaryQuestion(), 'unweighted', []);
    engine.addForecast(binaryForecast(1, 1, 1000, null, 0.2));
    expect(engine.withdraw(1, 1100)).toEqual([{ time: 1100, entry: null, isRetraction: false }]);
    expect(engine.current()).toBeNull();
    expect(() => engine.withdraw(1, 1200)).toThrow(RangeError);
  });

  it('retracts a timestep whose only forecast was withdrawn in the same second', () => {
    // F2 is made and withdrawn at 1100: storage deletes it, so 1100 is no timestep at all
    const engine = IncrementalCp.fromForecasts(binaryQuestion(), 'unweighted', []);
    const history: HistoryEntry[] = [];
    for (const step of engine.addForecast(binaryForecast(1, 1, 1000, null, 0.2))) {
      applyCpStep(history, step);
    }
    for (const step of engine.addForecast(binaryForecast(2, 2, 1100, null, 0.6))) {
      applyCpStep(history, step);
    }
    const steps = engine.withdraw(2, 1100);
    expect(steps).toEqual([{ time: 1100, entry: null, isRetraction: true }]);
    for (const step of steps) applyCpStep(history, step);
    expect(history.map((entry) => [entry.startTime, entry.endTime])).toEqual([[1000, null]]);
  });

  it('enters pre-open forecasts at open_time, and rejects time going backwards', () => {
    const engine = IncrementalCp.fromForecasts(
      binaryQuestion({ openTime: 1000 }),
      'unweighted',
      [],
    );
    expect(engine.addForecast(binaryForecast(1, 1, 900, null, 0.2))).toEqual([]);
    const steps = engine.addForecast(binaryForecast(2, 2, 1100, null, 0.4));
    expect(steps.map((step) => [step.time, step.entry?.forecasterCount])).toEqual([
      [1000, 1],
      [1100, 2],
    ]);
    expect(() => engine.advanceTo(1050)).toThrow(RangeError);
  });
});

type EngineEvent =
  | { kind: 'add'; gap: number; userId: number; values: number[]; lifetime: number | null }
  | { kind: 'withdraw'; gap: number; userId: number }
  | { kind: 'advance'; gap: number }
  | { kind: 'rebuild'; gap: 0; fromSnapshot: boolean };

function eventArbitrary(
  values: fc.Arbitrary<number[]>,
  userId: fc.Arbitrary<number> = fc.integer({ min: 1, max: 6 }),
): fc.Arbitrary<EngineEvent> {
  // many zero gaps: several events in one second are where storage deletes forecasts
  const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 }));
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        gap,
        userId,
        values,
        lifetime: fc.option(fc.integer({ min: 1, max: 80 }), { nil: null }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), gap, userId }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), gap }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('rebuild' as const),
        gap: fc.constant(0 as const),
        fromSnapshot: fc.boolean(),
      }),
    },
  );
}

/**
 * Drives the engine with random events while keeping the forecasts as storage would (§14.2:
 * a new forecast ends the user's standing one, zero-length forecasts are deleted), and checks
 * after every event that the engine's CP equals a from-scratch recompute, and at the end that
 * the folded steps equal the §7 history of the stored forecasts.
 */
function checkAgainstRecompute(
  question: CoreQuestion,
  method: AggregationMethod,
  events: EngineEvent[],
  initial: readonly CoreForecast[] = [],
): void {
  let engine = IncrementalCp.fromForecasts(question, method, [], { extremize: 1.5 });
  const stored: CoreForecast[] = [];
  const history: HistoryEntry[] = [];
  const close = question.actualCloseTime;
  let time = 950;
  for (const forecast of initial) {
    for (const step of engine.addForecast({ ...forecast, startTime: time })) {
      applyCpStep(history, step);
    }
    stored.push({ ...forecast, startTime: time });
  }
  let nextId = 1 + Math.max(0, ...stored.map((item) => item.id));
  const standingOf = (userId: number) =>
    stored.find((item) => item.userId === userId && isActiveAt(item, time));
  const endStanding = (standing: CoreForecast) => {
    standing.endTime = time;
    if (standing.startTime === time) stored.splice(stored.indexOf(standing), 1);
  };
  for (const event of events) {
    time += event.gap;
    let steps: CpStep[] = [];
    if (event.kind === 'add') {
      const endTime = event.lifetime === null ? null : time + event.lifetime;
      const created = {
        id: nextId++,
        userId: event.userId,
        startTime: time,
        endTime,
        values: event.values,
      };
      steps = engine.addForecast({ ...created });
      const standing = standingOf(event.userId);
      if (standing !== undefined) endStanding(standing);
      stored.push(created);
    } else if (event.kind === 'withdraw') {
      const standing = standingOf(event.userId);
      if (standing === undefined) continue;
      steps = engine.withdraw(event.userId, time);
      endStanding(standing);
    } else if (event.kind === 'advance') {
      steps = engine.advanceTo(time);
    } else {
      // a restart: catch up with due auto-withdrawals, then rebuild the state
      steps = engine.advanceTo(time);
      if (event.fromSnapshot) {
        engine = IncrementalCp.fromSnapshot(JSON.parse(JSON.stringify(engine.toSnapshot())));
      } else {
        // the server's path: from the stored forecasts (all of them; ended ones are skipped)
        engine = IncrementalCp.fromForecasts(
          question,
          method,
          stored.map((item) => ({ ...item })),
          {
            time,
            extremize: 1.5,
          },
        );
      }
    }
    for (const step of steps) applyCpStep(history, step);
    if (close === null || time <= close) {
      const active = stored.filter((item) => isActiveAt(item, time));
      expect(engine.current()).toEqual(
        aggregateActiveSet(question, method, active, { extremize: 1.5 }),
      );
    }
  }
  const lastEnd = Math.max(time, question.openTime, ...stored.map((item) => item.endTime ?? 0));
  for (const step of engine.advanceTo(lastEnd + 1)) applyCpStep(history, step);
  expect(history).toEqual(
    buildCpHistory({ question, forecasts: stored }, method, { extremize: 1.5 }),
  );
}

const binaryValues = fc.integer({ min: 1, max: 999 }).map((value) => [value / 1000]);
const mcValues = fc
  .tuple(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 4, maxLength: 4 }), fc.boolean())
  .map(([weights, isFirstUnavailable]) => {
    // sometimes option A is unavailable (null), as for forecasts made before it was added
    const used = isFirstUnavailable ? [0, ...weights.slice(1)] : weights;
    const count = used.filter((weight) => weight > 0).length;
    const total = used.reduce((sum, weight) => sum + weight, 0);
    return used.map((weight) =>
      weight === 0 ? Number.NaN : 0.001 + (weight / total) * (1 - count * 0.001),
    );
  });
const cdfValues = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: 11, maxLength: 11 })
  .map((points) => points.sort((left, right) => left - right).map((point) => point / 1000));

const cases: [string, CoreQuestion, fc.Arbitrary<number[]>][] = [
  ['binary', binaryQuestion({ openTime: 1000 }), binaryValues],
  [
    'multiple choice',
    multipleChoiceQuestion(['A', 'B', 'C', 'Other'], { openTime: 1000 }),
    mcValues,
  ],
  ['numeric (n = 10)', numericQuestion({ openTime: 1000, inboundOutcomeCount: 10 }), cdfValues],
];

describe('IncrementalCp equals a full recompute after every event', () => {
  for (const [name, question, values] of cases) {
    it(`for ${name} questions, every method, open or closed`, () => {
      fc.assert(
        fc.property(
          fc.array(eventArbitrary(values), { minLength: 1, maxLength: 40 }),
          fc.constantFrom<AggregationMethod>('recency_weighted', 'unweighted', 'log_odds_mean'),
          fc.option(fc.integer({ min: 1000, max: 1400 }), { nil: null }),
          (events, method, closeTime) => {
            checkAgainstRecompute({ ...question, actualCloseTime: closeTime }, method, events);
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});

/** `count` standing forecasts by users 101, 102, …, with values drawn from `values` (seed 7). */
function standingForecasts(values: fc.Arbitrary<number[]>, count: number): CoreForecast[] {
  return fc.sample(values, { numRuns: count, seed: 7 }).map((drawn, index) => ({
    id: index + 1,
    userId: 101 + index,
    startTime: 950,
    endTime: null,
    values: drawn,
  }));
}

describe('IncrementalCp past N = 1,000, where recency weights come from a table', () => {
  // 999 standing forecasts: users 1–6 take N across 1,000 both ways, and updates and
  // withdrawals by standing users move ranks deep inside the active set.
  for (const [name, question, values] of cases) {
    it(`equals a full recompute for ${name} questions, every method`, () => {
      const initial = standingForecasts(values, 999);
      const userId = fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 101, max: 1099 }));
      fc.assert(
        fc.property(
          fc.array(eventArbitrary(values, userId), { minLength: 1, maxLength: 24 }),
          fc.constantFrom<AggregationMethod>('recency_weighted', 'unweighted', 'log_odds_mean'),
          (events, method) => {
            const opened = { ...question, openTime: 900, actualCloseTime: null };
            checkAgainstRecompute(opened, method, events, initial);
          },
        ),
        { numRuns: 20 },
      );
    });
  }
});

describe('IncrementalCp snapshots', () => {
  it('are plain JSON data that rebuild the same engine', () => {
    const question = multipleChoiceQuestion(['A', 'B', 'Other']);
    const engine = IncrementalCp.fromForecasts(question, 'recency_weighted', []);
    engine.addForecast({
      id: 1,
      userId: 1,
      startTime: 1000,
      endTime: 5000,
      values: [Number.NaN, 0.5, 0.5],
    });
    engine.addForecast({
      id: 2,
      userId: 2,
      startTime: 1100,
      endTime: null,
      values: [0.2, 0.3, 0.5],
    });
    const snapshot = engine.toSnapshot();
    expect(snapshot.forecasts[0].values).toEqual([null, 0.5, 0.5]);
    const copy = IncrementalCp.fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
    expect(copy.current()).toEqual(engine.current());
    // the rebuilt engine still knows about the auto-withdrawal at 5000
    expect(copy.advanceTo(6000)).toEqual(engine.advanceTo(6000));
  });
});

const ALL_METHODS: AggregationMethod[] = ['recency_weighted', 'unweighted', 'log_odds_mean'];

/**
 * Drives a group of `methods` and one IncrementalCp per method with the same events (kept
 * valid as storage would: only standing forecasts are withdrawn), and checks that each method
 * gets exactly its own engine's steps and current entry, snapshots and rebuilds included.
 */
function checkGroupAgainstEngines(
  question: CoreQuestion,
  methods: AggregationMethod[],
  events: EngineEvent[],
): void {
  const options = { extremize: 1.5 };
  let group = IncrementalCpGroup.fromForecasts(question, methods, [], options);
  let engines = methods.map((method) => IncrementalCp.fromForecasts(question, method, [], options));
  const standing = new Map<number, number | null>(); // userId → end time
  let time = 950;
  let nextId = 1;
  const isStanding = (userId: number) => {
    const endTime = standing.get(userId);
    return endTime !== undefined && (endTime === null || endTime > time);
  };
  for (const event of events) {
    time += event.gap;
    let run: (engine: IncrementalCp | IncrementalCpGroup) => CpStep[] | StepsByMethod;
    if (event.kind === 'add') {
      const endTime = event.lifetime === null ? null : time + event.lifetime;
      const forecast = { id: nextId++, userId: event.userId, startTime: time, endTime };
      standing.set(event.userId, endTime);
      run = (engine) => engine.addForecast({ ...forecast, values: event.values });
    } else if (event.kind === 'withdraw') {
      if (!isStanding(event.userId)) continue;
      standing.delete(event.userId);
      run = (engine) => engine.withdraw(event.userId, time);
    } else if (event.kind === 'advance') {
      run = (engine) => engine.advanceTo(time);
    } else {
      group = IncrementalCpGroup.fromSnapshot(JSON.parse(JSON.stringify(group.toSnapshot())));
      engines = engines.map((engine) =>
        IncrementalCp.fromSnapshot(JSON.parse(JSON.stringify(engine.toSnapshot()))),
      );
      continue;
    }
    const expected = engines.map((engine, index) => [methods[index], run(engine)]);
    expect(run(group)).toEqual(expected);
    methods.forEach((method, index) => {
      expect(group.current(method)).toEqual(engines[index].current());
    });
    expect(group.time).toBe(engines[0].time);
  }
  expect(group.activeForecasts()).toEqual(engines[0].activeForecasts());
}

describe('IncrementalCpGroup gives every method the steps of its own IncrementalCp', () => {
  for (const [name, question, values] of cases) {
    it(`for ${name} questions`, () => {
      fc.assert(
        fc.property(
          fc.array(eventArbitrary(values), { minLength: 1, maxLength: 40 }),
          fc.subarray(ALL_METHODS, { minLength: 1 }),
          fc.option(fc.integer({ min: 1000, max: 1400 }), { nil: null }),
          (events, methods, closeTime) => {
            const shuffled = events.length % 2 === 0 ? methods : [...methods].reverse();
            checkGroupAgainstEngines({ ...question, actualCloseTime: closeTime }, shuffled, events);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('lists the steps by method in the order given, and rejects repeated methods', () => {
    const question = binaryQuestion({ openTime: 1000 });
    const group = IncrementalCpGroup.fromForecasts(question, ['unweighted', 'log_odds_mean'], []);
    const steps = group.addForecast(binaryForecast(1, 1, 1000, null, 0.2));
    expect(steps.map(([method]) => method)).toEqual(['unweighted', 'log_odds_mean']);
    expect(() => group.current('recency_weighted')).toThrow(RangeError);
    expect(() =>
      IncrementalCpGroup.fromForecasts(question, ['unweighted', 'unweighted'], []),
    ).toThrow(RangeError);
    expect(() => IncrementalCpGroup.fromForecasts(question, [], [])).toThrow(RangeError);
  });

  it('gives continuous log_odds_mean the recency-weighted entry (§15.4)', () => {
    const question = numericQuestion({ openTime: 1000, inboundOutcomeCount: 4 });
    const group = IncrementalCpGroup.fromForecasts(question, ALL_METHODS, []);
    group.addForecast({
      id: 1,
      userId: 1,
      startTime: 1000,
      endTime: null,
      values: [0, 0.2, 0.5, 0.9, 1],
    });
    group.addForecast({
      id: 2,
      userId: 2,
      startTime: 1001,
      endTime: null,
      values: [0, 0.4, 0.6, 0.7, 1],
    });
    const [[, recency], , [, logOdds]] = group.addForecast({
      id: 3,
      userId: 3,
      startTime: 1002,
      endTime: null,
      values: [0, 0.1, 0.3, 0.8, 1],
    });
    expect(logOdds).toEqual(recency);
  });
});
