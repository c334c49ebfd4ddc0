// Shared steps of question use cases: refusal → DomainError, audit entries, open/close application.

import { insertAuditEntry } from '../../db/repositories/audit-log-repository.ts';
import {
  type Executor,
  selectBranchesOf,
  selectQuestion,
  updateQuestion,
} from '../../db/repositories/question-repository.ts';
import { type Actor, actorUserId } from '../../domain/actor.ts';
import { DomainError, type FieldProblem } from '../../domain/errors.ts';
import type { TransitionRefusal } from '../../domain/question-lifecycle.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { enqueueQuestionEventNotification } from '../notifications/question-notifications.ts';

export type QuestionAuditAction =
  | 'question.create'
  | 'question.update'
  | 'question.submit'
  | 'question.approve'
  | 'question.reject'
  | 'question.open'
  | 'question.close'
  | 'question.clarify'
  | 'question.add_option'
  | 'question.propose_resolution'
  | 'question.dispute_resolution'
  | 'question.withdraw_resolution'
  | 'question.resolve'
  | 'question.annul';

/** Writes one audit entry for a question; call inside the transaction that made the change. */
export async function recordQuestionEvent(
  tx: Executor,
  event: {
    actor: Actor | null;
    action: QuestionAuditAction;
    questionId: number;
    at: Date;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await insertAuditEntry(tx, {
    actorId: actorUserId(event.actor),
    action: event.action,
    targetType: 'question',
    targetId: event.questionId,
    details: event.details ?? {},
    createdAt: event.at,
  });
}

/** Maps a lifecycle refusal to the error the API shows (409 INVALID_TRANSITION). */
export function transitionError(refusal: TransitionRefusal): DomainError {
  switch (refusal.reason) {
    case 'wrong_status':
      return new DomainError(
        'INVALID_TRANSITION',
        `Cannot ${refusal.action.replace('_', ' ')} a question that is ${refusal.status.replace('_', ' ')}.`,
        { action: refusal.action, status: refusal.status },
      );
    case 'not_due':
      return new DomainError(
        'INVALID_TRANSITION',
        `It is not yet time to ${refusal.action} this question.`,
        { action: refusal.action, due_at: refusal.dueAt.toISOString() },
      );
    default: {
      const unexpected: never = refusal;
      throw new RangeError(`unexpected refusal ${JSON.stringify(unexpected)}`);
    }
  }
}

export function validationError(fields: FieldProblem[]): DomainError {
  const first = fields[0];
  return new DomainError(
    'VALIDATION_FAILED',
    first ? `${first.path}: ${first.message}` : 'The question is invalid.',
    { fields },
  );
}

export function questionNotFound(id: number): DomainError {
  return new DomainError('NOT_FOUND', `There is no question ${id}.`, { question_id: id });
}

/** Re-reads a question inside the transaction that changed it. */
export async function reloadQuestion(tx: Executor, id: number): Promise<QuestionRecord> {
  const question = await selectQuestion(tx, id);
  if (!question) throw questionNotFound(id);
  return question;
}

/**
 * Opens a question (status → open) and its conditional branches, which follow their child's
 * lifecycle; one audit entry each. `actor` null = the system (the scheduled job).
 */
export async function applyOpen(
  tx: Executor,
  question: QuestionRecord,
  actor: Actor | null,
  now: Date,
): Promise<void> {
  const targets = [question, ...(await branchesInStatus(tx, question, 'scheduled'))];
  for (const target of targets) {
    await updateQuestion(tx, target.id, { status: 'open', updated_at: now });
    await recordQuestionEvent(tx, {
      actor,
      action: 'question.open',
      questionId: target.id,
      at: now,
      details: target.id === question.id ? {} : { via_child: question.id },
    });
    await enqueueQuestionEventNotification(tx, { questionId: target.id, event: 'opened', at: now });
  }
}

/** Closes a question at `actualCloseTime`, and its open conditional branches with it. */
export async function applyClose(
  tx: Executor,
  question: QuestionRecord,
  actualCloseTime: Date,
  actor: Actor | null,
  now: Date,
  details: Record<string, unknown>,
): Promise<void> {
  const targets = [question, ...(await branchesInStatus(tx, question, 'open'))];
  for (const target of targets) {
    await updateQuestion(tx, target.id, {
      status: 'closed',
      actual_close_time: actualCloseTime,
      updated_at: now,
    });
    await recordQuestionEvent(tx, {
      actor,
      action: 'question.close',
      questionId: target.id,
      at: now,
      details: {
        ...details,
        actual_close_time: actualCloseTime.toISOString(),
        ...(target.id === question.id ? {} : { via_child: question.id }),
      },
    });
    await enqueueQuestionEventNotification(tx, { questionId: target.id, event: 'closed', at: now });
  }
}

async function branchesInStatus(
  tx: Executor,
  question: QuestionRecord,
  status: QuestionRecord['status'],
): Promise<QuestionRecord[]> {
  if (question.conditionChildId !== null) return [];
  const branches = await selectBranchesOf(tx, question.id, { forUpdate: true });
  return branches.filter((branch) => branch.status === status);
}
