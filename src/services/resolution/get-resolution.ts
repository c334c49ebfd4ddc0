// Reading a question's resolution: its proposals with evidence and disputes, the dispute window,
// the stored scores, and the moderators' queue of questions awaiting a resolution.
import {
  type DisputeRecord,
  listDisputes,
  listProposals,
  listResolutionQueue,
  listScores,
  type ProposalRecord,
  type QueueRow,
  type StoredScore,
  selectDisputeWindowHours,
} from '../../db/repositories/resolution-repository.ts';
import { type Actor, actorUserId } from '../../domain/actor.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from '../questions/find-question.ts';

export interface ProposalView extends ProposalRecord {
  disputes: DisputeRecord[];
}

export interface ResolutionView {
  question: QuestionRecord;
  /** The question's own window, or null when it uses the instance default. */
  questionDisputeWindowHours: number | null;
  disputeWindowHours: number;
  /** Every proposal, newest first. */
  proposals: ProposalView[];
  /** The pending proposal, else the one in force (finalised), else null. */
  current: ProposalView | null;
}

export async function getResolution(
  deps: Deps,
  input: { actor: Actor | null; questionId: number },
): Promise<ResolutionView> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const db = deps.database.db;
  const proposals: ProposalView[] = [];
  for (const proposal of (await listProposals(db, question.id)).reverse()) {
    proposals.push({ ...proposal, disputes: await listDisputes(db, proposal.id) });
  }
  const questionHours = await selectDisputeWindowHours(db, question.id);
  const current =
    proposals.find((proposal) => proposal.status === 'pending') ??
    proposals.find((proposal) => proposal.status === 'finalized') ??
    null;
  return {
    question,
    questionDisputeWindowHours: questionHours,
    disputeWindowHours: questionHours ?? deps.config.disputeWindowHours,
    proposals,
    current,
  };
}

export interface ScoreOwnerView {
  userId: number | null;
  username: string | null;
  aggregationMethod: string | null;
  scores: Record<string, { score: number; coverage: number }>;
}

export interface QuestionScoresView {
  question: QuestionRecord;
  /** The CP's rows first, then forecasters by user id. */
  items: ScoreOwnerView[];
}

export function groupScores(rows: readonly StoredScore[]): ScoreOwnerView[] {
  const byOwner = new Map<string, ScoreOwnerView>();
  for (const row of rows) {
    const key = row.aggregationMethod !== null ? `cp:${row.aggregationMethod}` : `u:${row.userId}`;
    let owner = byOwner.get(key);
    if (!owner) {
      owner = {
        userId: row.userId,
        username: row.username,
        aggregationMethod: row.aggregationMethod,
        scores: {},
      };
      byOwner.set(key, owner);
    }
    owner.scores[row.scoreType] = { score: row.score, coverage: row.coverage };
  }
  return [...byOwner.values()].sort((a, b) => {
    if ((a.aggregationMethod === null) !== (b.aggregationMethod === null)) {
      return a.aggregationMethod !== null ? -1 : 1;
    }
    return (a.userId ?? 0) - (b.userId ?? 0);
  });
}

/** Stored scores of a question (empty unless it is resolved with a scorable outcome). */
export async function getQuestionScores(
  deps: Deps,
  input: { actor: Actor | null; questionId: number },
): Promise<QuestionScoresView> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  return { question, items: groupScores(await listScores(deps.database.db, question.id)) };
}

/** The actor's own scores and the CP's, for the question page. */
export function ownAndCrowdScores(
  items: readonly ScoreOwnerView[],
  actor: Actor | null,
): { mine: ScoreOwnerView | null; crowd: ScoreOwnerView | null } {
  const userId = actorUserId(actor);
  return {
    mine: userId === null ? null : (items.find((item) => item.userId === userId) ?? null),
    crowd: items.find((item) => item.aggregationMethod === 'recency_weighted') ?? null,
  };
}

/** Moderators' queue: questions past their resolve time without a proposal, and pending ones. */
export async function getResolutionQueue(
  deps: Deps,
  input: { actor: Actor | null | undefined },
): Promise<QueueRow[]> {
  requireUser(input.actor, { scope: 'read', role: 'moderator' });
  return listResolutionQueue(deps.database.db, deps.clock.now());
}
