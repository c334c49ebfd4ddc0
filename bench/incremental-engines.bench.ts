// Micro-benchmark of the server's per-forecast CP work: one new forecast applied to the engines
// of every stored method (recency_weighted, unweighted, log_odds_mean) of a binary and a
// multiple-choice question with ~4,750 active forecasts.
//
// Usage: node --import tsx bench/incremental-engines.bench.ts [--events N] [--runs N]
//          [--type binary|multiple_choice] [--engines separate|group]
//          [--scenario standing|newcomer]
//
// Engines: `separate` = one IncrementalCp per method (as the server keeps them today);
// `group` = one IncrementalCpGroup of the three methods. Scenarios: `standing` = the forecast
// comes from a standing forecaster and ends their previous one (N stays); `newcomer` = from a
// user without one (N grows by one, so the recency weights change for every forecast).
// Prints the mean and p99 µs of one event on all engines (median over the runs; fresh
// engines each run, the same events) and the process CPU per event. Each run ends by
// checking every method's CP against a full recompute of the active set (not timed).
import { parseArgs } from 'node:util';
import { aggregateActiveSet } from '../src/core/aggregation/aggregate-active-set.ts';
import { IncrementalCp, IncrementalCpGroup } from '../src/core/aggregation/incremental-cp.ts';
import type {
  AggregateEntry,
  AggregationMethod,
  CoreForecast,
  CoreQuestion,
} from '../src/core/types.ts';
import { Mulberry32 } from './lib/mulberry32.ts';
import {
  type BenchQuestionType,
  type SyntheticQuestion,
  syntheticQuestion,
} from './lib/synthetic-bundle.ts';
import { cpuMs, mean, nowMs, percentile } from './lib/timing.ts';

const METHODS: readonly AggregationMethod[] = ['recency_weighted', 'unweighted', 'log_odds_mean'];
const QUESTION_TYPES: readonly BenchQuestionType[] = ['binary', 'multiple_choice'];
const FORECASTER_COUNT = 5_000;
/** Two forecasts per forecaster on average: ~4,750 stand at the end (5 % withdraw). */
const FORECAST_COUNT = 10_000;
const WARMUP_EVENTS = 300;

/** The engines of one question, behind one call per event. */
interface EngineSet {
  addForecast(forecast: CoreForecast): void;
  current(method: AggregationMethod): AggregateEntry | null;
  activeForecasts(): CoreForecast[];
}

type EngineKind = 'separate' | 'group';
const ENGINE_KINDS: readonly EngineKind[] = ['separate', 'group'];

type Scenario = 'standing' | 'newcomer';
const SCENARIOS: readonly Scenario[] = ['standing', 'newcomer'];

function checkOneStep(steps: readonly unknown[]): void {
  if (steps.length !== 1) throw new Error('unexpected CP steps');
}

const ENGINE_SETS: Record<
  EngineKind,
  (question: CoreQuestion, standing: readonly CoreForecast[], time: number) => EngineSet
> = {
  separate(question, standing, time) {
    const engines = new Map<AggregationMethod, IncrementalCp>();
    for (const method of METHODS) {
      engines.set(method, IncrementalCp.fromForecasts(question, method, standing, { time }));
    }
    const any = engines.get(METHODS[0]) as IncrementalCp;
    return {
      addForecast(forecast) {
        for (const engine of engines.values()) checkOneStep(engine.addForecast(forecast));
      },
      current: (method) => (engines.get(method) as IncrementalCp).current(),
      activeForecasts: () => any.activeForecasts(),
    };
  },
  group(question, standing, time) {
    const group = IncrementalCpGroup.fromForecasts(question, METHODS, standing, { time });
    return {
      addForecast(forecast) {
        for (const [, steps] of group.addForecast(forecast)) checkOneStep(steps);
      },
      current: (method) => group.current(method),
      activeForecasts: () => group.activeForecasts(),
    };
  },
};

interface RunResult {
  meanUs: number;
  p99Us: number;
  cpuMeanUs: number;
}

/** The events of a run: made up front, so the timed loop holds only the engines' work. */
function makeEvents(
  synthetic: SyntheticQuestion,
  standing: readonly CoreForecast[],
  scenario: Scenario,
  eventCount: number,
): CoreForecast[] {
  const standingUsers = standing.map((forecast) => forecast.userId);
  const rng = new Mulberry32(0xc0ffee);
  const events: CoreForecast[] = [];
  let nextId = synthetic.bundle.forecasts.length + 1;
  for (let event = 0; event < WARMUP_EVENTS + eventCount; event++) {
    const time = synthetic.lastEventTime + 1 + event;
    const like = standingUsers[rng.integer(standingUsers.length)];
    // A newcomer forecasts like a random member of the crowd, under an id of their own.
    const userId = scenario === 'standing' ? like : FORECASTER_COUNT + 1 + event;
    const values = Array.from(synthetic.valuesFor(like, time, rng));
    events.push({ id: nextId++, userId, startTime: time, endTime: null, values });
  }
  return events;
}

/** Fresh engines at the last event of the bundle, then `eventCount` timed updates. */
function runOnce(
  synthetic: SyntheticQuestion,
  kind: EngineKind,
  scenario: Scenario,
  eventCount: number,
): RunResult {
  const { bundle, lastEventTime } = synthetic;
  // Treated as open, so every update is a timestep (as on a live server).
  const question: CoreQuestion = { ...bundle.question, actualCloseTime: null };
  const standing = bundle.forecasts.filter(
    (forecast) =>
      forecast.startTime <= lastEventTime &&
      (forecast.endTime === null || lastEventTime < forecast.endTime),
  );
  const events = makeEvents(synthetic, standing, scenario, eventCount);
  const engines = ENGINE_SETS[kind](question, standing, lastEventTime);
  for (let event = 0; event < WARMUP_EVENTS; event++) engines.addForecast(events[event]);
  const durationsUs: number[] = [];
  const cpuStart = cpuMs();
  for (let event = WARMUP_EVENTS; event < events.length; event++) {
    const start = nowMs();
    engines.addForecast(events[event]);
    durationsUs.push(1000 * (nowMs() - start));
  }
  const cpuSpentMs = cpuMs() - cpuStart;
  checkAgainstRecompute(question, engines);
  return {
    meanUs: mean(durationsUs),
    p99Us: percentile(durationsUs, 99),
    cpuMeanUs: (1000 * cpuSpentMs) / eventCount,
  };
}

function checkAgainstRecompute(question: CoreQuestion, engines: EngineSet): void {
  const active = engines.activeForecasts();
  for (const method of METHODS) {
    const expected = JSON.stringify(aggregateActiveSet(question, method, active));
    if (JSON.stringify(engines.current(method)) !== expected) {
      throw new Error(`${question.type} ${method}: the engine differs from a full recompute`);
    }
  }
}

function positiveInteger(text: string, name: string): number {
  const value = Number(text);
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`--${name} needs an integer`);
  return value;
}

/** The listed choices, or just the one asked for. */
function chosen<T extends string>(all: readonly T[], asked: string | undefined, name: string): T[] {
  if (asked === undefined) return [...all];
  if (!all.includes(asked as T)) throw new RangeError(`--${name} is one of ${all.join(', ')}`);
  return [asked as T];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '5' },
      type: { type: 'string' },
      engines: { type: 'string' },
      scenario: { type: 'string' },
    },
  });
  const eventCount = positiveInteger(values.events, 'events');
  const runCount = positiveInteger(values.runs, 'runs');
  for (const type of chosen(QUESTION_TYPES, values.type, 'type')) {
    const synthetic = syntheticQuestion({
      type,
      forecastCount: FORECAST_COUNT,
      forecasterCount: FORECASTER_COUNT,
      seed: 0x1ec0 + QUESTION_TYPES.indexOf(type),
    });
    for (const scenario of chosen(SCENARIOS, values.scenario, 'scenario')) {
      for (const kind of chosen(ENGINE_KINDS, values.engines, 'engines')) {
        const runs: RunResult[] = [];
        for (let run = 0; run < runCount; run++) {
          runs.push(runOnce(synthetic, kind, scenario, eventCount));
        }
        const median = (pick: (run: RunResult) => number): string =>
          percentile(runs.map(pick), 50).toFixed(1);
        console.log(
          `${type.padEnd(15)} ${scenario.padEnd(8)} ${kind.padEnd(8)} ` +
            `${eventCount} events × ${runCount} runs: mean ${median((run) => run.meanUs)} µs, ` +
            `p99 ${median((run) => run.p99Us)} µs, cpu ${median((run) => run.cpuMeanUs)} µs`,
        );
      }
    }
  }
}

main();
