// Questions (/api/v1/questions): list and search, drafts and their edits; the review, amendment,
// conditional and audit routes live beside this file and are registered from here.
import { invalidField } from '../../../domain/errors.ts';
import type { QuestionInput } from '../../../domain/question-fields.ts';
import { QUESTION_STATUSES, type QuestionStatus } from '../../../domain/question-record.ts';
import type { Deps } from '../../../services/deps.ts';
import { getForecastSummary } from '../../../services/forecasts/get-forecast-summary.ts';
import { createQuestion } from '../../../services/questions/create-question.ts';
import { getQuestionForActor } from '../../../services/questions/find-question.ts';
import { listQuestions } from '../../../services/questions/list-questions.ts';
import { updateQuestion } from '../../../services/questions/update-question.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { presentPage } from '../kit/pagination.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { registerAmendmentRoutes } from './amendment-routes.ts';
import { registerAuditRoutes } from './audit-routes.ts';
import { registerConditionalRoutes } from './conditional-routes.ts';
import { presentQuestion, presentQuestionDetail } from './presenters.ts';
import { questionInputFromBody } from './question-input.ts';
import { registerReviewRoutes } from './review-routes.ts';
import {
  CreateQuestionBodySchema,
  ListQuestionsQuerySchema,
  QUESTION_PAGE_SIZE,
  QUESTION_TAGS,
  QuestionDetailSchema,
  QuestionPageSchema,
  QuestionSchema,
  UpdateQuestionBodySchema,
} from './schemas.ts';

function parseStatuses(raw: string | undefined): QuestionStatus[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const statuses = raw.split(',').map((part) => part.trim());
  for (const status of statuses) {
    if (!QUESTION_STATUSES.includes(status as QuestionStatus)) {
      throw invalidField('querystring/status', `unknown status "${status.slice(0, 40)}"`);
    }
  }
  return statuses as QuestionStatus[];
}

export function registerQuestionRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/questions',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'List and search questions (newest first)',
        querystring: ListQuestionsQuerySchema,
        response: { 200: QuestionPageSchema },
      },
    },
    async (request) => {
      const { status, tournament, q, mine, ...filters } = request.query;
      const page = await listQuestions(deps, {
        ...filters,
        actor: request.actor,
        statuses: parseStatuses(status),
        tournamentId: tournament,
        text: q,
        isMine: mine === true,
        limit: filters.limit ?? QUESTION_PAGE_SIZE,
      });
      return presentPage(page, presentQuestion);
    },
  );

  app.post(
    '/api/v1/questions',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'Create a draft question (an analyst or above)',
        security: SIGNED_IN,
        body: CreateQuestionBodySchema,
        response: { 201: QuestionSchema },
      },
    },
    async (request, reply) => {
      const question = await createQuestion(deps, {
        actor: request.actor,
        question: questionInputFromBody(request.body) as QuestionInput,
      });
      return reply.status(201).send(presentQuestion(question));
    },
  );

  app.get(
    '/api/v1/questions/:id',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'A question with its visible community prediction and your forecast',
        params: IdParamsSchema,
        response: { 200: QuestionDetailSchema },
      },
    },
    async (request) => {
      const question = await getQuestionForActor(deps, request.params.id, request.actor);
      const summary = await getForecastSummary(deps, question, request.actor);
      return presentQuestionDetail(question, summary);
    },
  );

  app.patch(
    '/api/v1/questions/:id',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'Edit a draft (its author, or a moderator)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        body: UpdateQuestionBodySchema,
        response: { 200: QuestionSchema, ...errors(409) },
      },
    },
    async (request) => {
      const question = await updateQuestion(deps, {
        actor: request.actor,
        questionId: request.params.id,
        patch: questionInputFromBody(request.body),
      });
      return presentQuestion(question);
    },
  );

  registerReviewRoutes(app, deps);
  registerAmendmentRoutes(app, deps);
  registerConditionalRoutes(app, deps);
  registerAuditRoutes(app, deps);
}
