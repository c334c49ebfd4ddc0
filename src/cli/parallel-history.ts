// A §7 CP history built on two threads for large bundles: the calling thread builds the early
// timesteps while a worker thread builds the later ones. The maths core stays single-threaded
// and pure: it offers buildCpHistorySegment and joinCpHistorySegments, which reproduce
// buildCpHistory exactly for any split time; this module only chooses the split.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type AggregationOptions,
  isContinuousType,
  valueColumnCount,
} from '../core/aggregation/active-set-view.ts';
import {
  buildCpHistory,
  buildCpHistorySegment,
  type CpBundle,
  type CpHistorySegment,
  joinCpHistorySegments,
  type TimeRange,
} from '../core/aggregation/cp-history.ts';
import type { AggregationMethod, CoreForecast, HistoryEntry } from '../core/types.ts';
import { isBundled } from '../runtime.ts';

/** Bundles with fewer forecasts are built on one thread (a worker takes ≈ 0.3 s to start). */
export const PARALLEL_MIN_FORECASTS = 10_000;

/**
 * Work is estimated in units of one binary (entry, active forecast) pair, ≈ 3 ns: a timestep
 * aggregates its N active forecasts (an MC or CDF pair costs more, see pairCost), about
 * SAME_N_SHARE of that when N did not change (the store then redoes only the ranks after the
 * change), and a new N costs a fresh weight vector too, N exponentials at ≈ 4 units each.
 */
const NEW_WEIGHTS_COST = 4;
const SAME_N_SHARE = 0.6;
/**
 * The worker needs ≈ 0.3 s to start (isolate, TypeScript loader, core modules) while this
 * thread needs ≈ 0.05 s to pack the bundle: ≈ 0.25 s, this many units, of extra work for
 * this thread balances the two (measured on the binary 50k benchmark case).
 */
const WORKER_START_COST = 80e6;
/** Below this much work (≈ 1.2 s) a second thread gains too little for its start. */
const MIN_PARALLEL_COST = 400e6;

/** Units per pair: the §3 scans or §6 sums cost about this much more than binary ones. */
function pairCost(question: CpBundle['question']): number {
  if (question.type === 'binary') return 1;
  const columns = valueColumnCount(question);
  return isContinuousType(question.type) ? columns / 6 : columns / 2;
}

/**
 * The time that splits the history's estimated work so that the calling thread's part ≈ the
 * worker's part plus the worker's start, or null when the history is too small for a worker
 * to pay. Any split time gives the same history; only the balance depends on it.
 */
export function planHistorySplit(
  bundle: CpBundle,
  workerStartCost = WORKER_START_COST,
): number | null {
  const { openTime, actualCloseTime } = bundle.question;
  const lastTime = actualCloseTime ?? Number.MAX_VALUE;
  const { forecasts } = bundle;
  // Plain loops over typed arrays: this runs before the worker starts, so it must be quick.
  const starts = new Float64Array(forecasts.length);
  const ends = new Float64Array(forecasts.length);
  const times = new Float64Array(2 * forecasts.length);
  let counted = 0;
  for (const forecast of forecasts) {
    if (forecast.startTime > lastTime) continue; // made after the close: never counts
    const endTime = forecast.endTime ?? Number.POSITIVE_INFINITY;
    starts[counted] = forecast.startTime;
    ends[counted] = endTime;
    // The §7 timesteps, approximately: entering at open_time, ends up to the close.
    times[2 * counted] = Math.max(forecast.startTime, openTime);
    times[2 * counted + 1] = endTime;
    counted++;
  }
  starts.subarray(0, counted).sort();
  ends.subarray(0, counted).sort();
  times.subarray(0, 2 * counted).sort();
  const perPair = pairCost(bundle.question);
  const timesteps: number[] = [];
  const costs: number[] = [];
  let started = 0;
  let ended = 0;
  let previousCount = 0;
  let totalCost = 0;
  for (let index = 0; index < 2 * counted; index++) {
    const time = times[index];
    if (time > lastTime) break;
    if (index > 0 && time === times[index - 1]) continue;
    while (started < counted && starts[started] <= time) started++;
    while (ended < counted && ends[ended] <= time) ended++;
    const count = started - ended;
    const cost =
      count === previousCount
        ? SAME_N_SHARE * perPair * count
        : (perPair + NEW_WEIGHTS_COST) * count;
    timesteps.push(time);
    costs.push(cost);
    totalCost += cost;
    previousCount = count;
  }
  if (totalCost < (workerStartCost > 0 ? MIN_PARALLEL_COST : 0)) return null;
  const callerShare = (totalCost + workerStartCost) / 2;
  let cost = 0;
  for (let index = 0; index + 1 < timesteps.length; index++) {
    cost += costs[index];
    if (cost >= callerShare) return timesteps[index + 1];
  }
  return null;
}

/** A bundle's forecasts as columns, which a worker receives far faster than 10⁵ objects. */
interface PackedForecasts {
  ids: Float64Array;
  userIds: Float64Array;
  startTimes: Float64Array;
  /** NaN for null. */
  endTimes: Float64Array;
  /** All values, `valueOffsets[i]` to `valueOffsets[i + 1]` for forecast i. */
  values: Float64Array;
  valueOffsets: Int32Array;
}

function packForecasts(forecasts: readonly CoreForecast[]): PackedForecasts {
  const count = forecasts.length;
  const valueOffsets = new Int32Array(count + 1);
  forecasts.forEach((forecast, index) => {
    valueOffsets[index + 1] = valueOffsets[index] + forecast.values.length;
  });
  const packed: PackedForecasts = {
    ids: new Float64Array(count),
    userIds: new Float64Array(count),
    startTimes: new Float64Array(count),
    endTimes: new Float64Array(count),
    values: new Float64Array(valueOffsets[count]),
    valueOffsets,
  };
  forecasts.forEach((forecast, index) => {
    packed.ids[index] = forecast.id;
    packed.userIds[index] = forecast.userId;
    packed.startTimes[index] = forecast.startTime;
    packed.endTimes[index] = forecast.endTime ?? Number.NaN;
    packed.values.set(forecast.values, valueOffsets[index]);
  });
  return packed;
}

export function unpackForecasts(packed: PackedForecasts): CoreForecast[] {
  const forecasts: CoreForecast[] = [];
  for (let index = 0; index < packed.ids.length; index++) {
    const endTime = packed.endTimes[index];
    const from = packed.valueOffsets[index];
    forecasts.push({
      id: packed.ids[index],
      userId: packed.userIds[index],
      startTime: packed.startTimes[index],
      endTime: Number.isNaN(endTime) ? null : endTime,
      values: Array.from(packed.values.subarray(from, packed.valueOffsets[index + 1])),
    });
  }
  return forecasts;
}

/** What history-worker.ts receives as workerData, then as its one message. */
export interface HistoryWorkerData {
  question: CpBundle['question'];
  forecasts: PackedForecasts;
}
export interface HistoryWorkerJob {
  method: AggregationMethod;
  range: TimeRange;
  options: AggregationOptions;
}

/**
 * Starts history-worker.ts with the bundle; it builds the segment of the job posted to it and
 * answers with it. In the esbuild bundle (dist/) the worker is its own plain-JavaScript file
 * next to brier.js; under tsx the worker registers the TypeScript loader first.
 */
function startHistoryWorker(bundle: CpBundle): Worker {
  const workerData: HistoryWorkerData = {
    question: bundle.question,
    forecasts: packForecasts(bundle.forecasts),
  };
  if (isBundled) return new Worker(new URL('./history-worker.js', import.meta.url), { workerData });
  const loader = import.meta.resolve('tsx/esm/api');
  const workerModule = new URL('./history-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(loader)}).then(({ register }) => {
    register();
    return import(${JSON.stringify(workerModule)});
  });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function segmentFrom(worker: Worker): Promise<CpHistorySegment> {
  return new Promise((resolve, reject) => {
    let segment: CpHistorySegment | undefined;
    worker.once('message', (message: CpHistorySegment) => {
      segment = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (segment !== undefined) resolve(segment);
      else reject(new Error(`the CP history worker exited with code ${code} and no result`));
    });
  });
}

/** When to use a worker; the defaults suit this module's callers, tests force small cases. */
export interface ParallelTuning {
  minForecasts?: number;
  workerStartCost?: number;
  /**
   * Highest 1-minute load average at which a worker is started; default: the cores − 0.5.
   * On a busy machine the worker gets no core of its own, and its start and the split only
   * add to the time (measured: 2.4 s instead of 1.7 s for binary 50k at load 3 on 2 cores).
   */
  maxLoad?: number;
}

/**
 * buildCpHistory(bundle, method, options), identical, on two threads when the machine has
 * a second core to spare and the bundle is large enough (planHistorySplit): this thread
 * builds the early segment while the worker starts and builds the rest.
 */
export async function buildCpHistoryInParallel(
  bundle: CpBundle,
  method: AggregationMethod,
  options: AggregationOptions = {},
  tuning: ParallelTuning = {},
): Promise<HistoryEntry[]> {
  const minForecasts = tuning.minForecasts ?? PARALLEL_MIN_FORECASTS;
  const cores = availableParallelism();
  const maxLoad = tuning.maxLoad ?? cores - 0.5;
  if (cores < 2 || bundle.forecasts.length < minForecasts || loadavg()[0] > maxLoad) {
    return buildCpHistory(bundle, method, options);
  }
  const splitTime = planHistorySplit(bundle, tuning.workerStartCost);
  if (splitTime === null) return buildCpHistory(bundle, method, options);
  const worker = startHistoryWorker(bundle);
  const late = segmentFrom(worker);
  const job: HistoryWorkerJob = {
    method,
    range: { from: splitTime, to: Number.POSITIVE_INFINITY },
    options,
  };
  worker.postMessage(job);
  const early = { from: Number.NEGATIVE_INFINITY, to: splitTime };
  const earlySegment = buildCpHistorySegment(bundle, method, early, options);
  return joinCpHistorySegments([earlySegment, await late]);
}
