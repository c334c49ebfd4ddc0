// The open and close jobs of a question: enqueued at approval, re-checked when they run.

import { type Executor, selectQuestion } from '../../db/repositories/question-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { closeOnSchedule, openScheduled } from '../../domain/question-lifecycle.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';
import { applyClose, applyOpen } from './question-events.ts';

export const OPEN_QUESTION_JOB = 'questions.open@1';
export const CLOSE_QUESTION_JOB = 'questions.close@1';

export async function scheduleOpenJob(
  tx: Executor,
  questionId: number,
  openTime: Date,
  now: Date,
): Promise<void> {
  await enqueueJob(tx, {
    type: OPEN_QUESTION_JOB,
    payload: { question_id: questionId },
    runAt: openTime,
    dedupeKey: `questions.open:${questionId}`,
    now,
  });
}

export async function scheduleCloseJob(
  tx: Executor,
  questionId: number,
  scheduledCloseTime: Date,
  now: Date,
): Promise<void> {
  await enqueueJob(tx, {
    type: CLOSE_QUESTION_JOB,
    payload: { question_id: questionId },
    runAt: scheduledCloseTime,
    dedupeKey: `questions.close:${questionId}`,
    now,
  });
}

function payloadQuestionId(context: JobContext): number {
  const id = context.job.payload.question_id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
    throw new DomainError('VALIDATION_FAILED', 'job payload needs an integer question_id');
  }
  return id;
}

/**
 * Opens the question if it is still scheduled and due. Idempotent: a question already opened,
 * sent back or deleted is left alone; one whose open_time moved later is looked at again then.
 */
export async function openQuestionWhenDue(context: JobContext): Promise<JobResult> {
  const question = await selectQuestion(context.tx, payloadQuestionId(context), {
    forUpdate: true,
  });
  if (!question) return undefined;
  const transition = openScheduled(question, context.now);
  if (transition.ok) {
    await applyOpen(context.tx, question, null, context.now);
    return undefined;
  }
  return transition.reason === 'not_due' ? { rescheduleAt: transition.dueAt } : undefined;
}

/** Closes the question at its scheduled close if it is still open; idempotent like the above. */
export async function closeQuestionWhenDue(context: JobContext): Promise<JobResult> {
  const question = await selectQuestion(context.tx, payloadQuestionId(context), {
    forUpdate: true,
  });
  if (!question) return undefined;
  const transition = closeOnSchedule(question, context.now);
  if (transition.ok) {
    await applyClose(context.tx, question, transition.actualCloseTime, null, context.now, {
      scheduled: true,
    });
    return undefined;
  }
  if (transition.reason === 'not_due') return { rescheduleAt: transition.dueAt };
  // Scheduled but not yet open (the open job is late): try again once it has opened.
  if (question.status === 'scheduled' && question.scheduledCloseTime) {
    return { rescheduleAt: new Date(context.now.getTime() + 1000) };
  }
  return undefined;
}
