// The community prediction of a question, for anyone who may see it: history, at-time query, and
// the downloads (the docs/maths.md §16.1 bundle and two CSVs).
import type { FastifyReply } from 'fastify';
import type { Deps } from '../../../services/deps.ts';
import { exportForecastsCsv, exportHistoryCsv } from '../../../services/forecasts/export-csv.ts';
import { exportQuestionBundle } from '../../../services/forecasts/export-question-bundle.ts';
import { getCpAtTime } from '../../../services/forecasts/get-cp-at-time.ts';
import { getCpHistory } from '../../../services/forecasts/get-cp-history.ts';
import type { App } from '../../app-type.ts';
import { errors } from '../kit/conventions.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import {
  BundleResponse,
  CpAtQuerySchema,
  CpAtSchema,
  CsvSchema,
  FORECAST_TAGS,
  HistoryQuerySchema,
  HistorySchema,
  MethodQuerySchema,
} from './schemas.ts';

/** Each answers 403 CP_HIDDEN while the CP is hidden from the reader. */
const read = { tags: FORECAST_TAGS, params: IdParamsSchema };

function attachment(reply: FastifyReply, filename: string, text: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(text);
}

export function registerHistoryRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/questions/:id/history',
    {
      schema: {
        ...read,
        summary: 'Community prediction history (downsampled for charts)',
        querystring: HistoryQuerySchema,
        response: { 200: HistorySchema, ...errors(403) },
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
        ...read,
        summary: 'Community prediction at an instant (docs/maths.md §7 at-time query)',
        querystring: CpAtQuerySchema,
        response: { 200: CpAtSchema, ...errors(403) },
      },
    },
    async (request) =>
      getCpAtTime(deps, {
        actor: request.actor,
        questionId: request.params.id,
        at: request.query.at === undefined ? undefined : new Date(request.query.at),
        method: request.query.method,
      }),
  );

  app.get(
    '/api/v1/questions/:id/bundle',
    {
      schema: {
        ...read,
        summary:
          'The question and its forecasts as a docs/maths.md §16.1 bundle (brier aggregate input)',
        response: { 200: BundleResponse, ...errors(403) },
      },
    },
    async (request, reply) => {
      const bundle = await exportQuestionBundle(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(bundle));
    },
  );

  app.get(
    '/api/v1/questions/:id/history.csv',
    {
      schema: {
        ...read,
        summary: 'Community prediction history as CSV (full resolution)',
        querystring: MethodQuerySchema,
        response: { 200: CsvSchema, ...errors(403) },
      },
    },
    async (request, reply) => {
      const csv = await exportHistoryCsv(deps, {
        actor: request.actor,
        questionId: request.params.id,
        method: request.query.method,
      });
      return attachment(reply, `question-${request.params.id}-history.csv`, csv);
    },
  );

  app.get(
    '/api/v1/questions/:id/forecasts.csv',
    {
      schema: {
        ...read,
        summary: 'Every forecast as CSV, forecasters pseudonymised',
        response: { 200: CsvSchema, ...errors(403) },
      },
    },
    async (request, reply) => {
      const csv = await exportForecastsCsv(deps, {
        actor: request.actor,
        questionId: request.params.id,
      });
      return attachment(reply, `question-${request.params.id}-forecasts.csv`, csv);
    },
  );
}
