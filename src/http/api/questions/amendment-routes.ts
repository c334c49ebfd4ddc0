// Changes to an approved question: new options, clarifications (and reading them back).
import type { Deps } from '../../../services/deps.ts';
import { addQuestionOption } from '../../../services/questions/add-question-option.ts';
import { clarifyQuestion } from '../../../services/questions/clarify-question.ts';
import { listClarifications } from '../../../services/questions/list-clarifications.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { presentPage } from '../kit/pagination.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { presentClarification, presentQuestion } from './presenters.ts';
import {
  AddOptionBodySchema,
  ClarificationPageSchema,
  ClarificationSchema,
  ClarifyBodySchema,
  QUESTION_TAGS,
  QuestionSchema,
} from './schemas.ts';

export function registerAmendmentRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/questions/:id/options',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'Add an option before the catch-all (a moderator or above)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        body: AddOptionBodySchema,
        response: { 201: QuestionSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      const question = await addQuestionOption(deps, {
        actor: request.actor,
        questionId: request.params.id,
        label: request.body.label,
        description: request.body.description,
      });
      return reply.status(201).send(presentQuestion(question));
    },
  );

  app.post(
    '/api/v1/questions/:id/clarifications',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'Add a clarification, optionally amending description or fine print',
        security: SIGNED_IN,
        params: IdParamsSchema,
        body: ClarifyBodySchema,
        response: { 201: ClarificationSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      const clarification = await clarifyQuestion(deps, {
        actor: request.actor,
        questionId: request.params.id,
        body: request.body.body,
        field: request.body.field,
        newText: request.body.new_text,
      });
      return reply.status(201).send(presentClarification({ ...clarification, diff: null }));
    },
  );

  app.get(
    '/api/v1/questions/:id/clarifications',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'The clarifications of a question, oldest first, with line diffs',
        params: IdParamsSchema,
        response: { 200: ClarificationPageSchema },
      },
    },
    async (request) => {
      const versions = await listClarifications(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      // One page holds them all (a question has few); the shape is that of every list.
      return presentPage({ items: versions, nextCursor: null }, presentClarification);
    },
  );
}
