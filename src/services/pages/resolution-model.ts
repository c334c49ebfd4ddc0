// The "Resolution" section of the question page and the moderators' queue page, as view models.

import { userHasForecast } from '../../db/repositories/forecast-repository.ts';
import { listScores } from '../../db/repositories/resolution-repository.ts';
import { type Actor, actorUserId, hasRole } from '../../domain/actor.ts';
import { questionAllOptions } from '../../domain/question-core.ts';
import { questionPath } from '../../domain/question-path.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { PROPOSABLE_STATUSES } from '../../domain/resolution-rules.ts';
import type {
  ProposalModel,
  ResolutionFormState,
  ResolutionQueueItem,
  ResolutionSectionModel,
} from '../../domain/view-models/resolution.ts';
import type { Deps } from '../deps.ts';
import {
  getResolution,
  getResolutionQueue,
  groupScores,
  ownAndCrowdScores,
  type ProposalView,
} from '../resolution/get-resolution.ts';

const DISCRETE_SCORE_TYPES = [
  'peer',
  'baseline',
  'spot_peer',
  'spot_baseline',
  'relative_legacy',
  'brier',
  'log',
];
const CONTINUOUS_SCORE_TYPES = [
  'peer',
  'baseline',
  'spot_peer',
  'spot_baseline',
  'relative_legacy',
  'log',
];

function toProposalModel(proposal: ProposalView): ProposalModel {
  return {
    resolution: proposal.resolution,
    kind: proposal.kind,
    status: proposal.status,
    proposedBy: proposal.proposedByUsername,
    proposedAt: proposal.proposedAt,
    windowEndsAt: proposal.windowEndsAt,
    decidedAt: proposal.decidedAt,
    evidence: proposal.evidence,
    note: proposal.note,
    disputes: proposal.disputes.map((dispute) => ({
      username: dispute.username,
      reason: dispute.reason,
      createdAt: dispute.createdAt,
    })),
  };
}

function outcomeHint(question: QuestionRecord): string {
  const bounds = [
    question.openLowerBound ? 'below_lower_bound' : null,
    question.openUpperBound ? 'above_upper_bound' : null,
  ].filter(Boolean);
  const extra = bounds.length > 0 ? `, ${bounds.join(', ')}` : '';
  if (question.type === 'date') {
    return `An ISO 8601 date inside the range (e.g. 2031-05-01)${extra}, annulled or ambiguous.`;
  }
  if (question.type === 'numeric' || question.type === 'discrete') {
    return `A number inside the range${extra}, annulled or ambiguous.`;
  }
  return 'Annulled or ambiguous void the question: nobody is scored.';
}

/** The section, or null when there is nothing to show or do (an open question for non-moderators). */
export async function buildResolutionSection(
  deps: Deps,
  actor: Actor | null,
  question: QuestionRecord,
  form: ResolutionFormState | null,
): Promise<ResolutionSectionModel | null> {
  const isBranch = question.conditionChildId !== null;
  const canPropose =
    hasRole(actor, 'moderator') && !isBranch && PROPOSABLE_STATUSES.includes(question.status);
  const isPastOpen = ['closed', 'resolution_proposed', 'resolved', 'annulled'].includes(
    question.status,
  );
  if (!canPropose && !isPastOpen) return null;
  const view = await getResolution(deps, { actor, questionId: question.id });
  const now = deps.clock.now();
  const pending = view.proposals.find((proposal) => proposal.status === 'pending') ?? null;
  const userId = actorUserId(actor);
  const hasDisputed =
    pending !== null && userId !== null && pending.disputes.some((d) => d.userId === userId);
  const isForecaster =
    userId !== null && (await userHasForecast(deps.database.db, question.id, userId));
  const rows = await listScores(deps.database.db, question.id);
  const items = groupScores(rows);
  const { mine, crowd } = ownAndCrowdScores(items, actor);
  const continuous = !['binary', 'multiple_choice'].includes(question.type);
  const base = `${questionPath(question)}/resolution`;
  return {
    questionId: question.id,
    status: question.status,
    resolution: question.resolution,
    resolvedAt: question.resolvedAt,
    actualCloseTime: question.actualCloseTime,
    scheduledResolveTime: question.scheduledResolveTime,
    disputeWindowHours: view.disputeWindowHours,
    current: view.current ? toProposalModel(view.current) : null,
    earlier: view.proposals.filter((proposal) => proposal !== view.current).map(toProposalModel),
    scores:
      items.length > 0
        ? {
            mine: mine?.scores ?? null,
            crowd: crowd?.scores ?? null,
            types: continuous ? CONTINUOUS_SCORE_TYPES : DISCRETE_SCORE_TYPES,
          }
        : null,
    can: {
      propose: canPropose,
      dispute:
        pending !== null &&
        isForecaster &&
        !hasDisputed &&
        now.getTime() < pending.windowEndsAt.getTime(),
      decide: pending !== null && hasRole(actor, 'admin'),
      hasDisputed,
    },
    outcomeChoices:
      question.type === 'binary'
        ? ['yes', 'no']
        : question.type === 'multiple_choice'
          ? questionAllOptions(question)
          : null,
    outcomeHint: outcomeHint(question),
    actions: {
      propose: `${base}/propose`,
      dispute: `${base}/dispute`,
      finalize: `${base}/finalize`,
      withdraw: `${base}/withdraw`,
    },
    form,
  };
}

export async function buildResolutionQueue(
  deps: Deps,
  actor: Actor | null,
): Promise<ResolutionQueueItem[]> {
  const rows = await getResolutionQueue(deps, { actor });
  return rows.map((row) => ({
    questionId: row.questionId,
    title: row.title,
    path: questionPath({ id: row.questionId, title: row.title }),
    status: row.status,
    scheduledResolveTime: row.scheduledResolveTime,
    proposal:
      row.proposalId === null
        ? null
        : {
            resolution: row.resolution ?? '',
            windowEndsAt: row.windowEndsAt as Date,
            disputeCount: row.disputeCount,
          },
  }));
}
