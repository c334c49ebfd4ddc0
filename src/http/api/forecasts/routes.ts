// Your forecasts on a question (/api/v1/questions/{id}/forecasts…): make, withdraw, reaffirm, list.
// The community prediction's history, exports and live stream are registered from here too.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidField } from '../../../domain/errors.ts';
import type { Deps } from '../../../services/deps.ts';
import type { CpEventResult } from '../../../services/forecasts/cp-transaction.ts';
import { listMyForecasts } from '../../../services/forecasts/list-my-forecasts.ts';
import { reaffirmForecast } from '../../../services/forecasts/reaffirm-forecast.ts';
import { submitForecast } from '../../../services/forecasts/submit-forecast.ts';
import { withdrawForecast } from '../../../services/forecasts/withdraw-forecast.ts';
import type { App } from '../../app-type.ts';
import { registerLiveUpdates } from '../../plugins/live-updates.ts';
import { rateLimits } from '../../plugins/rate-limits.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { OPTIONAL_BODY } from '../kit/openapi.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { registerHistoryRoutes } from './history-routes.ts';
import {
  FORECAST_TAGS,
  ForecastBodySchema,
  ForecastCreatedSchema,
  ForecastPageQuerySchema,
  ForecastPageSchema,
  IdempotencyHeadersSchema,
  ReaffirmBodySchema,
  WithdrawnSchema,
} from './schemas.ts';

/** What the three forecast writes share: who, which question, retries, their own rate limit. */
const write = {
  config: { rateLimit: rateLimits.forecast },
  schema: {
    tags: FORECAST_TAGS,
    security: SIGNED_IN,
    params: IdParamsSchema,
    headers: IdempotencyHeadersSchema,
  },
};

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

export async function registerForecastRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/questions/:id/forecasts',
    {
      ...write,
      schema: {
        ...write.schema,
        summary: 'Forecast (replaces your standing forecast)',
        description:
          'Send exactly one of probability_yes (binary), probability_yes_per_category (multiple choice), continuous_cdf or components (continuous). Idempotency-Key makes retries safe.',
        body: ForecastBodySchema,
        response: { 201: ForecastCreatedSchema, ...errors(409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await submitForecast(deps, {
        actor: request.actor,
        questionId: request.params.id,
        values: {
          probabilityYes: body.probability_yes,
          probabilityYesPerCategory: body.probability_yes_per_category,
          continuousCdf: body.continuous_cdf,
          components: body.components,
          normalize: body.normalize,
        },
        endTime: optionalDate(body.end_time),
        idempotencyKey: idempotencyKey(request),
      });
      return send(reply, result);
    },
  );

  app.delete(
    '/api/v1/questions/:id/forecasts/mine',
    {
      ...write,
      schema: {
        ...write.schema,
        summary: 'Withdraw your standing forecast',
        response: { 200: WithdrawnSchema, ...errors(409, 422) },
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
      ...write,
      schema: {
        ...write.schema,
        summary: 'Re-submit your standing forecast with a new start time',
        description: 'The body is optional: none, `{}` or `{end_time}`.',
        [OPTIONAL_BODY]: true,
        body: ReaffirmBodySchema,
        response: { 201: ForecastCreatedSchema, ...errors(409, 422) },
      },
    },
    async (request, reply) => {
      const result = await reaffirmForecast(deps, {
        actor: request.actor,
        questionId: request.params.id,
        endTime: optionalDate(request.body.end_time),
        idempotencyKey: idempotencyKey(request),
      });
      return send(reply, result);
    },
  );

  app.get(
    '/api/v1/questions/:id/forecasts/mine',
    {
      schema: {
        tags: FORECAST_TAGS,
        summary: 'Your forecast history on a question (newest first)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        querystring: ForecastPageQuerySchema,
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

  registerHistoryRoutes(app, deps);
  await registerLiveUpdates(app, deps);
}
