// The resolution workflow (docs/design.md "Question lifecycle", docs/api.md "Resolution"): propose
// with evidence, dispute, finalise or withdraw, annul, re-resolve; the resolution state, the stored
// scores and the moderators' queue.
import type { Actor } from '../../../domain/actor.ts';
import type { Deps } from '../../../services/deps.ts';
import {
  getQuestionScores,
  getResolution,
  getResolutionQueue,
  type ProposalView,
  type ResolutionView,
} from '../../../services/resolution/get-resolution.ts';
import {
  annulQuestion,
  disputeResolution,
  finalizeResolution,
  proposeResolution,
  reResolveQuestion,
  withdrawResolution,
} from '../../../services/resolution/resolution-workflow.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { OPTIONAL_BODY } from '../kit/openapi.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import {
  AnnulBodySchema,
  DisputeBodySchema,
  ProposeBodySchema,
  QueueSchema,
  RESOLUTION_TAGS,
  ReResolveBodySchema,
  ResolutionSchema,
  ScoresSchema,
} from './schemas.ts';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function presentProposal(proposal: ProposalView) {
  return {
    id: proposal.id,
    resolution: proposal.resolution,
    evidence: proposal.evidence,
    note: proposal.note,
    kind: proposal.kind,
    status: proposal.status,
    proposed_by: proposal.proposedByUsername,
    proposed_at: proposal.proposedAt.toISOString(),
    window_ends_at: proposal.windowEndsAt.toISOString(),
    decided_at: iso(proposal.decidedAt),
    disputes: proposal.disputes.map((dispute) => ({
      username: dispute.username,
      reason: dispute.reason,
      created_at: dispute.createdAt.toISOString(),
    })),
  };
}

export function presentResolution(view: ResolutionView) {
  return {
    question_id: view.question.id,
    status: view.question.status,
    resolution: view.question.resolution,
    resolved_at: iso(view.question.resolvedAt),
    actual_close_time: iso(view.question.actualCloseTime),
    dispute_window_hours: view.disputeWindowHours,
    current: view.current ? presentProposal(view.current) : null,
    proposals: view.proposals.map(presentProposal),
  };
}

const write = {
  tags: RESOLUTION_TAGS,
  security: SIGNED_IN,
  params: IdParamsSchema,
};

export function registerResolutionRoutes(app: App, deps: Deps): void {
  const answer = async (actor: Actor | null, questionId: number) =>
    presentResolution(await getResolution(deps, { actor, questionId }));

  app.get(
    '/api/v1/questions/:id/resolution',
    {
      schema: {
        tags: RESOLUTION_TAGS,
        summary: "A question's resolution: proposals with evidence and disputes, the window",
        params: IdParamsSchema,
        response: { 200: ResolutionSchema },
      },
    },
    async (request) => answer(request.actor, request.params.id),
  );

  app.post(
    '/api/v1/questions/:id/resolution',
    {
      schema: {
        ...write,
        summary: 'Propose a resolution with evidence (a moderator or above)',
        description:
          'An open question closes now (or at actual_close_time). The proposal becomes final ' +
          'when its dispute window ends undisputed (a job), or when an admin finalises it.',
        body: ProposeBodySchema,
        response: { 200: ResolutionSchema, ...errors(403, 409) },
      },
    },
    async (request) => {
      const body = request.body;
      await proposeResolution(deps, {
        actor: request.actor,
        questionId: request.params.id,
        resolution: body.resolution,
        evidence: body.evidence.map((item) => ({ url: item.url, note: item.note ?? '' })),
        note: body.note,
        actualCloseTime: body.actual_close_time ? new Date(body.actual_close_time) : null,
        disputeWindowHours: body.dispute_window_hours,
      });
      return answer(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/questions/:id/resolution/disputes',
    {
      schema: {
        ...write,
        summary: 'Dispute the proposed resolution with a reason (a forecaster on it, once)',
        body: DisputeBodySchema,
        response: { 201: ResolutionSchema, ...errors(403, 409) },
      },
    },
    async (request, reply) => {
      await disputeResolution(deps, {
        actor: request.actor,
        questionId: request.params.id,
        reason: request.body.reason,
      });
      reply.code(201);
      return answer(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/questions/:id/resolution/finalize',
    {
      schema: {
        ...write,
        summary: 'Make the proposed resolution final now and store the scores (an admin)',
        response: { 200: ResolutionSchema, ...errors(403, 409) },
      },
    },
    async (request) => {
      await finalizeResolution(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      return answer(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/questions/:id/resolution/withdraw',
    {
      schema: {
        ...write,
        summary: 'Withdraw the proposed resolution; the question is closed again (an admin)',
        response: { 200: ResolutionSchema, ...errors(403, 409) },
      },
    },
    async (request) => {
      await withdrawResolution(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      return answer(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/questions/:id/annul',
    {
      schema: {
        ...write,
        summary: 'Annul a question now: final, no scores (an admin)',
        [OPTIONAL_BODY]: true,
        body: AnnulBodySchema,
        response: { 200: ResolutionSchema, ...errors(403, 409) },
      },
    },
    async (request) => {
      await annulQuestion(deps, {
        actor: request.actor,
        questionId: request.params.id,
        note: request.body.note,
        evidence: request.body.evidence?.map((item) => ({ url: item.url, note: item.note ?? '' })),
      });
      return answer(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/questions/:id/re-resolution',
    {
      schema: {
        ...write,
        summary: 'Re-resolve a resolved or annulled question now; scores are replaced (an admin)',
        body: ReResolveBodySchema,
        response: { 200: ResolutionSchema, ...errors(403, 409) },
      },
    },
    async (request) => {
      const body = request.body;
      await reResolveQuestion(deps, {
        actor: request.actor,
        questionId: request.params.id,
        resolution: body.resolution,
        evidence: body.evidence?.map((item) => ({ url: item.url, note: item.note ?? '' })),
        note: body.note,
        actualCloseTime: body.actual_close_time ? new Date(body.actual_close_time) : null,
      });
      return answer(request.actor, request.params.id);
    },
  );

  app.get(
    '/api/v1/questions/:id/scores',
    {
      schema: {
        tags: RESOLUTION_TAGS,
        summary: 'Stored scores of every forecaster and of the CP (after resolution)',
        params: IdParamsSchema,
        response: { 200: ScoresSchema },
      },
    },
    async (request) => {
      const view = await getQuestionScores(deps, {
        actor: request.actor ?? null,
        questionId: request.params.id,
      });
      return {
        question_id: view.question.id,
        status: view.question.status,
        resolution: view.question.resolution,
        items: view.items.map((item) => ({
          user: item.userId === null ? null : { id: item.userId, username: item.username ?? '' },
          aggregation_method: item.aggregationMethod,
          scores: item.scores,
        })),
      };
    },
  );

  app.get(
    '/api/v1/resolution-queue',
    {
      schema: {
        tags: RESOLUTION_TAGS,
        security: SIGNED_IN,
        summary:
          'Questions awaiting resolution: past their resolve time, or with a pending proposal ' +
          '(a moderator or above)',
        response: { 200: QueueSchema, ...errors(403) },
      },
    },
    async (request) => {
      const rows = await getResolutionQueue(deps, { actor: request.actor });
      return {
        items: rows.map((row) => ({
          question_id: row.questionId,
          title: row.title,
          status: row.status,
          scheduled_resolve_time: iso(row.scheduledResolveTime),
          proposal:
            row.proposalId === null
              ? null
              : {
                  id: row.proposalId,
                  resolution: row.resolution ?? '',
                  window_ends_at: iso(row.windowEndsAt) ?? '',
                  dispute_count: row.disputeCount,
                },
        })),
      };
    },
  );
}
