// Registration, login, logout and CSRF token routes (/api/v1/auth/*).
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import type { User } from '../../../domain/user.ts';
import { registerAccount } from '../../../services/auth/account-emails.ts';
import { logIn } from '../../../services/auth/log-in.ts';
import { logOut } from '../../../services/auth/log-out.ts';
import type { NewSession } from '../../../services/auth/start-session.ts';
import type { Deps } from '../../../services/deps.ts';
import type { App } from '../../app-type.ts';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth.ts';
import { rateLimits } from '../../plugins/rate-limits.ts';
import { errors } from '../kit/conventions.ts';
import { presentOwnUser } from '../users/presenters.ts';
import { CheckEmailSchema } from './account-email-routes.ts';
import { CsrfSchema, LoginBodySchema, RegisterBodySchema, SignedInSchema } from './schemas.ts';

type SignedIn = { user: User; session: NewSession };

/**
 * Login and registration take JSON only: a form on another site can post form-encoded or plain
 * text without asking, but JSON needs a CORS preflight that this server never grants.
 */
const jsonOnly: onRequestHookHandler = (request, _reply, done) => {
  const type = request.headers['content-type'] ?? '';
  done(
    /^application\/json\s*(;|$)/i.test(type)
      ? undefined
      : new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json.'),
  );
};

export function registerAuthRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/auth/register',
    {
      config: { rateLimit: rateLimits.register },
      onRequest: jsonOnly,
      schema: {
        tags: ['auth'],
        summary: 'Create an account (role reader) and sign in',
        description:
          'Without e-mail (no SMTP_URL): 201, signed in; 409 when the username or address is ' +
          'taken. With e-mail: 202 `check_email` whether the address is new or taken (the mail ' +
          'tells its owner), and no session: confirm the address, then sign in. A taken ' +
          'username is still a 409 (usernames are public).',
        body: RegisterBodySchema,
        response: { 201: SignedInSchema, 202: CheckEmailSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      const outcome = await registerAccount(deps, {
        ...request.body,
        userAgent: request.headers['user-agent'],
      });
      if (outcome.kind === 'check_email') {
        return reply.status(202).send({ status: 'check_email' as const });
      }
      return reply.status(201).send(await signIn(request, reply, outcome));
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: rateLimits.login },
      onRequest: jsonOnly,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username or email and password (sets the session cookie)',
        body: LoginBodySchema,
        response: { 200: SignedInSchema },
      },
    },
    async (request, reply) =>
      signIn(
        request,
        reply,
        await logIn(deps, { ...request.body, userAgent: request.headers['user-agent'] }),
      ),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['auth'],
        summary: 'End the current session and clear its cookie',
        response: { 204: { type: 'null', description: 'Signed out' } },
      },
    },
    async (request, reply) => {
      await logOut(deps, request.credentials);
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/csrf',
    {
      schema: {
        tags: ['auth'],
        summary: 'The CSRF token to send as x-csrf-token on cookie-authenticated writes',
        response: { 200: CsrfSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { csrf_token: request.credentials?.session?.csrfToken ?? null };
    },
  );

  /** The new session replaces the one the browser had: its cookie, and the CSRF token to use. */
  async function signIn(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn) {
    await logOut(deps, request.credentials);
    const { user, session } = signedIn;
    setSessionCookie(reply, deps.config, session.token, session.expiresAt);
    return { user: presentOwnUser(user), csrf_token: session.csrfToken };
  }
}
