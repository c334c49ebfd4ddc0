// The one place a question becomes final (resolved or annulled): status, scores, notifications,
// audit entry and conditional branches change together, inside the caller's transaction.
import {
  type Executor,
  selectBranchesOf,
  selectQuestion,
  updateQuestion,
} from '../../db/repositories/question-repository.ts';
import {
  insertNotification,
  insertProposal,
  listForecasterIds,
  supersedeProposals,
} from '../../db/repositories/resolution-repository.ts';
import type { ScoreValueRow } from '../../db/repositories/score-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { isVoidResolution, statusForResolution } from '../../domain/resolution-rules.ts';
import { recordQuestionEvent, reloadQuestion } from '../questions/question-events.ts';
import { scheduleLeaderboardRefresh } from '../standings/refresh-leaderboards.ts';
import { rewriteScores } from './score-question.ts';

export const RESOLVED_NOTIFICATION = 'question_resolved';

export interface FinalResolution {
  resolution: string;
  /** The proposal this finalises (already marked finalized by the caller). */
  proposalId: number;
  actor: Actor | null;
  at: Date;
  details?: Record<string, unknown>;
}

/**
 * Puts the question in its final state for `resolution` (resolved, or annulled for `annulled`),
 * replaces its scores, notifies each forecaster with their scores, and settles the conditional
 * branches it is the parent or child of.
 */
export async function applyFinalResolution(
  tx: Executor,
  question: QuestionRecord,
  final: FinalResolution,
): Promise<QuestionRecord> {
  const status = statusForResolution(final.resolution);
  await updateQuestion(tx, question.id, {
    status,
    resolution: final.resolution,
    resolved_at: final.at,
    actual_close_time: question.actualCloseTime ?? final.at,
    updated_at: final.at,
  });
  const updated = await reloadQuestion(tx, question.id);
  const rows = await rewriteScores(tx, updated, final.at);
  // Leaderboards and track records follow (a job, coalescing resolutions that come together).
  await scheduleLeaderboardRefresh(tx, final.at);
  await notifyForecasters(tx, updated, rows, final);
  await recordQuestionEvent(tx, {
    actor: final.actor,
    action: status === 'annulled' ? 'question.annul' : 'question.resolve',
    questionId: question.id,
    at: final.at,
    details: { resolution: final.resolution, proposal_id: final.proposalId, ...final.details },
  });
  if (updated.conditionChildId === null) await settleBranches(tx, updated, final);
  return updated;
}

async function notifyForecasters(
  tx: Executor,
  question: QuestionRecord,
  rows: readonly ScoreValueRow[],
  final: FinalResolution,
): Promise<void> {
  const cp: Record<string, { score: number; coverage: number }> = {};
  for (const row of rows) {
    if (row.aggregationMethod !== null) {
      cp[row.scoreType] = { score: row.score, coverage: row.coverage };
    }
  }
  for (const userId of await listForecasterIds(tx, question.id)) {
    const scores: Record<string, { score: number; coverage: number }> = {};
    for (const row of rows) {
      if (row.userId === userId)
        scores[row.scoreType] = { score: row.score, coverage: row.coverage };
    }
    await insertNotification(tx, {
      userId,
      kind: RESOLVED_NOTIFICATION,
      questionId: question.id,
      payload: {
        question_id: question.id,
        title: question.title,
        status: question.status,
        resolution: question.resolution,
        scores,
        community_prediction_scores: cp,
      },
      dedupeKey: `${RESOLVED_NOTIFICATION}:${question.id}:${final.proposalId}`,
      at: final.at,
    });
  }
}

/**
 * Branches "CHILD if PARENT = x" follow their parent and child (docs/design.md, conditionals):
 * once the parent is final, every branch whose x did not happen is annulled; the realised branch
 * resolves as the child does once the child is final. A void parent annuls every branch.
 */
async function settleBranches(
  tx: Executor,
  question: QuestionRecord,
  final: FinalResolution,
): Promise<void> {
  const branches = await selectBranchesOf(tx, question.id, { ofParentToo: true, forUpdate: true });
  for (const branch of branches) {
    if (branch.conditionParentId === null || branch.conditionChildId === null) continue;
    const parent =
      branch.conditionParentId === question.id
        ? question
        : await selectQuestion(tx, branch.conditionParentId);
    const child =
      branch.conditionChildId === question.id
        ? question
        : await selectQuestion(tx, branch.conditionChildId);
    if (!parent || !child) continue;
    const target = branchTarget(branch, parent, child);
    if (target === null) continue;
    if (isFinal(branch) && branch.resolution === target) continue;
    const at = final.at;
    await supersedeProposals(tx, branch.id, at);
    const proposalId = await insertProposal(tx, {
      questionId: branch.id,
      resolution: target,
      evidence: [],
      note:
        target === 'annulled' && parent.resolution !== branch.conditionOutcome
          ? `The condition did not happen: “${parent.title}” resolved ${parent.resolution}.`
          : `“${parent.title}” resolved ${parent.resolution}; “${child.title}” resolved ${child.resolution}.`,
      kind: 'conditional',
      status: 'finalized',
      proposedBy: null,
      proposedAt: at,
      windowEndsAt: at,
      decidedBy: null,
      decidedAt: at,
    });
    await applyFinalResolution(tx, branch, {
      resolution: target,
      proposalId,
      actor: null,
      at,
      details: { via_question: question.id },
    });
  }
}

function isFinal(question: Pick<QuestionRecord, 'status'>): boolean {
  return question.status === 'resolved' || question.status === 'annulled';
}

/** The resolution a branch must have now, or null while it has to wait. */
function branchTarget(
  branch: QuestionRecord,
  parent: QuestionRecord,
  child: QuestionRecord,
): string | null {
  if (isFinal(child) && child.resolution !== null && isVoidResolution(child.resolution)) {
    return 'annulled';
  }
  if (!isFinal(parent) || parent.resolution === null) return null;
  if (isVoidResolution(parent.resolution)) return 'annulled';
  if (parent.resolution !== branch.conditionOutcome) return 'annulled';
  if (!isFinal(child) || child.resolution === null) return null;
  return child.resolution;
}
