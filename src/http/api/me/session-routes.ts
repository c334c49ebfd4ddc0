// The signed-in user's browser sessions and password (/api/v1/me/sessions, /api/v1/me/password).
import type { FastifyRequest } from 'fastify';
import { changePassword } from '../../../services/auth/change-password.ts';
import {
  endMySession,
  endOtherSessions,
  listMySessions,
  type SessionView,
} from '../../../services/auth/manage-sessions.ts';
import type { Deps } from '../../../services/deps.ts';
import type { App } from '../../app-type.ts';
import { SIGNED_IN } from '../kit/conventions.ts';
import {
  ChangePasswordBodySchema,
  EndedSessionsSchema,
  SessionListSchema,
  SessionParamsSchema,
} from './session-schemas.ts';

const ME = { tags: ['me'], security: SIGNED_IN };

function presentSession(session: SessionView) {
  return {
    id: session.id,
    created_at: session.createdAt.toISOString(),
    last_seen_at: session.lastSeenAt.toISOString(),
    expires_at: session.expiresAt.toISOString(),
    user_agent: session.userAgent,
    is_current: session.isCurrent,
  };
}

function sessionRequest(request: FastifyRequest) {
  return { actor: request.actor, currentSessionId: request.credentials?.session?.id ?? null };
}

export function registerSessionRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        ...ME,
        summary: 'Your signed-in browser sessions, most recently used first',
        response: { 200: SessionListSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const sessions = await listMySessions(deps, sessionRequest(request));
      return { items: sessions.map(presentSession) };
    },
  );

  app.delete(
    '/api/v1/me/sessions',
    {
      schema: {
        ...ME,
        summary: 'Sign out every other session (the current one stays signed in)',
        response: { 200: EndedSessionsSchema },
      },
    },
    async (request) => ({ ended: await endOtherSessions(deps, sessionRequest(request)) }),
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        ...ME,
        summary: 'Sign out one of your sessions',
        params: SessionParamsSchema,
        response: { 204: { type: 'null', description: 'Signed out' } },
      },
    },
    async (request, reply) => {
      await endMySession(deps, { ...sessionRequest(request), sessionId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        ...ME,
        summary: 'Change your password (from a browser session); signs out your other sessions',
        body: ChangePasswordBodySchema,
        response: { 200: EndedSessionsSchema },
      },
    },
    async (request) => ({
      ended: await changePassword(deps, {
        ...sessionRequest(request),
        currentPassword: request.body.current_password,
        newPassword: request.body.new_password,
      }),
    }),
  );
}
