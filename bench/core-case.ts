// One maths core benchmark case in its own process: history build, scoring, incremental updates.
//
// Usage: node --expose-gc --import tsx bench/core-case.ts <binary|multiple_choice|numeric> <1k|10k|50k> [--validate]
// Run by bench/core.bench.ts, one fresh process per case so peak RSS belongs to that case alone.
// Reports progress and the CaseResult over the IPC channel when there is one, else prints the
// result as JSON. --validate also checks the synthetic bundle with the real §14.1 parser and
// the incremental CP against a full recompute (not timed; use it after changing the generator).

import { buildCpHistoryInParallel } from '../src/cli/parallel-history.ts';
import { aggregateActiveSet } from '../src/core/aggregation/aggregate-active-set.ts';
import { buildCpHistory } from '../src/core/aggregation/cp-history.ts';
import { IncrementalCp } from '../src/core/aggregation/incremental-cp.ts';
import { parseBundle } from '../src/core/bundle/parse-bundle.ts';
import { scoreBundle } from '../src/core/scoring/score-bundle.ts';
import type { CoreBundle, CoreForecast, HistoryEntry } from '../src/core/types.ts';
import { bundleToJson } from './lib/bundle-json.ts';
import {
  type CaseMessage,
  type CasePhase,
  type CaseResult,
  caseSeed,
  caseSizeOf,
  INCREMENTAL_TIMED_UPDATES,
  INCREMENTAL_WARMUP_UPDATES,
} from './lib/core-cases.ts';
import { Mulberry32 } from './lib/mulberry32.ts';
import {
  BENCH_QUESTION_TYPES,
  type BenchQuestionType,
  type SyntheticQuestion,
  syntheticQuestion,
} from './lib/synthetic-bundle.ts';
import {
  collectGarbage,
  cpuMs,
  mean,
  nowMs,
  percentile,
  type RepeatOptions,
  timeRepeated,
} from './lib/timing.ts';

/** Short phases are warmed up and repeated; a phase of ≥ 1 s is timed once, cold. */
const REPEAT_OPTIONS: RepeatOptions = {
  budgetMs: 1_000,
  maxRuns: 20,
  warmupBelowMs: 1_000,
  warmupRuns: 5,
};

function send(message: CaseMessage): void {
  if (process.send !== undefined) process.send(message);
}

function startPhase(phase: CasePhase): void {
  send({ kind: 'phase', phase });
}

/** Peak resident set size of this process so far, in MiB (maxRSS is in KiB). */
function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

interface IncrementalTiming {
  activeAtEnd: number;
  durationsMs: number[];
  /** CPU time of each timed update (process-wide, µs resolution). */
  cpuDurationsMs: number[];
}

/**
 * Rebuilds an engine from the forecasts standing at the last event (as a server does after a
 * restart), then applies updates one second apart: each is a new forecast by a random standing
 * forecaster, which ends that user's previous forecast (a remove, an insert and one CP entry).
 * The question is treated as still open so the updates count.
 */
function timeIncrementalUpdates(
  synthetic: SyntheticQuestion,
  validate: boolean,
): IncrementalTiming {
  const { bundle, lastEventTime } = synthetic;
  const question = { ...bundle.question, actualCloseTime: null };
  const standing = bundle.forecasts.filter(
    (forecast) =>
      forecast.startTime <= lastEventTime &&
      (forecast.endTime === null || lastEventTime < forecast.endTime),
  );
  const engine = IncrementalCp.fromForecasts(question, 'recency_weighted', standing, {
    time: lastEventTime,
  });
  const standingUsers = standing.map((forecast) => forecast.userId);
  const rng = new Mulberry32(0xdecade);
  let nextId = bundle.forecasts.length + 1;
  const durationsMs: number[] = [];
  const cpuDurationsMs: number[] = [];
  const totalUpdates = INCREMENTAL_WARMUP_UPDATES + INCREMENTAL_TIMED_UPDATES;
  for (let update = 0; update < totalUpdates; update++) {
    const time = lastEventTime + 1 + update;
    const userId = standingUsers[rng.integer(standingUsers.length)];
    const forecast: CoreForecast = {
      id: nextId++,
      userId,
      startTime: time,
      endTime: null,
      values: synthetic.valuesFor(userId, time, rng),
    };
    const cpuStart = cpuMs();
    const start = nowMs();
    const steps = engine.addForecast(forecast);
    const duration = nowMs() - start;
    const cpuDuration = cpuMs() - cpuStart;
    if (steps.length !== 1 || steps[0].entry === null) throw new Error('unexpected CP step');
    if (update >= INCREMENTAL_WARMUP_UPDATES) {
      durationsMs.push(duration);
      cpuDurationsMs.push(cpuDuration);
    }
  }
  if (validate) {
    const recomputed = aggregateActiveSet(question, 'recency_weighted', engine.activeForecasts());
    if (JSON.stringify(recomputed) !== JSON.stringify(engine.current())) {
      throw new Error('incremental CP differs from a full recompute');
    }
  }
  return { activeAtEnd: standing.length, durationsMs, cpuDurationsMs };
}

interface BuildAndScoreTiming {
  buildMs: number;
  buildCpuMs: number;
  buildRuns: number;
  historyEntries: number;
  activeEntryVisits: number;
  peakRssAfterBuildMiB: number;
  peakRssAfterScoreMiB: number;
  scoreBundleMs: number;
  scoreBundleCpuMs: number;
  scoreBundleRuns: number;
}

/**
 * Times `buildCpHistory`, then `scoreBundle` on the history it built: scoring a question is
 * both, so its time is the sum (building the history only once keeps the 201-point 50k case,
 * whose build takes about a minute, within the run's budget). Only counts leave this function,
 * so no history or scores outlive the phase.
 */
function timeBuildAndScore(bundle: CoreBundle): BuildAndScoreTiming {
  startPhase('build');
  let peakRssAfterBuildMiB = 0;
  const build = timeRepeated(() => buildCpHistory(bundle, 'recency_weighted'), {
    ...REPEAT_OPTIONS,
    afterFirstRun: () => {
      peakRssAfterBuildMiB = peakRssMiB();
    },
  });
  const history: HistoryEntry[] = build.result;
  let activeEntryVisits = 0;
  for (const entry of history) activeEntryVisits += entry.forecasterCount;

  startPhase('score');
  let peakRssAfterScoreMiB = 0;
  const score = timeRepeated(() => scoreBundle(bundle, history).users.length, {
    ...REPEAT_OPTIONS,
    afterFirstRun: () => {
      peakRssAfterScoreMiB = peakRssMiB();
    },
  });
  if (score.result === 0) throw new Error('scoring produced no users');
  return {
    buildMs: build.medianMs,
    buildCpuMs: build.medianCpuMs,
    buildRuns: build.runs,
    historyEntries: history.length,
    activeEntryVisits,
    peakRssAfterBuildMiB,
    peakRssAfterScoreMiB,
    scoreBundleMs: score.medianMs,
    scoreBundleCpuMs: score.medianCpuMs,
    scoreBundleRuns: score.runs,
  };
}

interface ParallelBuildTiming {
  buildParallelMs: number;
  buildParallelCpuMs: number;
  buildParallelRuns: number;
}

/**
 * Times the two-thread build that `brier aggregate` / `brier score` use for large bundles
 * (src/cli/parallel-history.ts; one thread below 10k forecasts or when a worker does not pay),
 * each run starting its own worker. Below 1 s: 2 untimed runs, then the median of 5.
 */
async function timeParallelBuild(
  bundle: CoreBundle,
  reference: HistoryEntry[] | null,
): Promise<ParallelBuildTiming> {
  startPhase('parallel');
  collectGarbage();
  const timeOnce = async (): Promise<[number, number]> => {
    const start = nowMs();
    const cpuStart = cpuMs();
    const parallel = await buildCpHistoryInParallel(bundle, 'recency_weighted');
    const durations: [number, number] = [nowMs() - start, cpuMs() - cpuStart];
    if (reference !== null && JSON.stringify(parallel) !== JSON.stringify(reference)) {
      throw new Error('the parallel history differs from buildCpHistory');
    }
    return durations;
  };
  const first = await timeOnce();
  if (first[0] >= 1_000) {
    return { buildParallelMs: first[0], buildParallelCpuMs: first[1], buildParallelRuns: 1 };
  }
  for (let run = 0; run < 2; run++) await timeOnce();
  const runs: [number, number][] = [];
  for (let run = 0; run < 5; run++) runs.push(await timeOnce());
  return {
    buildParallelMs: percentile(
      runs.map((run) => run[0]),
      50,
    ),
    buildParallelCpuMs: percentile(
      runs.map((run) => run[1]),
      50,
    ),
    buildParallelRuns: runs.length,
  };
}

function validateBundle(synthetic: SyntheticQuestion): void {
  const parsed = parseBundle(bundleToJson(synthetic.bundle), { forScoring: true });
  if (!parsed.ok) {
    throw new Error(`synthetic bundle is invalid at ${parsed.error.path}: ${parsed.error.reason}`);
  }
}

async function runCase(
  type: BenchQuestionType,
  sizeLabel: string,
  validate: boolean,
): Promise<CaseResult> {
  const size = caseSizeOf(sizeLabel);

  startPhase('generate');
  const generateStart = nowMs();
  const synthetic = syntheticQuestion({
    type,
    forecastCount: size.forecastCount,
    forecasterCount: size.forecasterCount,
    seed: caseSeed(type, size),
  });
  const generateMs = nowMs() - generateStart;
  if (validate) validateBundle(synthetic);
  const { bundle } = synthetic;

  const timing = timeBuildAndScore(bundle);

  startPhase('incremental');
  collectGarbage();
  const incremental = timeIncrementalUpdates(synthetic, validate);

  // Last: a finished worker's teardown must not count in the incremental phase's CPU time.
  const reference = validate ? buildCpHistory(bundle, 'recency_weighted') : null;
  const parallel = await timeParallelBuild(bundle, reference);

  return {
    type,
    size: size.label,
    forecastCount: size.forecastCount,
    forecasterCount: size.forecasterCount,
    historyEntries: timing.historyEntries,
    activeEntryVisits: timing.activeEntryVisits,
    activeAtEnd: incremental.activeAtEnd,
    generateMs,
    buildMs: timing.buildMs,
    buildCpuMs: timing.buildCpuMs,
    buildRuns: timing.buildRuns,
    ...parallel,
    incrementalMeanMs: mean(incremental.durationsMs),
    incrementalP99Ms: percentile(incremental.durationsMs, 99),
    incrementalMaxMs: Math.max(...incremental.durationsMs),
    incrementalCpuMeanMs: mean(incremental.cpuDurationsMs),
    incrementalCpuP99Ms: percentile(incremental.cpuDurationsMs, 99),
    scoreMs: timing.buildMs + timing.scoreBundleMs,
    scoreCpuMs: timing.buildCpuMs + timing.scoreBundleCpuMs,
    scoreBundleMs: timing.scoreBundleMs,
    scoreBundleCpuMs: timing.scoreBundleCpuMs,
    scoreBundleRuns: timing.scoreBundleRuns,
    peakRssAfterBuildMiB: timing.peakRssAfterBuildMiB,
    peakRssAfterScoreMiB: timing.peakRssAfterScoreMiB,
    peakRssMiB: peakRssMiB(),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const [type, sizeLabel, ...flags] = argv;
  if (!(BENCH_QUESTION_TYPES as readonly string[]).includes(type)) {
    throw new RangeError(`type must be one of ${BENCH_QUESTION_TYPES.join(', ')}`);
  }
  const validate = flags.includes('--validate');
  const result = await runCase(type as BenchQuestionType, sizeLabel, validate);
  if (process.send !== undefined) {
    send({ kind: 'result', result });
    process.disconnect();
  } else {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}

await main(process.argv.slice(2));
