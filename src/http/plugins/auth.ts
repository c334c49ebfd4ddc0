// Finds the actor of each request (session cookie + CSRF, or Bearer token) as `request.actor`,
// and enforces CSRF on cookie-authenticated state changes. Also installs the rate limits, which
// key on the actor and so must run after it is known.
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { authenticateApiToken } from '../../services/auth/authenticate-api-token.ts';
import { authenticateSession } from '../../services/auth/authenticate-session.ts';
import type { Authentication } from '../../services/auth/authentication.ts';
import { secretsEqual } from '../../services/auth/secrets.ts';
import { listenForAuthChanges } from '../../services/auth/token-cache.ts';
import { tokenUsesFor } from '../../services/auth/token-uses.ts';
import type { Deps } from '../../services/deps.ts';
import type { App } from '../app-type.ts';
import { registerRateLimits } from './rate-limits.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route checks its own credential (/metrics and its METRICS_TOKEN): no actor lookup. */
    hasOwnAuthentication?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor was proven (session details for cookie requests); null when anonymous. */
    credentials: Authentication | null;
  }
}

export const SESSION_COOKIE = 'brier_session';
export const CSRF_HEADER = 'x-csrf-token';
/** HTML forms send the CSRF token as this field instead of the header. */
export const CSRF_FORM_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Our secrets are 43–49 characters; anything much longer is not worth hashing. */
const MAX_SECRET_LENGTH = 256;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * True when the browser says the request comes from another site: `Sec-Fetch-Site` (every current
 * browser), or else an `Origin` whose host name is not ours. Clients that send neither (curl, servers,
 * old browsers) are not browsers being abused by another page.
 */
function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    // Host names only: behind a TLS proxy the scheme and port we see differ from the browser's.
    return new URL(origin).hostname !== request.hostname;
  } catch {
    return true;
  }
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.isSecureCookies,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.isSecureCookies,
  });
}

export async function registerAuth(app: App, deps: Deps): Promise<void> {
  await app.register(fastifyCookie);
  // Revocations, bans and role changes made by other instances reach this one's token cache.
  const stopListening = await listenForAuthChanges(deps);
  app.addHook('onClose', async () => {
    await stopListening();
    // Before the database closes: the token uses noted since the last write (token-uses.ts).
    await tokenUsesFor(deps).flush();
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('credentials', null);

  // Anonymous state changes (sign-in and registration forms, the API's login) carry no CSRF
  // token, so a page on another site must not be able to make them: that would sign a victim
  // into the attacker's account (login CSRF). Browsers say where a request comes from.
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.headers.authorization !== undefined) return;
    if (isCrossSite(request)) {
      throw new DomainError(
        'CSRF_FAILED',
        'Requests from other sites cannot change anything here.',
      );
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.hasOwnAuthentication) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      // An explicit credential that does not work is an error, never a silent fallback.
      const match = BEARER.exec(authorization);
      if (!match || match[1]!.length > MAX_SECRET_LENGTH) {
        throw new DomainError('UNAUTHENTICATED', 'Send "Authorization: Bearer <API token>".');
      }
      const authentication = await authenticateApiToken(deps, { token: match[1]! });
      request.actor = authentication.actor;
      request.credentials = authentication;
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!sessionToken) return;
    const authentication =
      sessionToken.length <= MAX_SECRET_LENGTH
        ? await authenticateSession(deps, { sessionToken })
        : null;
    if (!authentication?.session) {
      // Expired, logged out or forged: carry on anonymously and let the browser forget it.
      clearSessionCookie(reply, deps.config);
      return;
    }
    request.actor = authentication.actor;
    request.credentials = authentication;
    if (authentication.session.isRefreshed) {
      setSessionCookie(reply, deps.config, sessionToken, authentication.session.expiresAt);
    }
  });

  // After body parsing (HTML forms carry the token in the body), before validation and handler.
  app.addHook('preValidation', async (request) => {
    const session = request.credentials?.session;
    if (!session || SAFE_METHODS.has(request.method)) return;
    const header = request.headers[CSRF_HEADER];
    const body = request.body as Record<string, unknown> | null | undefined;
    const field = body && typeof body === 'object' ? body[CSRF_FORM_FIELD] : undefined;
    const given = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
    if (!secretsEqual(session.csrfToken, given)) {
      throw new DomainError(
        'CSRF_FAILED',
        `Cookie-authenticated changes need the ${CSRF_HEADER} header from GET /api/v1/auth/csrf.`,
      );
    }
  });

  await registerRateLimits(app, deps);
}
