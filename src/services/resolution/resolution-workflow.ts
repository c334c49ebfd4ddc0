// The resolution use cases (docs/design.md "Question lifecycle"): a moderator proposes, forecasters
// dispute during the window, an admin finalises or withdraws (or the job finalises an undisputed
// proposal), an admin annuls or re-resolves. Each runs in one transaction with the question locked.

import { userHasForecast } from '../../db/repositories/forecast-repository.ts';
import {
  type Executor,
  selectBranchesOf,
  updateQuestion,
} from '../../db/repositories/question-repository.ts';
import {
  decideProposal,
  insertDispute,
  insertProposal,
  type ProposalRecord,
  type ResolutionEvidence,
  selectDisputeWindowHours,
  selectPendingProposal,
  supersedeProposals,
  updateDisputeWindowHours,
} from '../../db/repositories/resolution-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { truncateToSecond } from '../../domain/question-fields.ts';
import type { QuestionRecord, QuestionStatus } from '../../domain/question-record.ts';
import {
  ANNULLABLE_STATUSES,
  checkActualCloseTime,
  checkEvidence,
  checkResolution,
  disputeWindowEnd,
  PROPOSABLE_STATUSES,
  RE_RESOLVABLE_STATUSES,
} from '../../domain/resolution-rules.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from '../questions/find-question.ts';
import { applyClose, recordQuestionEvent, reloadQuestion } from '../questions/question-events.ts';
import { applyFinalResolution } from './apply-resolution.ts';
import { scheduleFinalizeJob } from './resolution-jobs.ts';

export interface ProposeResolutionInput {
  actor: Actor | null | undefined;
  questionId: number;
  resolution: string;
  evidence: ResolutionEvidence[];
  note?: string;
  actualCloseTime?: Date | null;
  /** Sets the question's own dispute window (0 allowed); default: the question's, else the instance's. */
  disputeWindowHours?: number | null;
}

function wrongStatus(action: string, status: QuestionStatus): DomainError {
  return new DomainError(
    'INVALID_TRANSITION',
    `Cannot ${action} a question that is ${status.replace('_', ' ')}.`,
    { action: action.replaceAll(' ', '_'), status },
  );
}

function refuseBranch(question: QuestionRecord): void {
  if (question.conditionChildId !== null) {
    throw new DomainError(
      'INVALID_TRANSITION',
      'A conditional branch resolves by itself when its condition and its question resolve.',
      { action: 'resolve', conditional: true },
    );
  }
}

async function requirePending(tx: Executor, question: QuestionRecord): Promise<ProposalRecord> {
  const proposal =
    question.status === 'resolution_proposed'
      ? await selectPendingProposal(tx, question.id)
      : undefined;
  if (!proposal) {
    throw new DomainError('INVALID_TRANSITION', 'This question has no proposed resolution.', {
      action: 'decide_resolution',
      status: question.status,
    });
  }
  return proposal;
}

/** Moves the close time of a closed question (and of its conditional branches) earlier. */
async function moveCloseTime(tx: Executor, question: QuestionRecord, time: Date, now: Date) {
  if (question.actualCloseTime?.getTime() === time.getTime()) return;
  await updateQuestion(tx, question.id, { actual_close_time: time, updated_at: now });
  for (const branch of await selectBranchesOf(tx, question.id, { forUpdate: true })) {
    if (branch.status === 'closed' || branch.status === 'resolution_proposed') {
      await updateQuestion(tx, branch.id, { actual_close_time: time, updated_at: now });
    }
  }
}

/** open/closed → resolution_proposed, with evidence; the finalise job waits for the window. */
export async function proposeResolution(
  deps: Deps,
  input: ProposeResolutionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'moderator' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    refuseBranch(question);
    if (!PROPOSABLE_STATUSES.includes(question.status)) {
      throw wrongStatus('propose a resolution for', question.status);
    }
    const resolution = checkResolution(question, input.resolution);
    const evidence = checkEvidence(input.evidence);
    const now = deps.clock.now();
    const closeTime = input.actualCloseTime
      ? checkActualCloseTime(question, input.actualCloseTime, now)
      : null;
    if (question.status === 'open') {
      const early = truncateToSecond(now);
      const scheduled = question.scheduledCloseTime;
      const at = closeTime ?? (scheduled && scheduled < early ? scheduled : early);
      await applyClose(tx, question, at, user, now, { for_resolution: true });
    } else if (closeTime) {
      await moveCloseTime(tx, question, closeTime, now);
    }
    if (input.disputeWindowHours !== undefined) {
      await updateDisputeWindowHours(tx, question.id, input.disputeWindowHours);
    }
    const hours =
      (await selectDisputeWindowHours(tx, question.id)) ?? deps.config.disputeWindowHours;
    const windowEndsAt = disputeWindowEnd(now, hours);
    const proposalId = await insertProposal(tx, {
      questionId: question.id,
      resolution,
      evidence,
      note: (input.note ?? '').trim(),
      kind: 'proposal',
      status: 'pending',
      proposedBy: user.userId,
      proposedAt: now,
      windowEndsAt,
    });
    await updateQuestion(tx, question.id, { status: 'resolution_proposed', updated_at: now });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.propose_resolution',
      questionId: question.id,
      at: now,
      details: {
        resolution,
        proposal_id: proposalId,
        window_ends_at: windowEndsAt.toISOString(),
      },
    });
    await scheduleFinalizeJob(tx, question.id, proposalId, windowEndsAt, now);
    return reloadQuestion(tx, question.id);
  });
}

/** A forecaster on the question objects to the pending proposal, once, before its window ends. */
export async function disputeResolution(
  deps: Deps,
  input: { actor: Actor | null | undefined; questionId: number; reason: string },
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    const proposal = await requirePending(tx, question);
    const now = deps.clock.now();
    if (now.getTime() >= proposal.windowEndsAt.getTime()) {
      throw new DomainError(
        'INVALID_TRANSITION',
        'The dispute window of this proposal has ended.',
        {
          action: 'dispute',
          window_ends_at: proposal.windowEndsAt.toISOString(),
        },
      );
    }
    if (!(await userHasForecast(tx, question.id, user.userId))) {
      throw new DomainError(
        'FORBIDDEN',
        'Only forecasters on this question can dispute its resolution.',
      );
    }
    const reason = input.reason.trim();
    if (reason.length === 0) {
      throw new DomainError('VALIDATION_FAILED', '/reason: must not be blank', {
        fields: [{ path: '/reason', message: 'must not be blank' }],
      });
    }
    const isNew = await insertDispute(tx, {
      proposalId: proposal.id,
      userId: user.userId,
      reason,
      at: now,
    });
    if (!isNew) {
      throw new DomainError('ALREADY_EXISTS', 'You have already disputed this proposal.', {
        proposal_id: proposal.id,
      });
    }
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.dispute_resolution',
      questionId: question.id,
      at: now,
      details: { proposal_id: proposal.id },
    });
    return reloadQuestion(tx, question.id);
  });
}

/** An admin makes the pending proposal final now (disputed or not, window over or not). */
export async function finalizeResolution(
  deps: Deps,
  input: { actor: Actor | null | undefined; questionId: number },
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'admin' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    const proposal = await requirePending(tx, question);
    const now = deps.clock.now();
    await decideProposal(tx, proposal.id, { status: 'finalized', decidedBy: user.userId, at: now });
    return applyFinalResolution(tx, question, {
      resolution: proposal.resolution,
      proposalId: proposal.id,
      actor: user,
      at: now,
    });
  });
}

/** An admin withdraws the pending proposal: the question is closed again, awaiting a new one. */
export async function withdrawResolution(
  deps: Deps,
  input: { actor: Actor | null | undefined; questionId: number },
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'admin' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    const proposal = await requirePending(tx, question);
    const now = deps.clock.now();
    await decideProposal(tx, proposal.id, { status: 'withdrawn', decidedBy: user.userId, at: now });
    await updateQuestion(tx, question.id, { status: 'closed', updated_at: now });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.withdraw_resolution',
      questionId: question.id,
      at: now,
      details: { proposal_id: proposal.id },
    });
    return reloadQuestion(tx, question.id);
  });
}

export interface FinalDecisionInput {
  actor: Actor | null | undefined;
  questionId: number;
  evidence?: ResolutionEvidence[];
  note?: string;
}

/** An admin annuls a question at once (no scores; a pending proposal is superseded). */
export async function annulQuestion(
  deps: Deps,
  input: FinalDecisionInput,
): Promise<QuestionRecord> {
  return decideNow(deps, input, 'annulled', 'annulment', ANNULLABLE_STATUSES, 'annul');
}

/** An admin re-resolves a final question; its scores are replaced in the same transaction. */
export async function reResolveQuestion(
  deps: Deps,
  input: FinalDecisionInput & { resolution: string; actualCloseTime?: Date | null },
): Promise<QuestionRecord> {
  return decideNow(
    deps,
    input,
    input.resolution,
    're_resolution',
    RE_RESOLVABLE_STATUSES,
    're-resolve',
  );
}

async function decideNow(
  deps: Deps,
  input: FinalDecisionInput & { actualCloseTime?: Date | null },
  rawResolution: string,
  kind: 're_resolution' | 'annulment',
  allowed: readonly QuestionStatus[],
  action: string,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'admin' });
  return deps.database.db.transaction().execute(async (tx) => {
    let question = await lockQuestionForActor(tx, input.questionId, user);
    if (kind === 're_resolution') refuseBranch(question);
    if (!allowed.includes(question.status)) throw wrongStatus(action, question.status);
    const resolution = checkResolution(question, rawResolution);
    const evidence = checkEvidence(input.evidence ?? []);
    const now = deps.clock.now();
    if (input.actualCloseTime) {
      const closeTime = checkActualCloseTime(question, input.actualCloseTime, now);
      await moveCloseTime(tx, question, closeTime, now);
      question = await reloadQuestion(tx, question.id);
    }
    await supersedeProposals(tx, question.id, now);
    const proposalId = await insertProposal(tx, {
      questionId: question.id,
      resolution,
      evidence,
      note: (input.note ?? '').trim(),
      kind,
      status: 'finalized',
      proposedBy: user.userId,
      proposedAt: now,
      windowEndsAt: now,
      decidedBy: user.userId,
      decidedAt: now,
    });
    return applyFinalResolution(tx, question, {
      resolution,
      proposalId,
      actor: user,
      at: now,
      details: { kind },
    });
  });
}
