// The synthetic forecasters' forecasts: generated from each question's crowd model with a seeded
// generator (the same demo every time, relative to the load time) and submitted in time order
// through submitForecast, so the stored CP history is built exactly as live forecasts build it.
import type { Mulberry32 } from '../../core/mulberry32.ts';
import type { UserActor } from '../../domain/actor.ts';
import type { ForecastValuesInput } from '../../domain/forecast-values.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { submitForecast } from '../forecasts/submit-forecast.ts';
import type { DemoClock } from './demo-clock.ts';
import type { DemoSchedule } from './demo-schedule.ts';
import type { CrowdModel } from './demo-spec.ts';
import type { ForecastTarget } from './publish-demo-questions.ts';

/** After a forecaster's first forecast, the chance of updating it in each later round. */
const UPDATE_CHANCE = 0.3;
/** How much an update moves away from the forecaster's lean, relative to the crowd's spread. */
const UPDATE_NOISE = 0.35;

interface PlannedForecast {
  at: Date;
  target: ForecastTarget;
  forecaster: UserActor;
  /** The forecaster's persistent lean on this question (one number per MC option). */
  lean: number[];
}

/** Who forecasts what and when: every target, forecaster and round, drawn in a fixed order. */
function planForecasts(
  schedule: DemoSchedule,
  targets: readonly ForecastTarget[],
  forecasters: readonly UserActor[],
  random: Mulberry32,
): PlannedForecast[] {
  const rounds = schedule.forecastRounds;
  const planned: PlannedForecast[] = [];
  for (const target of targets) {
    const dimensions = target.crowd.kind === 'multiple_choice' ? target.crowd.from.length : 1;
    for (const forecaster of forecasters) {
      if (random.next() >= target.crowd.participation) continue;
      const lean = Array.from({ length: dimensions }, () => random.gaussian());
      const firstRound = random.integer(rounds.length);
      for (let round = firstRound; round < rounds.length; round++) {
        if (round > firstRound && random.next() >= UPDATE_CHANCE) continue;
        const offsetMs = random.integer(schedule.roundLengthMs / 1000) * 1000;
        planned.push({
          at: new Date(rounds[round].getTime() + offsetMs),
          target,
          forecaster,
          lean,
        });
      }
    }
  }
  // Stable: events of the same second keep their drawing order.
  return planned.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Whole percents, at least 1 each, summing to 100 (the last, catch-all option absorbs rounding). */
function wholePercents(probabilities: number[]): number[] {
  const percents = probabilities.map((p) => Math.max(1, Math.round(p * 100)));
  const last = percents.length - 1;
  percents[last] = 100 - percents.slice(0, last).reduce((sum, value) => sum + value, 0);
  while (percents[last] < 1) {
    const largest = percents.indexOf(Math.max(...percents.slice(0, last)));
    percents[largest] -= 1;
    percents[last] += 1;
  }
  return percents;
}

/** The values a forecaster submits at `progress` (0 = first round, 1 = load time). */
export function forecastValues(
  question: QuestionRecord,
  crowd: CrowdModel,
  progress: number,
  lean: readonly number[],
  random: Mulberry32,
): ForecastValuesInput {
  const noise = () => UPDATE_NOISE * random.gaussian();
  switch (crowd.kind) {
    case 'binary': {
      const center = crowd.from + (crowd.to - crowd.from) * progress;
      const p = sigmoid(logit(center) + crowd.spread * (lean[0] + noise()));
      return { probabilityYes: clamp(Math.round(p * 100) / 100, 0.01, 0.99) };
    }
    case 'multiple_choice': {
      const weights = crowd.from.map((from, index) => {
        const center = from + (crowd.to[index] - from) * progress;
        return Math.exp(Math.log(center) + crowd.spread * (lean[index] + noise()));
      });
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      const percents = wholePercents(weights.map((weight) => weight / total));
      const labels = (question.options ?? []).map((option) => option.label);
      return {
        probabilityYesPerCategory: Object.fromEntries(
          labels.map((label, index) => [label, percents[index] / 100]),
        ),
      };
    }
    case 'continuous': {
      const center = crowd.from + (crowd.to - crowd.from) * progress;
      const low = question.rangeMin ?? center;
      const high = question.rangeMax ?? center;
      const median = clamp(center + crowd.spread * (lean[0] + noise()), low, high);
      const scale = crowd.scale * Math.exp(noise());
      return { components: [{ center: median, scale, weight: 1 }] };
    }
    default: {
      const unexpected: never = crowd;
      throw new RangeError(`unknown crowd ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Submits every planned forecast at its instant; returns how many were stored. */
export async function forecastDemoQuestions(
  deps: Deps,
  clock: DemoClock,
  schedule: DemoSchedule,
  targets: readonly ForecastTarget[],
  forecasters: readonly UserActor[],
  random: Mulberry32,
): Promise<number> {
  const planned = planForecasts(schedule, targets, forecasters, random);
  const start = schedule.forecastRounds[0].getTime();
  const span = schedule.loadedAt.getTime() - start;
  for (const forecast of planned) {
    clock.set(forecast.at);
    const { question, crowd } = forecast.target;
    const progress = (forecast.at.getTime() - start) / span;
    await submitForecast(deps, {
      actor: forecast.forecaster,
      questionId: question.id,
      values: forecastValues(question, crowd, progress, forecast.lean, random),
    });
  }
  return planned.length;
}
