// Questions: drafts, review, lifecycle, clarifications, list and search (/api/v1/questions).
import { invalidField } from '../../../domain/errors.ts';
import type { QuestionInput } from '../../../domain/question-fields.ts';
import { QUESTION_STATUSES, type QuestionStatus } from '../../../domain/question-record.ts';
import { listAuditLog } from '../../../services/audit/list-audit-log.ts';
import type { Deps } from '../../../services/deps.ts';
import { getForecastSummary } from '../../../services/forecasts/get-forecast-summary.ts';
import { addQuestionOption } from '../../../services/questions/add-question-option.ts';
import { approveQuestion } from '../../../services/questions/approve-question.ts';
import { clarifyQuestion } from '../../../services/questions/clarify-question.ts';
import { closeQuestion } from '../../../services/questions/close-question.ts';
import { createConditionalQuestions } from '../../../services/questions/create-conditional-questions.ts';
import { createQuestion } from '../../../services/questions/create-question.ts';
import { getQuestionForActor } from '../../../services/questions/find-question.ts';
import { getConditionals } from '../../../services/questions/get-conditionals.ts';
import { listClarifications } from '../../../services/questions/list-clarifications.ts';
import { listQuestionAuditLog } from '../../../services/questions/list-question-audit-log.ts';
import { listQuestions } from '../../../services/questions/list-questions.ts';
import { rejectQuestion } from '../../../services/questions/reject-question.ts';
import { submitQuestion } from '../../../services/questions/submit-question.ts';
import { updateQuestion } from '../../../services/questions/update-question.ts';
import type { App } from '../../app.ts';
import {
  presentAuditEntry,
  presentClarification,
  presentConditionals,
  presentQuestion,
  presentQuestionDetail,
} from './presenters.ts';
import { questionInputFromBody } from './question-input.ts';
import {
  AddOptionBodySchema,
  ApproveBodySchema,
  AuditPageSchema,
  ClarificationPageSchema,
  ClarificationSchema,
  ClarifyBodySchema,
  ConditionalBodySchema,
  ConditionalsSchema,
  CreatedConditionalsSchema,
  CreateQuestionBodySchema,
  ListQuestionsQuerySchema,
  PageQuerySchema,
  QuestionDetailSchema,
  QuestionPageSchema,
  QuestionParamsSchema,
  QuestionSchema,
  RejectBodySchema,
  UpdateQuestionBodySchema,
} from './schemas.ts';

const TAGS = ['questions'];
const SECURITY: Array<Record<string, string[]>> = [{ bearerToken: [] }, { sessionCookie: [] }];

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

function optionalDate(value: string | null | undefined): Date | null | undefined {
  return typeof value === 'string' ? new Date(value) : value;
}

export function registerQuestionRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/questions',
    {
      schema: {
        tags: TAGS,
        summary: 'List and search questions (newest first)',
        querystring: ListQuestionsQuerySchema,
        response: { 200: QuestionPageSchema },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await listQuestions(deps, {
        actor: request.actor,
        statuses: parseStatuses(query.status),
        type: query.type,
        tag: query.tag,
        tournamentId: query.tournament,
        text: query.q,
        isMine: query.mine === true,
        limit: query.limit ?? 20,
        cursor: query.cursor,
      });
      return { items: page.items.map(presentQuestion), next_cursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/questions',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a draft question (analyst or above)',
        security: SECURITY,
        body: CreateQuestionBodySchema,
        response: { 201: QuestionSchema },
      },
    },
    async (request, reply) => {
      const question = await createQuestion(deps, {
        actor: request.actor,
        question: questionInputFromBody(request.body) as QuestionInput,
      });
      reply.status(201);
      return presentQuestion(question);
    },
  );

  app.post(
    '/api/v1/questions/conditionals',
    {
      schema: {
        tags: TAGS,
        summary: 'Make a question conditional on a binary or multiple-choice parent',
        description: 'Creates one branch question per parent outcome (analyst or above).',
        security: SECURITY,
        body: ConditionalBodySchema,
        response: { 201: CreatedConditionalsSchema },
      },
    },
    async (request, reply) => {
      const result = await createConditionalQuestions(deps, {
        actor: request.actor,
        parentId: request.body.parent_id,
        childId: request.body.child_id,
      });
      reply.status(201);
      return {
        parent_id: result.parent.id,
        child_id: result.child.id,
        branches: result.branches.map(presentQuestion),
      };
    },
  );

  app.get(
    '/api/v1/questions/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A question with its visible community prediction and your forecast',
        params: QuestionParamsSchema,
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
        tags: TAGS,
        summary: 'Edit a draft (its author, or a moderator)',
        security: SECURITY,
        params: QuestionParamsSchema,
        body: UpdateQuestionBodySchema,
        response: { 200: QuestionSchema },
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

  app.post(
    '/api/v1/questions/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a draft for review (its author)',
        security: SECURITY,
        params: QuestionParamsSchema,
        response: { 200: QuestionSchema },
      },
    },
    async (request) =>
      presentQuestion(
        await submitQuestion(deps, { actor: request.actor, questionId: request.params.id }),
      ),
  );

  app.post(
    '/api/v1/questions/:id/approve',
    {
      schema: {
        tags: TAGS,
        summary: 'Approve a question in review and fix its times (moderator or above)',
        description:
          'Omitted times fall back to those proposed in the draft. Opens at once when open_time ' +
          'is now or past (open_time then becomes now).',
        security: SECURITY,
        params: QuestionParamsSchema,
        body: ApproveBodySchema,
        response: { 200: QuestionSchema },
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
        tags: TAGS,
        summary: 'Send a question in review back to draft with a note (moderator or above)',
        security: SECURITY,
        params: QuestionParamsSchema,
        body: RejectBodySchema,
        response: { 200: QuestionSchema },
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
    {
      schema: {
        tags: TAGS,
        summary: 'Close an open question now (moderator or above)',
        security: SECURITY,
        params: QuestionParamsSchema,
        response: { 200: QuestionSchema },
      },
    },
    async (request) =>
      presentQuestion(
        await closeQuestion(deps, { actor: request.actor, questionId: request.params.id }),
      ),
  );

  app.post(
    '/api/v1/questions/:id/options',
    {
      schema: {
        tags: TAGS,
        summary: 'Add an option before the catch-all (moderator or above)',
        security: SECURITY,
        params: QuestionParamsSchema,
        body: AddOptionBodySchema,
        response: { 201: QuestionSchema },
      },
    },
    async (request, reply) => {
      const question = await addQuestionOption(deps, {
        actor: request.actor,
        questionId: request.params.id,
        label: request.body.label,
        description: request.body.description,
      });
      reply.status(201);
      return presentQuestion(question);
    },
  );

  app.post(
    '/api/v1/questions/:id/clarifications',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a clarification, optionally amending description or fine print',
        security: SECURITY,
        params: QuestionParamsSchema,
        body: ClarifyBodySchema,
        response: { 201: ClarificationSchema },
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
      reply.status(201);
      return presentClarification({ ...clarification, diff: null });
    },
  );

  app.get(
    '/api/v1/questions/:id/clarifications',
    {
      schema: {
        tags: TAGS,
        summary: 'The clarifications of a question, oldest first, with line diffs',
        params: QuestionParamsSchema,
        response: { 200: ClarificationPageSchema },
      },
    },
    async (request) => {
      const versions = await listClarifications(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      return { items: versions.map(presentClarification), next_cursor: null };
    },
  );

  app.get(
    '/api/v1/questions/:id/audit-log',
    {
      schema: {
        tags: TAGS,
        summary: 'Every transition of a question, oldest first',
        params: QuestionParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      const page = await listQuestionAuditLog(deps, {
        actor: request.actor,
        questionId: request.params.id,
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
      });
      return { items: page.items.map(presentAuditEntry), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/questions/:id/conditionals',
    {
      schema: {
        tags: TAGS,
        summary: "A child question's conditional branches and the implied marginal",
        params: QuestionParamsSchema,
        response: { 200: ConditionalsSchema },
      },
    },
    async (request) =>
      presentConditionals(
        await getConditionals(deps, { actor: request.actor, childId: request.params.id }),
      ),
  );

  app.get(
    '/api/v1/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first (moderator or above)',
        security: SECURITY,
        querystring: PageQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      const page = await listAuditLog(deps, {
        actor: request.actor,
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
      });
      return { items: page.items.map(presentAuditEntry), next_cursor: page.nextCursor };
    },
  );
}
