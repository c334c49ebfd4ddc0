// Audit logs: one question's transitions (visible like the question), and the whole site's.
import { listAuditLog } from '../../../services/audit/list-audit-log.ts';
import type { Deps } from '../../../services/deps.ts';
import { listQuestionAuditLog } from '../../../services/questions/list-question-audit-log.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { PageQuerySchema, presentPage } from '../kit/pagination.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { presentAuditEntry } from './presenters.ts';
import { AuditPageSchema, QUESTION_PAGE_SIZE, QUESTION_TAGS } from './schemas.ts';

const AuditQuerySchema = PageQuerySchema(QUESTION_PAGE_SIZE);

export function registerAuditRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/questions/:id/audit-log',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'Every transition of a question, oldest first',
        params: IdParamsSchema,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      const page = await listQuestionAuditLog(deps, {
        actor: request.actor,
        questionId: request.params.id,
        limit: request.query.limit ?? QUESTION_PAGE_SIZE,
        cursor: request.query.cursor,
      });
      return presentPage(page, presentAuditEntry);
    },
  );

  app.get(
    '/api/v1/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first (a moderator or above)',
        security: SIGNED_IN,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors(403) },
      },
    },
    async (request) => {
      const page = await listAuditLog(deps, {
        actor: request.actor,
        limit: request.query.limit ?? QUESTION_PAGE_SIZE,
        cursor: request.query.cursor,
      });
      return presentPage(page, presentAuditEntry);
    },
  );
}
