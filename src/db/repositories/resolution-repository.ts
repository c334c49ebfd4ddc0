// SQL for resolutions: proposals (with evidence), disputes, a question's dispute window, the
// scores table (0006) and question_resolved notifications (0005).

import { type Selectable, sql } from 'kysely';
import type { ResolutionEvidenceRow, ResolutionProposalsTable } from '../schema.ts';
import type { Executor } from './question-repository.ts';
import { notifyQuestionChanged } from './question-repository.ts';
import type { ScoreValueRow } from './score-repository.ts';

export type ProposalKind = 'proposal' | 're_resolution' | 'annulment' | 'conditional';
export type ProposalStatus = 'pending' | 'finalized' | 'withdrawn' | 'superseded';

export interface ResolutionEvidence {
  url: string;
  note: string;
}

export interface ProposalRecord {
  id: number;
  questionId: number;
  resolution: string;
  evidence: ResolutionEvidence[];
  note: string;
  kind: ProposalKind;
  status: ProposalStatus;
  proposedBy: number | null;
  proposedByUsername: string | null;
  proposedAt: Date;
  windowEndsAt: Date;
  decidedBy: number | null;
  decidedAt: Date | null;
}

export interface DisputeRecord {
  id: number;
  proposalId: number;
  userId: number;
  username: string;
  reason: string;
  createdAt: Date;
}

type ProposalRow = Selectable<ResolutionProposalsTable> & { proposed_by_username: string | null };

function toProposal(row: ProposalRow): ProposalRecord {
  return {
    id: Number(row.id),
    questionId: Number(row.question_id),
    resolution: row.resolution,
    evidence: (row.evidence ?? []) as ResolutionEvidenceRow[],
    note: row.note,
    kind: row.kind as ProposalKind,
    status: row.status as ProposalStatus,
    proposedBy: row.proposed_by === null ? null : Number(row.proposed_by),
    proposedByUsername: row.proposed_by_username,
    proposedAt: row.proposed_at,
    windowEndsAt: row.window_ends_at,
    decidedBy: row.decided_by === null ? null : Number(row.decided_by),
    decidedAt: row.decided_at,
  };
}

function selectProposals(db: Executor) {
  return db
    .selectFrom('resolution_proposals')
    .leftJoin('users', 'users.id', 'resolution_proposals.proposed_by')
    .selectAll('resolution_proposals')
    .select('users.username as proposed_by_username');
}

export interface NewProposal {
  questionId: number;
  resolution: string;
  evidence: ResolutionEvidence[];
  note: string;
  kind: ProposalKind;
  status: ProposalStatus;
  proposedBy: number | null;
  proposedAt: Date;
  windowEndsAt: Date;
  decidedBy?: number | null;
  decidedAt?: Date | null;
}

export async function insertProposal(db: Executor, proposal: NewProposal): Promise<number> {
  const row = await db
    .insertInto('resolution_proposals')
    .values({
      question_id: proposal.questionId,
      resolution: proposal.resolution,
      evidence: JSON.stringify(proposal.evidence),
      note: proposal.note,
      kind: proposal.kind,
      status: proposal.status,
      proposed_by: proposal.proposedBy,
      proposed_at: proposal.proposedAt,
      window_ends_at: proposal.windowEndsAt,
      decided_by: proposal.decidedBy ?? null,
      decided_at: proposal.decidedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await notifyQuestionChanged(db, proposal.questionId);
  return Number(row.id);
}

/** The pending proposal of a question, if any. */
export async function selectPendingProposal(
  db: Executor,
  questionId: number,
): Promise<ProposalRecord | undefined> {
  const row = await selectProposals(db)
    .where('resolution_proposals.question_id', '=', questionId)
    .where('resolution_proposals.status', '=', 'pending')
    .executeTakeFirst();
  return row ? toProposal(row) : undefined;
}

export async function selectProposal(
  db: Executor,
  id: number,
): Promise<ProposalRecord | undefined> {
  const row = await selectProposals(db)
    .where('resolution_proposals.id', '=', id)
    .executeTakeFirst();
  return row ? toProposal(row) : undefined;
}

/** Every proposal of a question, oldest first. */
export async function listProposals(db: Executor, questionId: number): Promise<ProposalRecord[]> {
  const rows = await selectProposals(db)
    .where('resolution_proposals.question_id', '=', questionId)
    .orderBy('resolution_proposals.id')
    .execute();
  return rows.map(toProposal);
}

export async function countProposals(db: Executor, questionId: number): Promise<number> {
  const row = await db
    .selectFrom('resolution_proposals')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function decideProposal(
  db: Executor,
  id: number,
  decision: { status: ProposalStatus; decidedBy: number | null; at: Date },
): Promise<void> {
  const row = await db
    .updateTable('resolution_proposals')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: decision.at })
    .where('id', '=', id)
    .returning('question_id')
    .executeTakeFirst();
  if (row) await notifyQuestionChanged(db, Number(row.question_id));
}

/** Marks every finalised or pending proposal of a question superseded (a new final one follows). */
export async function supersedeProposals(
  db: Executor,
  questionId: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('resolution_proposals')
    .set({ status: 'superseded', decided_at: sql<Date>`coalesce(decided_at, ${at})` })
    .where('question_id', '=', questionId)
    .where('status', 'in', ['pending', 'finalized'])
    .execute();
  await notifyQuestionChanged(db, questionId);
}

export async function insertDispute(
  db: Executor,
  dispute: { proposalId: number; userId: number; reason: string; at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('resolution_disputes')
    .values({
      proposal_id: dispute.proposalId,
      user_id: dispute.userId,
      reason: dispute.reason,
      created_at: dispute.at,
    })
    .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row !== undefined) {
    const proposal = await db
      .selectFrom('resolution_proposals')
      .select('question_id')
      .where('id', '=', dispute.proposalId)
      .executeTakeFirst();
    if (proposal) await notifyQuestionChanged(db, Number(proposal.question_id));
  }
  return row !== undefined;
}

export async function listDisputes(db: Executor, proposalId: number): Promise<DisputeRecord[]> {
  const rows = await db
    .selectFrom('resolution_disputes')
    .innerJoin('users', 'users.id', 'resolution_disputes.user_id')
    .selectAll('resolution_disputes')
    .select('users.username')
    .where('proposal_id', '=', proposalId)
    .orderBy('resolution_disputes.id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    proposalId: Number(row.proposal_id),
    userId: Number(row.user_id),
    username: row.username,
    reason: row.reason,
    createdAt: row.created_at,
  }));
}

export async function countDisputes(db: Executor, proposalId: number): Promise<number> {
  const row = await db
    .selectFrom('resolution_disputes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('proposal_id', '=', proposalId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A question's own dispute window in hours (null: the instance default). */
export async function selectDisputeWindowHours(
  db: Executor,
  questionId: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('questions')
    .select('dispute_window_hours')
    .where('id', '=', questionId)
    .executeTakeFirst();
  return row?.dispute_window_hours ?? null;
}

export async function updateDisputeWindowHours(
  db: Executor,
  questionId: number,
  hours: number | null,
): Promise<void> {
  await db
    .updateTable('questions')
    .set({ dispute_window_hours: hours })
    .where('id', '=', questionId)
    .execute();
  await notifyQuestionChanged(db, questionId);
}

// ---- scores (0006) ----

export interface StoredScore extends ScoreValueRow {
  username: string | null;
}

export async function listScores(db: Executor, questionId: number): Promise<StoredScore[]> {
  const rows = await db
    .selectFrom('scores')
    .leftJoin('users', 'users.id', 'scores.user_id')
    .select([
      'scores.user_id',
      'scores.aggregation_method',
      'scores.score_type',
      'scores.score',
      'scores.coverage',
      'users.username',
    ])
    .where('scores.question_id', '=', questionId)
    .orderBy('scores.aggregation_method')
    .orderBy('scores.user_id')
    .orderBy('scores.score_type')
    .execute();
  return rows.map((row) => ({
    userId: row.user_id === null ? null : Number(row.user_id),
    aggregationMethod: row.aggregation_method,
    scoreType: row.score_type,
    score: row.score,
    coverage: row.coverage,
    username: row.username,
  }));
}

// ---- notifications (0005) ----

export async function insertNotification(
  db: Executor,
  notification: {
    userId: number;
    kind: string;
    questionId: number;
    payload: Record<string, unknown>;
    dedupeKey: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      user_id: notification.userId,
      kind: notification.kind,
      question_id: notification.questionId,
      payload: JSON.stringify(notification.payload),
      dedupe_key: notification.dedupeKey,
      created_at: notification.at,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .execute();
}

/** Distinct users with at least one forecast on the question. */
export async function listForecasterIds(db: Executor, questionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('forecasts')
    .select('user_id')
    .distinct()
    .where('question_id', '=', questionId)
    .orderBy('user_id')
    .execute();
  return rows.map((row) => Number(row.user_id));
}

// ---- the moderators' queue ----

export interface QueueRow {
  questionId: number;
  title: string;
  status: string;
  scheduledResolveTime: Date | null;
  proposalId: number | null;
  resolution: string | null;
  windowEndsAt: Date | null;
  disputeCount: number;
}

/**
 * Questions waiting for a resolution: closed (or open) past their scheduled resolve time with no
 * proposal, and every pending proposal (disputed ones first), oldest first.
 */
export async function listResolutionQueue(db: Executor, now: Date): Promise<QueueRow[]> {
  const rows = await db
    .selectFrom('questions')
    .leftJoin('resolution_proposals as p', (join) =>
      join.onRef('p.question_id', '=', 'questions.id').on('p.status', '=', 'pending'),
    )
    .select([
      'questions.id',
      'questions.title',
      'questions.status',
      'questions.scheduled_resolve_time',
      'p.id as proposal_id',
      'p.resolution',
      'p.window_ends_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('resolution_disputes')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('resolution_disputes.proposal_id', '=', 'p.id')
        .as('dispute_count'),
    )
    .where('questions.condition_child_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('questions.status', '=', 'resolution_proposed'),
        eb.and([
          eb('questions.status', 'in', ['open', 'closed']),
          eb('questions.scheduled_resolve_time', '<=', now),
        ]),
      ]),
    )
    .orderBy('questions.scheduled_resolve_time')
    .orderBy('questions.id')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    questionId: Number(row.id),
    title: row.title,
    status: row.status,
    scheduledResolveTime: row.scheduled_resolve_time,
    proposalId: row.proposal_id === null ? null : Number(row.proposal_id),
    resolution: row.resolution,
    windowEndsAt: row.window_ends_at,
    disputeCount: Number(row.dispute_count ?? 0),
  }));
}
