// The review and lifecycle steps of a question: submit, approve or reject, close early.
import type { Deps } from '../../../services/deps.ts';
import { approveQuestion } from '../../../services/questions/approve-question.ts';
import { closeQuestion } from '../../../services/questions/close-question.ts';
import { rejectQuestion } from '../../../services/questions/reject-question.ts';
import { submitQuestion } from '../../../services/questions/submit-question.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { OPTIONAL_BODY } from '../kit/openapi.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { presentQuestion } from './presenters.ts';
import { ApproveBodySchema, QUESTION_TAGS, QuestionSchema, RejectBodySchema } from './schemas.ts';

/** Every step answers the question as it now is, or 409 from the wrong state. */
const step = {
  tags: QUESTION_TAGS,
  security: SIGNED_IN,
  params: IdParamsSchema,
  response: { 200: QuestionSchema, ...errors(409) },
};

function optionalDate(value: string | null | undefined): Date | null | undefined {
  return typeof value === 'string' ? new Date(value) : value;
}

export function registerReviewRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/questions/:id/submit',
    { schema: { ...step, summary: 'Send a draft for review (its author)' } },
    async (request) =>
      presentQuestion(
        await submitQuestion(deps, { actor: request.actor, questionId: request.params.id }),
      ),
  );

  app.post(
    '/api/v1/questions/:id/approve',
    {
      schema: {
        ...step,
        summary: 'Approve a question in review and fix its times (a moderator or above)',
        description:
          'Omitted times fall back to those proposed in the draft. Opens at once when open_time ' +
          'is now or past (open_time then becomes now). The body is optional.',
        [OPTIONAL_BODY]: true,
        body: ApproveBodySchema,
      },
    },
    async (request) => {
      const body = request.body;
      const question = await approveQuestion(deps, {
        actor: request.actor,
        questionId: request.params.id,
        openTime: optionalDate(body.open_time) ?? undefined,
        scheduledCloseTime: optionalDate(body.scheduled_close_time) ?? undefined,
        scheduledResolveTime: optionalDate(body.scheduled_resolve_time) ?? undefined,
        cpRevealTime: optionalDate(body.cp_reveal_time),
      });
      return presentQuestion(question);
    },
  );

  app.post(
    '/api/v1/questions/:id/reject',
    {
      schema: {
        ...step,
        summary: 'Send a question in review back to draft with a note (a moderator or above)',
        body: RejectBodySchema,
      },
    },
    async (request) =>
      presentQuestion(
        await rejectQuestion(deps, {
          actor: request.actor,
          questionId: request.params.id,
          note: request.body.note,
        }),
      ),
  );

  app.post(
    '/api/v1/questions/:id/close',
    { schema: { ...step, summary: 'Close an open question now (a moderator or above)' } },
    async (request) =>
      presentQuestion(
        await closeQuestion(deps, { actor: request.actor, questionId: request.params.id }),
      ),
  );
}
