// Server-Sent Events: GET /api/v1/questions/{id}/events streams `event: cp` after every forecast or
// withdrawal (from any instance, via services/live/cp-updates.ts), with a heartbeat comment every
// 15 s; streams end on client disconnect and when the server shuts down. The LISTEN itself lives
// as long as the database (one per process, shared by every stream).
import type { ServerResponse } from 'node:http';
import type { AggregationMethod } from '../../domain/aggregation-method.ts';
import type { Deps } from '../../services/deps.ts';
import { watchQuestionCp } from '../../services/live/cp-updates.ts';
import { getQuestionForActor } from '../../services/questions/find-question.ts';
import { FORECAST_TAGS, MethodQuerySchema } from '../api/forecasts/schemas.ts';
import { IdParamsSchema, TextResponse } from '../api/kit/schemas.ts';
import type { App } from '../app-type.ts';

export const HEARTBEAT_INTERVAL_MS = 15_000;

/** One SSE message; `data` is a single JSON line. */
export function sseMessage(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function registerLiveUpdates(app: App, deps: Deps): void {
  const streams = new Set<ServerResponse>();

  // Open streams would hold the server open until the shutdown deadline: end them first.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
    streams.clear();
  });

  app.get(
    '/api/v1/questions/:id/events',
    {
      config: { rateLimit: false },
      schema: {
        tags: FORECAST_TAGS,
        summary: 'Live community prediction (Server-Sent Events)',
        description:
          'text/event-stream. Each change sends `event: cp` with `data: {question_id, seq, method, hidden, entry}` (entry = the last history entry, null while hidden); a `: heartbeat` comment every 15 s.',
        params: IdParamsSchema,
        querystring: MethodQuerySchema,
        response: { 200: TextResponse('text/event-stream', 'Server-Sent Events until you close') },
      },
    },
    async (request, reply) => {
      const question = await getQuestionForActor(deps, request.params.id, request.actor);
      const method: AggregationMethod = request.query.method ?? 'recency_weighted';
      const raw = reply.raw;
      let isOpen = true;
      let heartbeat: NodeJS.Timeout | null = null;
      let unwatch: (() => void) | null = null;
      const write = (text: string) => {
        if (isOpen && !raw.writableEnded) raw.write(text);
      };
      const cleanup = () => {
        if (!isOpen) return;
        isOpen = false;
        if (heartbeat) clearInterval(heartbeat);
        unwatch?.();
        streams.delete(raw);
      };
      // Subscribe before answering, so an event committed after the first byte is never missed.
      unwatch = await watchQuestionCp(deps, { actor: request.actor, question, method }, (payload) =>
        write(sseMessage('cp', payload)),
      );
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.id,
      });
      streams.add(raw);
      raw.on('close', cleanup);
      request.raw.on('close', cleanup);
      // The client may have gone while we subscribed: then no 'close' event is coming.
      if (raw.destroyed || request.raw.destroyed) {
        cleanup();
        return;
      }
      raw.write(`retry: 3000\n: subscribed to question ${question.id}\n\n`);
      heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_INTERVAL_MS);
      heartbeat.unref();
    },
  );
}
