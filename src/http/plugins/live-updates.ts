// Server-Sent Events: GET /api/v1/questions/{id}/events streams `event: cp` (with `id: <seq>`) after
// every forecast or withdrawal (from any instance, via services/live/cp-updates.ts), with a
// heartbeat comment every 15 s. Streams are capped per client and per instance, and end on client
// disconnect, at shutdown, after LIVE_STREAM_MAX_SECONDS, and when the user they were opened as
// changes (sign-out, ban, role change: `auth_changed`), so a stream never outlives its identity's
// rights for long; browsers reconnect with `Last-Event-ID` and get the current state at once.
// The LISTEN itself lives as long as the database (one per process, shared by every stream).

import { actorUserId } from '../../domain/actor.ts';
import type { AggregationMethod } from '../../domain/aggregation-method.ts';
import { DomainError } from '../../domain/errors.ts';
import { AUTH_CHANGED_CHANNEL } from '../../services/auth/token-cache.ts';
import type { Deps } from '../../services/deps.ts';
import { watchQuestionCp } from '../../services/live/cp-updates.ts';
import { getQuestionForActor } from '../../services/questions/find-question.ts';
import { FORECAST_TAGS, MethodQuerySchema } from '../api/forecasts/schemas.ts';
import { IdParamsSchema, TextResponse } from '../api/kit/schemas.ts';
import type { App } from '../app-type.ts';
import { type LiveStream, LiveStreamRegistry } from './live-stream-registry.ts';

export const HEARTBEAT_INTERVAL_MS = 15_000;

/** One SSE message; `data` is a single JSON line. */
export function sseMessage(event: string, data: unknown, id?: number): string {
  const idLine = id === undefined ? '' : `id: ${id}\n`;
  return `${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** `Last-Event-ID` as a seq, or undefined when absent or not one of ours. */
function lastSeenSeq(header: string | string[] | undefined): number | undefined {
  return typeof header === 'string' && /^(-1|\d{1,9})$/.test(header) ? Number(header) : undefined;
}

export async function registerLiveUpdates(app: App, deps: Deps): Promise<void> {
  const streams = new LiveStreamRegistry();
  const limits = deps.config.liveStreams;

  // A user's sessions, role or ban changed (on any instance): their streams end and reconnect
  // under whatever identity the browser now has. A lost LISTEN may have missed such news.
  const stopListening = await deps.database.listen(
    AUTH_CHANGED_CHANNEL,
    (payload) => streams.endStreamsOf(/^\d{1,15}$/.test(payload) ? Number(payload) : null),
    { onReconnect: () => streams.endStreamsOf(null) },
  );
  app.addHook('onClose', async () => stopListening());

  // Open streams would hold the server open until the shutdown deadline: end them first.
  app.addHook('preClose', async () => streams.endAll());

  app.get(
    '/api/v1/questions/:id/events',
    {
      config: { rateLimit: false },
      schema: {
        tags: FORECAST_TAGS,
        summary: 'Live community prediction (Server-Sent Events)',
        description:
          'text/event-stream. Each change sends `event: cp` with `id: <seq>` and `data: {question_id, seq, method, hidden, entry}` (entry = the last history entry, null while hidden); a `: heartbeat` comment every 15 s. A reconnecting client sends `Last-Event-ID` and gets the current state at once if it changed. Streams end after LIVE_STREAM_MAX_SECONDS and when the signed-in user changes; too many streams from one client get 429, a full instance 503.',
        params: IdParamsSchema,
        querystring: MethodQuerySchema,
        response: { 200: TextResponse('text/event-stream', 'Server-Sent Events until you close') },
      },
    },
    async (request, reply) => {
      const question = await getQuestionForActor(deps, request.params.id, request.actor);
      const method: AggregationMethod = request.query.method ?? 'recency_weighted';
      const userId = actorUserId(request.actor);
      const stream: LiveStream = {
        raw: reply.raw,
        clientKey: userId === null ? `ip:${request.ip}` : `user:${userId}`,
        userId,
      };
      if (streams.size >= limits.total) {
        throw new DomainError('SERVER_BUSY', 'Too many live-update streams on this server.', {
          retry_after_seconds: 30,
        });
      }
      if (streams.countFor(stream.clientKey) >= limits.perClient) {
        throw new DomainError(
          'RATE_LIMITED',
          `At most ${limits.perClient} live-update streams at once; close some first.`,
          { retry_after_seconds: 30 },
        );
      }
      const raw = reply.raw;
      let isOpen = true;
      let heartbeat: NodeJS.Timeout | null = null;
      let lifetime: NodeJS.Timeout | null = null;
      let unwatch: (() => void) | null = null;
      const write = (text: string) => {
        if (isOpen && !raw.writableEnded) raw.write(text);
      };
      const cleanup = () => {
        if (!isOpen) return;
        isOpen = false;
        if (heartbeat) clearInterval(heartbeat);
        if (lifetime) clearTimeout(lifetime);
        unwatch?.();
        streams.remove(stream);
      };
      // Counted before the first await, so a burst of opens cannot slip past the caps.
      streams.add(stream);
      try {
        // Subscribe before answering, so an event committed after the first byte is never missed.
        unwatch = await watchQuestionCp(
          deps,
          {
            actor: request.actor,
            question,
            method,
            sinceSeq: lastSeenSeq(request.headers['last-event-id']),
          },
          (payload) => write(sseMessage('cp', payload, payload.seq)),
        );
      } catch (error) {
        cleanup();
        throw error;
      }
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.id,
      });
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
      // Up to 10 % early, so streams opened together do not all reconnect at once.
      lifetime = setTimeout(() => raw.end(), limits.maxLifetimeMs * (0.9 + Math.random() * 0.1));
      lifetime.unref();
    },
  );
}
