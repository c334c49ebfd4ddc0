// Followers hear that a question opened or closed. The open/close use cases (approval, the
// scheduled jobs, an early close) enqueue `notifications.question_event@1` in their transaction;
// the job fans out, so opening a question with many followers stays one quick transaction.
import { selectFollowerIds } from '../../db/repositories/follow-repository.ts';
import { type Executor, selectQuestion } from '../../db/repositories/question-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';
import { notifyUsers } from './notify.ts';

export const QUESTION_EVENT_JOB = 'notifications.question_event@1';

export type QuestionEvent = 'opened' | 'closed';

export async function enqueueQuestionEventNotification(
  tx: Executor,
  event: { questionId: number; event: QuestionEvent; at: Date },
): Promise<void> {
  await enqueueJob(tx, {
    type: QUESTION_EVENT_JOB,
    payload: { question_id: event.questionId, event: event.event, at: event.at.toISOString() },
    runAt: event.at,
    now: event.at,
  });
}

/** Handler of `notifications.question_event@1`. */
export async function notifyQuestionEvent(context: JobContext): Promise<JobResult> {
  const { question_id: questionId, event, at } = context.job.payload;
  if (
    typeof questionId !== 'number' ||
    (event !== 'opened' && event !== 'closed') ||
    typeof at !== 'string'
  ) {
    throw new DomainError('VALIDATION_FAILED', `${QUESTION_EVENT_JOB}: bad payload`);
  }
  const question = await selectQuestion(context.tx, questionId);
  if (!question) return undefined;
  const followers = await selectFollowerIds(context.tx, 'question', questionId);
  const kind = event === 'opened' ? 'question_opened' : 'question_closed';
  await notifyUsers(context.tx, context.deps, {
    userIds: followers,
    kind,
    question: { id: question.id, title: question.title },
    payload: { at },
    dedupeKey: `${kind}:${questionId}:${at}`,
  });
  return undefined;
}
