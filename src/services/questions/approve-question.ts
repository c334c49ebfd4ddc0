// A moderator approves a question in review and fixes its times: in_review → scheduled (or open).

import { updateQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { truncateToSecond } from '../../domain/question-fields.ts';
import { approve, checkApprovalSchedule } from '../../domain/question-lifecycle.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import {
  applyOpen,
  recordQuestionEvent,
  reloadQuestion,
  transitionError,
  validationError,
} from './question-events.ts';
import { scheduleCloseJob, scheduleOpenJob } from './question-jobs.ts';

export interface ApproveQuestionInput {
  actor: Actor | null;
  questionId: number;
  /** Omitted times fall back to the ones proposed in the draft. */
  openTime?: Date;
  scheduledCloseTime?: Date;
  scheduledResolveTime?: Date;
  /** null = reveal from the start */
  cpRevealTime?: Date | null;
}

function second(date: Date | null | undefined): Date | null | undefined {
  return date ? truncateToSecond(date) : date;
}

export async function approveQuestion(
  deps: Deps,
  input: ApproveQuestionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'moderator' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    const now = deps.clock.now();
    const check = checkApprovalSchedule(
      {
        openTime: second(input.openTime) ?? question.openTime,
        scheduledCloseTime: second(input.scheduledCloseTime) ?? question.scheduledCloseTime,
        scheduledResolveTime: second(input.scheduledResolveTime) ?? question.scheduledResolveTime,
        cpRevealTime:
          input.cpRevealTime === undefined
            ? question.cpRevealTime
            : (second(input.cpRevealTime) ?? null),
      },
      now,
    );
    // The state decides first: approving twice is a conflict whatever the body says.
    const approval = approve(question);
    if (!approval.ok) throw transitionError(approval);
    if (!check.ok) throw validationError(check.fields);
    const schedule = check.schedule;
    await updateQuestion(tx, question.id, {
      status: 'scheduled',
      open_time: schedule.openTime,
      scheduled_close_time: schedule.scheduledCloseTime,
      scheduled_resolve_time: schedule.scheduledResolveTime,
      cp_reveal_time: schedule.cpRevealTime,
      review_note: null,
      updated_at: now,
    });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.approve',
      questionId: question.id,
      at: now,
      details: {
        open_time: schedule.openTime.toISOString(),
        scheduled_close_time: schedule.scheduledCloseTime.toISOString(),
        scheduled_resolve_time: schedule.scheduledResolveTime.toISOString(),
        cp_reveal_time: schedule.cpRevealTime?.toISOString() ?? null,
      },
    });
    if (approval.statusAt(schedule, now) === 'open') {
      await applyOpen(tx, await reloadQuestion(tx, question.id), user, now);
    } else {
      await scheduleOpenJob(tx, question.id, schedule.openTime, now);
    }
    await scheduleCloseJob(tx, question.id, schedule.scheduledCloseTime, now);
    return reloadQuestion(tx, question.id);
  });
}
