// resolution.finalize@1: finalises an undisputed proposal when its dispute window ends. Enqueued
// with the proposal (dedupe key per question) and re-checked when it runs, so it acts once.

import type { Executor } from '../../db/repositories/question-repository.ts';
import { selectQuestion } from '../../db/repositories/question-repository.ts';
import {
  countDisputes,
  decideProposal,
  selectPendingProposal,
} from '../../db/repositories/resolution-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';
import { applyFinalResolution } from './apply-resolution.ts';

export const FINALIZE_RESOLUTION_JOB = 'resolution.finalize@1';

export async function scheduleFinalizeJob(
  tx: Executor,
  questionId: number,
  proposalId: number,
  runAt: Date,
  now: Date,
): Promise<void> {
  await enqueueJob(tx, {
    type: FINALIZE_RESOLUTION_JOB,
    payload: { question_id: questionId, proposal_id: proposalId },
    runAt,
    dedupeKey: `resolution.finalize:${questionId}`,
    now,
  });
}

function payloadId(context: JobContext, key: string): number {
  const id = context.job.payload[key];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
    throw new DomainError('VALIDATION_FAILED', `job payload needs an integer ${key}`);
  }
  return id;
}

/**
 * Finalises the proposal if it is still the pending one, undisputed and its window has passed.
 * A disputed proposal waits for an admin; a withdrawn or superseded one is left alone.
 */
export async function finalizeWhenWindowEnds(context: JobContext): Promise<JobResult> {
  const questionId = payloadId(context, 'question_id');
  const proposalId = payloadId(context, 'proposal_id');
  const question = await selectQuestion(context.tx, questionId, { forUpdate: true });
  if (question?.status !== 'resolution_proposed') return undefined;
  const proposal = await selectPendingProposal(context.tx, questionId);
  if (proposal?.id !== proposalId) return undefined;
  if (proposal.windowEndsAt.getTime() > context.now.getTime()) {
    return { rescheduleAt: proposal.windowEndsAt };
  }
  if ((await countDisputes(context.tx, proposal.id)) > 0) return undefined;
  await decideProposal(context.tx, proposal.id, {
    status: 'finalized',
    decidedBy: null,
    at: context.now,
  });
  await applyFinalResolution(context.tx, question, {
    resolution: proposal.resolution,
    proposalId: proposal.id,
    actor: null,
    at: context.now,
    details: { automatic: true },
  });
  return undefined;
}
