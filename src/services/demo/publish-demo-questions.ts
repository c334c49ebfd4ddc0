// Publishes the demo series the way people would: the admin creates the tournament, the analyst
// drafts and submits each question, the admin approves it (so it opens at once), and the analyst
// makes the conditional pair. Every step is a real service call with its audit entry.
import type { UserActor } from '../../domain/actor.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { approveQuestion } from '../questions/approve-question.ts';
import { createConditionalQuestions } from '../questions/create-conditional-questions.ts';
import { createQuestion } from '../questions/create-question.ts';
import { submitQuestion } from '../questions/submit-question.ts';
import { createTournament } from '../tournaments/create-tournament.ts';
import type { DemoClock } from './demo-clock.ts';
import { DEMO_CONDITIONALS, demoQuestionSpecs, demoTournament } from './demo-questions.ts';
import type { DemoSchedule } from './demo-schedule.ts';
import type { CrowdModel, DemoQuestionKey } from './demo-spec.ts';

const MINUTE_MS = 60_000;

/** A published question and the crowd that will forecast on it. */
export interface ForecastTarget {
  question: QuestionRecord;
  crowd: CrowdModel;
}

export interface PublishedDemo {
  tournamentId: number;
  /** Every question in publishing order, conditional branches included. */
  targets: ForecastTarget[];
  /** The published question of each demo key (articles embed them). */
  byKey: Map<DemoQuestionKey, QuestionRecord>;
}

export async function publishDemoQuestions(
  deps: Deps,
  clock: DemoClock,
  schedule: DemoSchedule,
  people: { admin: UserActor; analyst: UserActor },
): Promise<PublishedDemo> {
  const specs = demoQuestionSpecs(schedule);
  const lastClose = Math.max(...specs.map((spec) => spec.closesAt.getTime()));
  clock.set(schedule.draftingStartsAt);
  const tournament = await createTournament(deps, {
    actor: people.admin,
    tournament: demoTournament(schedule, new Date(lastClose)),
  });

  const published = new Map<DemoQuestionKey, QuestionRecord>();
  const pendingConditionals = [...DEMO_CONDITIONALS];
  const targets: ForecastTarget[] = [];
  for (const [index, spec] of specs.entries()) {
    const draftedAt = schedule.draftingStartsAt.getTime() + (index + 1) * schedule.questionStepMs;
    const opensAt = new Date(draftedAt + 5 * MINUTE_MS);
    clock.set(new Date(draftedAt));
    const draft = await createQuestion(deps, {
      actor: people.analyst,
      question: {
        ...spec.question,
        tournamentId: tournament.id,
        // The analyst proposes the times; the approval below keeps them.
        openTime: opensAt,
        scheduledCloseTime: spec.closesAt,
        scheduledResolveTime: new Date(spec.closesAt.getTime() + schedule.resolutionDelayMs),
        cpRevealTime: new Date(opensAt.getTime() + schedule.revealDelayMs),
      },
    });
    clock.set(new Date(draftedAt + 2 * MINUTE_MS));
    await submitQuestion(deps, { actor: people.analyst, questionId: draft.id });
    clock.set(opensAt);
    const question = await approveQuestion(deps, { actor: people.admin, questionId: draft.id });
    published.set(spec.key, question);
    targets.push({ question, crowd: spec.crowd });

    for (const conditional of [...pendingConditionals]) {
      const parent = published.get(conditional.parent);
      const child = published.get(conditional.child);
      if (!parent || !child) continue;
      pendingConditionals.splice(pendingConditionals.indexOf(conditional), 1);
      clock.set(new Date(opensAt.getTime() + 2 * MINUTE_MS));
      // The admin makes the pair, so its branches open with the child without a review.
      const { branches } = await createConditionalQuestions(deps, {
        actor: people.admin,
        parentId: parent.id,
        childId: child.id,
      });
      for (const branch of branches) {
        const crowd = conditional.branchCrowds[branch.conditionOutcome as 'yes' | 'no'];
        if (crowd === undefined) throw new RangeError('a demo branch has no crowd');
        targets.push({ question: branch, crowd });
      }
    }
  }
  if (pendingConditionals.length > 0) {
    throw new RangeError('a demo conditional names a question that is not in the demo');
  }
  return { tournamentId: tournament.id, targets, byKey: published };
}
