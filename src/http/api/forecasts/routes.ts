// Forecasts, community prediction history, live events and exports (/api/v1/questions/{id}/…).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidField } from '../../../domain/errors.ts';
import type { ForecastValuesInput } from '../../../domain/forecast-values.ts';
import type { Deps } from '../../../services/deps.ts';
import type { CpEventResult } from '../../../services/forecasts/cp-transaction.ts';
import { exportForecastsCsv, exportHistoryCsv } from '../../../services/forecasts/export-csv.ts';
import { exportQuestionBundle } from '../../../services/forecasts/export-question-bundle.ts';
import { getCpAtTime } from '../../../services/forecasts/get-cp-at-time.ts';
import { getCpHistory } from '../../../services/forecasts/get-cp-history.ts';
import { listMyForecasts } from '../../../services/forecasts/list-my-forecasts.ts';
import { reaffirmForecast } from '../../../services/forecasts/reaffirm-forecast.ts';
import { submitForecast } from '../../../services/forecasts/submit-forecast.ts';
import { withdrawForecast } from '../../../services/forecasts/withdraw-forecast.ts';
import type { App } from '../../app.ts';
import { registerLiveUpdates } from '../../plugins/live-updates.ts';
import { rateLimits } from '../../plugins/rate-limits.ts';
import {
  CpAtQuerySchema,
  CpAtSchema,
  ForecastBodySchema,
  ForecastCreatedSchema,
  ForecastPageSchema,
  HistoryQuerySchema,
  HistorySchema,
  IdempotencyHeadersSchema,
  MethodQuerySchema,
  PageQuerySchema,
  QuestionIdParamsSchema,
  WithdrawnSchema,
} from './schemas.ts';

const TAGS = ['forecasts'];
const SECURITY: Array<Record<string, string[]>> = [{ bearerToken: [] }, { sessionCookie: [] }];

function idempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (Array.isArray(header)) {
    throw invalidField('headers/idempotency-key', 'send the header once');
  }
  return header;
}

function send(reply: FastifyReply, result: CpEventResult) {
  return reply.status(result.statusCode).send(result.body);
}

function optionalDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

/** Reaffirm takes an optional body: none, `{}` or `{end_time}`. */
function reaffirmEndTime(body: unknown): Date | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidField('/', 'must be an object');
  }
  for (const key of Object.keys(body)) {
    if (key !== 'end_time') throw invalidField(`/${key}`, 'must NOT have additional properties');
  }
  const endTime = (body as { end_time?: unknown }).end_time;
  if (endTime === undefined) return undefined;
  const time = typeof endTime === 'string' ? Date.parse(endTime) : Number.NaN;
  if (
    typeof endTime !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(endTime) ||
    Number.isNaN(time)
  ) {
    throw invalidField('/end_time', 'must match format "date-time"');
  }
  return new Date(time);
}

function attachment(reply: FastifyReply, filename: string, type: string) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store');
}

export function registerForecastRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/questions/:id/forecasts',
    {
      config: { rateLimit: rateLimits.forecast },
      schema: {
        tags: TAGS,
        summary: 'Forecast (replaces your standing forecast)',
        description:
          'Send exactly one of probability_yes (binary), probability_yes_per_category (multiple choice), continuous_cdf or components (continuous). Idempotency-Key makes retries safe.',
        security: SECURITY,
        params: QuestionIdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: ForecastBodySchema,
        response: { 201: ForecastCreatedSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const values: ForecastValuesInput = {
        probabilityYes: body.probability_yes,
        probabilityYesPerCategory: body.probability_yes_per_category,
        continuousCdf: body.continuous_cdf,
        components: body.components,
        normalize: body.normalize,
      };
      const result = await submitForecast(deps, {
        actor: request.actor,
        questionId: request.params.id,
        values,
        endTime: optionalDate(body.end_time),
        idempotencyKey: idempotencyKey(request),
      });
      return send(reply, result);
    },
  );

  app.delete(
    '/api/v1/questions/:id/forecasts/mine',
    {
      config: { rateLimit: rateLimits.forecast },
      schema: {
        tags: TAGS,
        summary: 'Withdraw your standing forecast',
        security: SECURITY,
        params: QuestionIdParamsSchema,
        headers: IdempotencyHeadersSchema,
        response: { 200: WithdrawnSchema },
      },
    },
    async (request, reply) => {
      const result = await withdrawForecast(deps, {
        actor: request.actor,
        questionId: request.params.id,
        idempotencyKey: idempotencyKey(request),
      });
      return send(reply, result);
    },
  );

  app.post(
    '/api/v1/questions/:id/forecasts/mine/reaffirm',
    {
      config: { rateLimit: rateLimits.forecast },
      schema: {
        tags: TAGS,
        summary: 'Re-submit your standing forecast with a new start time',
        description: 'Optional body `{end_time}`.',
        security: SECURITY,
        params: QuestionIdParamsSchema,
        headers: IdempotencyHeadersSchema,
        response: { 201: ForecastCreatedSchema },
      },
    },
    async (request, reply) => {
      const result = await reaffirmForecast(deps, {
        actor: request.actor,
        questionId: request.params.id,
        endTime: reaffirmEndTime(request.body),
        idempotencyKey: idempotencyKey(request),
      });
      return send(reply, result);
    },
  );

  app.get(
    '/api/v1/questions/:id/forecasts/mine',
    {
      schema: {
        tags: TAGS,
        summary: 'Your forecast history on a question (newest first)',
        security: SECURITY,
        params: QuestionIdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: ForecastPageSchema },
      },
    },
    async (request) =>
      listMyForecasts(deps, {
        actor: request.actor,
        questionId: request.params.id,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    '/api/v1/questions/:id/history',
    {
      schema: {
        tags: TAGS,
        summary: 'Community prediction history (downsampled for charts)',
        params: QuestionIdParamsSchema,
        querystring: HistoryQuerySchema,
        response: { 200: HistorySchema },
      },
    },
    async (request) =>
      getCpHistory(deps, {
        actor: request.actor,
        questionId: request.params.id,
        method: request.query.method,
        points: request.query.points,
      }),
  );

  app.get(
    '/api/v1/questions/:id/cp',
    {
      schema: {
        tags: TAGS,
        summary: 'Community prediction at an instant (docs/maths.md §7 at-time query)',
        params: QuestionIdParamsSchema,
        querystring: CpAtQuerySchema,
        response: { 200: CpAtSchema },
      },
    },
    async (request) =>
      getCpAtTime(deps, {
        actor: request.actor,
        questionId: request.params.id,
        at: optionalDate(request.query.at),
        method: request.query.method,
      }),
  );

  app.get(
    '/api/v1/questions/:id/bundle',
    {
      schema: {
        tags: TAGS,
        summary:
          'The question and its forecasts as a docs/maths.md §16.1 bundle (brier aggregate input)',
        params: QuestionIdParamsSchema,
      },
    },
    async (request, reply) => {
      const bundle = await exportQuestionBundle(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      return reply.type('application/json; charset=utf-8').send(bundle);
    },
  );

  app.get(
    '/api/v1/questions/:id/history.csv',
    {
      schema: {
        tags: TAGS,
        summary: 'Community prediction history as CSV (full resolution)',
        params: QuestionIdParamsSchema,
        querystring: MethodQuerySchema,
      },
    },
    async (request, reply) => {
      const csv = await exportHistoryCsv(deps, {
        actor: request.actor,
        questionId: request.params.id,
        method: request.query.method,
      });
      return attachment(
        reply,
        `question-${request.params.id}-history.csv`,
        'text/csv; charset=utf-8',
      ).send(csv);
    },
  );

  app.get(
    '/api/v1/questions/:id/forecasts.csv',
    {
      schema: {
        tags: TAGS,
        summary: 'Every forecast as CSV, forecasters pseudonymised',
        params: QuestionIdParamsSchema,
      },
    },
    async (request, reply) => {
      const csv = await exportForecastsCsv(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      return attachment(
        reply,
        `question-${request.params.id}-forecasts.csv`,
        'text/csv; charset=utf-8',
      ).send(csv);
    },
  );

  registerLiveUpdates(app, deps);
}
