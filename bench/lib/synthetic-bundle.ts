// Deterministic synthetic questions for the maths benchmarks: forecasters arrive, update, withdraw.
import type { CoreBundle, CoreForecast, CoreQuestion } from '../../src/core/types.ts';
import { Mulberry32 } from './mulberry32.ts';

export type BenchQuestionType = 'binary' | 'multiple_choice' | 'numeric';

export const BENCH_QUESTION_TYPES: readonly BenchQuestionType[] = [
  'binary',
  'multiple_choice',
  'numeric',
];

export interface SyntheticSpec {
  type: BenchQuestionType;
  forecastCount: number;
  forecasterCount: number;
  seed: number;
}

const OPEN_TIME = 1_700_000_000;
const WINDOW_SECONDS = 90 * 86_400;
/** Forecasters arrive during the first 80 % of the window; updates stop at 95 %. */
const ARRIVAL_SHARE = 0.8;
const LAST_UPDATE_SHARE = 0.95;
/** Share of forecasters whose last forecast is withdrawn before the close. */
const WITHDRAWAL_SHARE = 0.05;
const MC_OPTIONS = ['A', 'B', 'C', 'D', 'E'];
const MC_BASE_LOGITS = [0, 0.5, -0.3, 0.2, -1];
const CDF_INTERVALS = 200;
/** Mass spread uniformly under each CDF, so no bucket has probability 0. */
const CDF_UNIFORM_SHARE = 0.02;

/** A generated question plus what is needed to make more forecasts of the same crowd. */
export interface SyntheticQuestion {
  bundle: CoreBundle;
  /** Users in forecast-making order; userId = index + 1. */
  forecasterCount: number;
  /** The latest start or end time of any forecast (≤ the close). */
  lastEventTime: number;
  /** Values user `userId` might forecast at `time` (same crowd model as the bundle). */
  valuesFor(userId: number, time: number, rng: Mulberry32): number[] | Float64Array;
}

/**
 * A closed, resolved question (binary: yes; MC: option B of 5; numeric on [0, 100] with a
 * 201-point CDF, resolved 42.3) with exactly `forecastCount` forecasts from
 * `forecasterCount` users. Each user arrives at a uniform time in the first 80 % of the
 * window and makes one forecast then; the remaining forecasts are updates by uniformly
 * chosen users at uniform times between their arrival and 95 % of the window. Each forecast
 * ends when its author's next one starts, so the active set grows to ≈ the forecaster count;
 * 5 % of users withdraw their last forecast before the close. Values follow a crowd that
 * drifts towards the resolution, with a bias per user and noise per forecast. Ids follow
 * start time (as a database assigns them) and forecasts are listed by id.
 */
export function syntheticQuestion(spec: SyntheticSpec): SyntheticQuestion {
  const { forecastCount, forecasterCount } = spec;
  if (!(forecasterCount >= 1 && forecastCount >= forecasterCount)) {
    throw new RangeError('need at least one forecaster and one forecast per forecaster');
  }
  const rng = new Mulberry32(spec.seed);
  const question = questionOf(spec.type);
  const closeTime = question.actualCloseTime as number;
  const model = crowdModel(spec.type, forecasterCount, rng);

  const arrivals = new Float64Array(forecasterCount);
  const timesByUser: number[][] = [];
  for (let user = 0; user < forecasterCount; user++) {
    arrivals[user] = OPEN_TIME + Math.floor(ARRIVAL_SHARE * WINDOW_SECONDS * rng.next());
    timesByUser.push([arrivals[user]]);
  }
  const lastUpdateTime = OPEN_TIME + LAST_UPDATE_SHARE * WINDOW_SECONDS;
  for (let extra = forecasterCount; extra < forecastCount; extra++) {
    const user = rng.integer(forecasterCount);
    const arrival = arrivals[user];
    timesByUser[user].push(arrival + Math.floor((lastUpdateTime - arrival) * rng.next()));
  }

  const forecasts: CoreForecast[] = [];
  let lastEventTime = OPEN_TIME;
  for (let user = 0; user < forecasterCount; user++) {
    const times = timesByUser[user].sort((left, right) => left - right);
    // One user's forecasts need distinct seconds (a same-second replacement is deleted, §14.2).
    for (let i = 1; i < times.length; i++) times[i] = Math.max(times[i], times[i - 1] + 1);
    const isWithdrawing = rng.next() < WITHDRAWAL_SHARE;
    for (let i = 0; i < times.length; i++) {
      const startTime = times[i];
      let endTime: number | null = i + 1 < times.length ? times[i + 1] : null;
      if (endTime === null && isWithdrawing) {
        endTime = startTime + 1 + Math.floor((closeTime - 1 - startTime) * rng.next());
      }
      lastEventTime = Math.max(lastEventTime, endTime ?? startTime, startTime);
      forecasts.push({
        id: 0,
        userId: user + 1,
        startTime,
        endTime,
        values: model.valuesFor(user + 1, startTime, rng),
      });
    }
  }
  forecasts.sort((left, right) => left.startTime - right.startTime || left.userId - right.userId);
  forecasts.forEach((forecast, index) => {
    forecast.id = index + 1;
  });
  return {
    bundle: { question, forecasts },
    forecasterCount,
    lastEventTime,
    valuesFor: model.valuesFor,
  };
}

function questionOf(type: BenchQuestionType): CoreQuestion {
  const base: CoreQuestion = {
    id: 1,
    type,
    openTime: OPEN_TIME,
    scheduledCloseTime: OPEN_TIME + WINDOW_SECONDS,
    actualCloseTime: OPEN_TIME + WINDOW_SECONDS,
    spotScoringTime: null,
  };
  if (type === 'binary') return { ...base, resolution: 'yes' };
  if (type === 'multiple_choice') return { ...base, allOptions: MC_OPTIONS, resolution: 'B' };
  return {
    ...base,
    rangeMin: 0,
    rangeMax: 100,
    zeroPoint: null,
    openLowerBound: false,
    openUpperBound: false,
    inboundOutcomeCount: CDF_INTERVALS,
    resolution: '42.3',
  };
}

interface CrowdModel {
  valuesFor(userId: number, time: number, rng: Mulberry32): number[] | Float64Array;
}

/** Share of the window elapsed at `time`, the crowd's drift parameter. */
function elapsedShare(time: number): number {
  return Math.min(Math.max((time - OPEN_TIME) / WINDOW_SECONDS, 0), 1);
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Per-user biases drawn up front, so the bundle and later updates share one crowd. */
function crowdModel(type: BenchQuestionType, forecasterCount: number, rng: Mulberry32): CrowdModel {
  if (type === 'binary') {
    const biases = Float64Array.from({ length: forecasterCount }, () => 0.8 * rng.gaussian());
    return {
      valuesFor(userId, time, random) {
        // Logit drifts from −0.5 to 1.5 (p ≈ 0.38 → 0.82); P(yes) kept to 3 decimals as users type it.
        const logit = -0.5 + 2 * elapsedShare(time) + biases[userId - 1] + 0.4 * random.gaussian();
        const probability = Math.round(1000 * logistic(logit)) / 1000;
        return [Math.min(Math.max(probability, 0.001), 0.999)];
      },
    };
  }
  if (type === 'multiple_choice') {
    const optionCount = MC_OPTIONS.length;
    const biases = Float64Array.from(
      { length: forecasterCount * optionCount },
      () => 0.6 * rng.gaussian(),
    );
    return {
      valuesFor(userId, time, random) {
        const share = elapsedShare(time);
        const exponentials = new Float64Array(optionCount);
        let total = 0;
        for (let option = 0; option < optionCount; option++) {
          const trend = option === 1 ? 1.5 * share : 0;
          const logit =
            MC_BASE_LOGITS[option] +
            trend +
            biases[(userId - 1) * optionCount + option] +
            0.3 * random.gaussian();
          exponentials[option] = Math.exp(logit);
          total += exponentials[option];
        }
        // Floor of 0.001 per option and the rest by softmax: valid and summing to 1 (§14.1).
        const values = new Float64Array(optionCount);
        const spread = 1 - 0.001 * optionCount;
        for (let option = 0; option < optionCount; option++) {
          values[option] = 0.001 + (spread * exponentials[option]) / total;
        }
        return values;
      },
    };
  }
  const locationBiases = Float64Array.from(
    { length: forecasterCount },
    () => 0.08 * rng.gaussian(),
  );
  const scales = Float64Array.from({ length: forecasterCount }, () => 0.04 + 0.08 * rng.next());
  return {
    valuesFor(userId, time, random) {
      const location =
        0.35 + 0.1 * elapsedShare(time) + locationBiases[userId - 1] + 0.03 * random.gaussian();
      return logisticCdf(location, scales[userId - 1]);
    },
  };
}

/**
 * A closed-bound CDF of 201 points: a logistic (location, scale on the unscaled axis) rescaled
 * to run from 0 to 1 over [0, 1], mixed with 2 % uniform mass. Monotone, valid per §14.1.
 */
export function logisticCdf(location: number, scale: number): Float64Array {
  const cdf = new Float64Array(CDF_INTERVALS + 1);
  const first = logistic((0 - location) / scale);
  const last = logistic((1 - location) / scale);
  for (let i = 0; i <= CDF_INTERVALS; i++) {
    const u = i / CDF_INTERVALS;
    const shaped = (logistic((u - location) / scale) - first) / (last - first);
    cdf[i] = Math.min(Math.max(CDF_UNIFORM_SHARE * u + (1 - CDF_UNIFORM_SHARE) * shaped, 0), 1);
  }
  cdf[0] = 0;
  cdf[CDF_INTERVALS] = 1;
  return cdf;
}
