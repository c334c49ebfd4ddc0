// Helpers every page route uses: the page context of a request, and sending a rendered page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../../views/page-context.ts';
import { type PageOptions, renderPage } from '../../views/render-page.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for page requests of signed-in sessions by registerPages' preHandler. */
    unreadNotifications?: number;
  }
}

export function pageContext(request: FastifyRequest): PageContext {
  const actor = request.actor;
  const session = request.credentials?.session;
  return {
    // Pages are for browser sessions; a Bearer token is an API client, shown the guest header.
    viewer:
      actor?.kind === 'user' && session
        ? {
            userId: actor.userId,
            username: actor.username,
            role: actor.role,
            csrfToken: session.csrfToken,
            unreadNotifications: request.unreadNotifications ?? 0,
          }
        : null,
    assets: request.server.assets,
    path: request.url.split('?')[0] ?? '/',
  };
}

export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions & { status?: number },
): FastifyReply {
  return sendHtml(reply, renderPage(pageContext(request), options), options);
}

/** Sends a rendered page (also one rendered for an earlier request: headers are set here). */
export function sendHtml(
  reply: FastifyReply,
  html: string,
  options: { status?: number; isPrivate?: boolean } = {},
): FastifyReply {
  // Pages show per-viewer content (header, CSRF tokens): never stored by shared caches.
  reply.header('cache-control', options.isPrivate ? 'no-store' : 'private, no-cache');
  return reply
    .status(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(html);
}
