// The demo series: its tournament and its questions, in the order they are published (the
// newest is listed first, so the scenario set comes last and heads the home page).
import type { TournamentFields } from '../../domain/tournament-fields.ts';
import type { DemoSchedule } from './demo-schedule.ts';
import { type DemoConditionalSpec, type DemoQuestionSpec, prose } from './demo-spec.ts';
import { meetingsQuestion, pollQuestion, treatyTalksQuestion } from './indicator-questions.ts';
import { scenarioQuestion } from './scenario-question.ts';
import { signpostQuestions } from './signpost-questions.ts';
import {
  SUMMIT_SANCTIONS_CONDITIONAL,
  sanctionsQuestion,
  summitQuestion,
} from './summit-questions.ts';

export const DEMO_TOURNAMENT_SLUG = 'us-russia-outlook';

export function demoTournament(schedule: DemoSchedule, closeTime: Date): TournamentFields {
  return {
    slug: DEMO_TOURNAMENT_SLUG,
    title: 'US–Russia outlook',
    description: prose([
      'Where relations between the United States and Russia go next: leader-level diplomacy,',
      'sanctions, arms control, the Arctic and public opinion. The scenario set asks which of',
      `three broad pictures (détente, tense coexistence, renewed Cold War) will fit at the end of`,
      `${schedule.nextYear}; the other questions are narrower, resolve sooner, and several are`,
      'signposts for the scenarios.',
      '',
      'This series is part of Brier’s demo content. The questions have real resolution criteria,',
      'but the forecasters are synthetic accounts (`demo-forecaster-01` and so on) whose',
      'forecasts were generated when the demo was loaded.',
    ]),
    startTime: schedule.draftingStartsAt,
    closeTime,
  };
}

export function demoQuestionSpecs(schedule: DemoSchedule): DemoQuestionSpec[] {
  return [
    ...signpostQuestions(schedule),
    treatyTalksQuestion(schedule),
    pollQuestion(schedule),
    meetingsQuestion(schedule),
    sanctionsQuestion(schedule),
    summitQuestion(schedule),
    scenarioQuestion(schedule),
  ];
}

export const DEMO_CONDITIONALS: readonly DemoConditionalSpec[] = [SUMMIT_SANCTIONS_CONDITIONAL];
