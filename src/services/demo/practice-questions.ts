// Practice questions of the demo (docs/design.md "Demo content", item 7): clearly labelled
// synthetic questions, already resolved when the demo is loaded, so that scores, the resolution
// section and (later) leaderboards and track records have something real to show on first start.
// Each is drafted by the demo analyst, approved by the admin, forecast on over three to four
// weeks by the demo forecasters (who differ in skill: some see the outcome coming, some do not),
// proposed by the admin with evidence and finalised by the resolution job when its window ends —
// all through the same services as live use. One proposal is disputed (the admin finalises it),
// one question is re-resolved. Deterministic from the seed.
import type { Mulberry32 } from '../../core/mulberry32.ts';
import type { UserActor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { submitForecast } from '../forecasts/submit-forecast.ts';
import { runDueJobs } from '../jobs/run-due-jobs.ts';
import { approveQuestion } from '../questions/approve-question.ts';
import { createQuestion } from '../questions/create-question.ts';
import { submitQuestion } from '../questions/submit-question.ts';
import { FINALIZE_RESOLUTION_JOB, finalizeWhenWindowEnds } from '../resolution/resolution-jobs.ts';
import {
  disputeResolution,
  finalizeResolution,
  proposeResolution,
  reResolveQuestion,
} from '../resolution/resolution-workflow.ts';
import type { DemoClock } from './demo-clock.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Practice starts this long before the load; every practice question is final 30 days before. */
export const PRACTICE_LEAD_MS = 63 * DAY_MS;

interface PracticeSpec {
  title: string;
  /** binary: yes/no; multiple choice: an option label. */
  outcome: string;
  options?: string[];
  /** The crowd's starting belief in YES (binary) or per option. */
  prior: number[];
  /** Days open (three to four weeks). */
  days: number;
}

const COLOURS = ['Red', 'Green', 'Blue'];

const SPECS: PracticeSpec[] = [
  {
    title: 'Will the synthetic index close week 4 above 100?',
    outcome: 'yes',
    prior: [0.5],
    days: 24,
  },
  {
    title: 'Will the demo city record rain on its practice day?',
    outcome: 'no',
    prior: [0.6],
    days: 21,
  },
  {
    title: 'Will the simulated election turnout exceed 60 %?',
    outcome: 'yes',
    prior: [0.35],
    days: 26,
  },
  {
    title: 'Will the practice ferry run on time all week?',
    outcome: 'no',
    prior: [0.45],
    days: 22,
  },
  {
    title: 'Will the toy currency strengthen against the dollar?',
    outcome: 'yes',
    prior: [0.55],
    days: 25,
  },
  { title: 'Will the sample survey show majority support?', outcome: 'no', prior: [0.3], days: 23 },
  {
    title: 'Will the mock summit end with a joint statement?',
    outcome: 'yes',
    prior: [0.4],
    days: 27,
  },
  { title: 'Will the training harvest beat last year’s?', outcome: 'yes', prior: [0.65], days: 21 },
  {
    title: 'Will the pretend launch happen before the deadline?',
    outcome: 'no',
    prior: [0.5],
    days: 24,
  },
  {
    title: 'Will the imaginary league’s favourite win the final?',
    outcome: 'yes',
    prior: [0.7],
    days: 28,
  },
  {
    title: 'Which colour will the demo draw pick?',
    outcome: 'Blue',
    options: COLOURS,
    prior: [0.4, 0.35, 0.25],
    days: 25,
  },
  {
    title: 'Which practice team will top the synthetic table?',
    outcome: 'Green',
    options: ['Northern', 'Green', 'Harbour'],
    prior: [0.45, 0.3, 0.25],
    days: 26,
  },
];

/** The spec indices of the disputed proposal and of the re-resolved question. */
const DISPUTED = 2;
const RE_RESOLVED = 5;

/** Only the resolution job runs during the load (the questions' own jobs run when served). */
const FINALIZE_ONLY = [{ id: FINALIZE_RESOLUTION_JOB, handler: finalizeWhenWindowEnds }];

const EVIDENCE_URL = 'https://example.org/practice-results';

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Whole percents, each at least 1, summing to 100. */
function wholePercents(probabilities: number[]): number[] {
  const percents = probabilities.map((p) => Math.max(1, Math.round(p * 100)));
  const surplus = percents.reduce((sum, value) => sum + value, 0) - 100;
  const largest = percents.indexOf(Math.max(...percents));
  percents[largest] -= surplus;
  return percents;
}

/**
 * A forecaster's skill in [-0.4, 1.2]: how much of the coming outcome they see (negative: they
 * lean the wrong way). Spread over the forecasters so that scores differ clearly.
 */
function skillOf(index: number, count: number): number {
  return -0.4 + (1.6 * index) / Math.max(1, count - 1);
}

function values(spec: PracticeSpec, skill: number, progress: number, random: Mulberry32) {
  const signal = 2.2 * skill * (0.3 + 0.7 * progress);
  if (!spec.options) {
    const truth = spec.outcome === 'yes' ? 1 : -1;
    const p = sigmoid(logit(spec.prior[0]) + truth * signal + 0.5 * random.gaussian());
    return { probabilityYes: Math.min(0.97, Math.max(0.03, Math.round(p * 100) / 100)) };
  }
  const options = spec.options;
  const weights = options.map((label, index) =>
    Math.exp(
      Math.log(spec.prior[index]) + (label === spec.outcome ? signal : 0) + 0.4 * random.gaussian(),
    ),
  );
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const percents = wholePercents(weights.map((weight) => weight / total));
  return {
    probabilityYesPerCategory: Object.fromEntries(
      options.map((label, index) => [label, percents[index] / 100]),
    ),
  };
}

type Step = { at: number; order: number; run: () => Promise<unknown> };

/**
 * Loads the practice questions between `start` and `start + PRACTICE_LEAD_MS - 30 days`, moving
 * `clock` forward through every step. Returns the practice question ids.
 */
export async function loadPracticeQuestions(
  deps: Deps,
  clock: DemoClock,
  start: Date,
  people: { admin: UserActor; analyst: UserActor; forecasters: readonly UserActor[] },
  random: Mulberry32,
): Promise<number[]> {
  const ids: number[] = [];
  // 1. Draft, submit and approve each question (it opens at once).
  for (const [index, spec] of SPECS.entries()) {
    const openAt = start.getTime() + DAY_MS + index * 20 * 60_000;
    clock.set(new Date(openAt));
    const closeAt = new Date(openAt + spec.days * DAY_MS);
    const draft = await createQuestion(deps, {
      actor: people.analyst,
      question: {
        type: spec.options ? 'multiple_choice' : 'binary',
        title: `Practice: ${spec.title}`,
        description:
          'A practice question of the demo content: the event is synthetic and the question was ' +
          'resolved when the demo was loaded, so that scores have something to show. It is not ' +
          'about the real world.',
        resolutionCriteria: spec.options
          ? `Resolves to the option the demo's seeded draw picked at the close (${spec.outcome} this time).`
          : `Resolves **${spec.outcome.toUpperCase()}** as the demo's seeded draw decided at the close.`,
        sources: [{ title: 'Practice results (synthetic)', url: EVIDENCE_URL }],
        tags: ['practice'],
        options: spec.options?.map((label) => ({ label, description: `The ${label} outcome.` })),
        openTime: new Date(openAt + 5 * 60_000),
        scheduledCloseTime: closeAt,
        scheduledResolveTime: new Date(closeAt.getTime() + DAY_MS),
      },
    });
    clock.set(new Date(openAt + 2 * 60_000));
    await submitQuestion(deps, { actor: people.analyst, questionId: draft.id });
    clock.set(new Date(openAt + 5 * 60_000));
    await approveQuestion(deps, { actor: people.admin, questionId: draft.id });
    ids.push(draft.id);
  }

  // 2. Forecasts (rounds every few days while open), proposals, the dispute, the decisions: one
  //    timeline, run in time order because the demo clock only moves forward.
  const steps: Step[] = [];
  let order = 0;
  const forecasters = people.forecasters;
  for (const [index, spec] of SPECS.entries()) {
    const id = ids[index];
    const openAt = start.getTime() + DAY_MS + index * 20 * 60_000 + 5 * 60_000;
    const closeAt = openAt - 5 * 60_000 + spec.days * DAY_MS;
    const participants: UserActor[] = [];
    for (const [k, forecaster] of forecasters.entries()) {
      if (random.next() >= 0.45) continue;
      const skill = skillOf(k, forecasters.length);
      const first = 1 + random.integer(6);
      for (let day = first; day < spec.days - 1; day += 8 + random.integer(6)) {
        const at = openAt + day * DAY_MS + random.integer(12 * 3600) * 1000 + HOUR_MS;
        if (at >= closeAt) break;
        const progress = (at - openAt) / (closeAt - openAt);
        const forecast = values(spec, skill, progress, random);
        if (!participants.includes(forecaster)) participants.push(forecaster);
        steps.push({
          at,
          order: order++,
          run: () => submitForecast(deps, { actor: forecaster, questionId: id, values: forecast }),
        });
      }
    }
    const proposeAt = closeAt + 2 * HOUR_MS;
    const firstProposal =
      index === RE_RESOLVED ? (spec.outcome === 'yes' ? 'no' : 'yes') : spec.outcome;
    steps.push({
      at: proposeAt,
      order: order++,
      run: () =>
        proposeResolution(deps, {
          actor: people.admin,
          questionId: id,
          resolution: firstProposal,
          evidence: [{ url: EVIDENCE_URL, note: 'The seeded draw of the practice round.' }],
          note: 'Practice resolution of the demo content.',
          disputeWindowHours: 24,
        }),
    });
    if (index === DISPUTED) {
      steps.push({
        at: proposeAt + 3 * HOUR_MS,
        order: order++,
        run: () =>
          disputeResolution(deps, {
            // The least skilled forecaster on the question objects.
            actor: participants[0] as UserActor,
            questionId: id,
            reason: 'Practice dispute: the draw was announced after the close, please check.',
          }),
      });
      steps.push({
        at: proposeAt + 2 * DAY_MS,
        order: order++,
        run: () => finalizeResolution(deps, { actor: people.admin, questionId: id }),
      });
    }
    if (index === RE_RESOLVED) {
      steps.push({
        at: proposeAt + 3 * DAY_MS,
        order: order++,
        run: () =>
          reResolveQuestion(deps, {
            actor: people.admin,
            questionId: id,
            resolution: spec.outcome,
            note: 'Practice re-resolution: the first reading of the draw was wrong.',
            evidence: [{ url: EVIDENCE_URL, note: 'The corrected draw.' }],
          }),
      });
    }
  }
  // The windows end a day after each proposal: the resolution job finalises the undisputed ones.
  const lastClose = Math.max(...steps.map((step) => step.at));
  for (const day of [1, 2, 3, 4]) {
    steps.push({
      at: start.getTime() + DAY_MS + 21 * DAY_MS + day * 2 * DAY_MS,
      order: order++,
      run: () => runDueJobs(deps, { definitions: FINALIZE_ONLY }),
    });
  }
  steps.push({
    at: lastClose + 2 * DAY_MS,
    order: order++,
    run: () => runDueJobs(deps, { definitions: FINALIZE_ONLY }),
  });
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of steps) {
    clock.set(new Date(step.at));
    await step.run();
  }
  return ids;
}
