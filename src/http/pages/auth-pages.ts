// Sign in, register and sign out as HTML form posts: the same services as the API, a 303
// redirect on success, the form again with errors beside the fields on failure.
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { logIn } from '../../services/auth/log-in.ts';
import { logOut } from '../../services/auth/log-out.ts';
import { registerUser } from '../../services/auth/register-user.ts';
import type { Deps } from '../../services/deps.ts';
import { RegisterPage, SignInPage } from '../../views/pages/auth-pages.tsx';
import type { App } from '../app-type.ts';
import { clearSessionCookie, setSessionCookie } from '../plugins/auth.ts';
import { rateLimits } from '../plugins/rate-limits.ts';
import { formFailure, safeNext } from './form-errors.ts';
import { sendPage } from './render.ts';

/** Form fields arrive as strings; the services check them (the API's rules, once). */
const formField = (maxLength = 1000) => Type.Optional(Type.String({ maxLength }));

const SignInBody = Type.Object({
  login: formField(),
  password: formField(),
  next: formField(),
  _csrf: formField(),
});

const RegisterBody = Type.Object({
  email: formField(),
  username: formField(),
  password: formField(),
  _csrf: formField(),
});

export function registerAuthPages(app: App, deps: Deps): void {
  app.get<{ Querystring: { next?: string } }>(
    '/login',
    { schema: { hide: true } },
    async (request, reply) =>
      sendPage(request, reply, {
        title: 'Sign in',
        body: h(SignInPage, {
          form: { login: '', next: safeNext(request.query.next), errors: {} },
        }),
      }),
  );

  app.post(
    '/login',
    { config: { rateLimit: rateLimits.login }, schema: { hide: true, body: SignInBody } },
    async (request, reply) => {
      const body = request.body;
      const next = safeNext(body.next);
      const errors: Record<string, string> = {};
      if (!body.login) errors.login = 'Enter your username or email.';
      if (!body.password) errors.password = 'Enter your password.';
      if (Object.keys(errors).length === 0) {
        try {
          const { session } = await logIn(deps, {
            login: body.login!,
            password: body.password!,
            userAgent: request.headers['user-agent'],
          });
          await logOut(deps, request.credentials);
          setSessionCookie(reply, deps.config, session.token, session.expiresAt);
          return reply.redirect(next, 303);
        } catch (error) {
          const failure = formFailure(error);
          errors.password = 'Wrong username, email or password.';
          return sendPage(request, reply, {
            status: failure.status,
            title: 'Sign in',
            body: h(SignInPage, { form: { login: body.login ?? '', next, errors } }),
          });
        }
      }
      return sendPage(request, reply, {
        status: 400,
        title: 'Sign in',
        body: h(SignInPage, { form: { login: body.login ?? '', next, errors } }),
      });
    },
  );

  app.get('/register', { schema: { hide: true } }, async (request, reply) =>
    sendPage(request, reply, {
      title: 'Create your account',
      body: h(RegisterPage, { form: { email: '', username: '', errors: {} } }),
    }),
  );

  app.post(
    '/register',
    { config: { rateLimit: rateLimits.register }, schema: { hide: true, body: RegisterBody } },
    async (request, reply) => {
      const body = request.body;
      const form = { email: body.email ?? '', username: body.username ?? '' };
      try {
        const { session } = await registerUser(deps, {
          email: form.email.trim(),
          username: form.username.trim(),
          password: body.password ?? '',
          userAgent: request.headers['user-agent'],
        });
        await logOut(deps, request.credentials);
        setSessionCookie(reply, deps.config, session.token, session.expiresAt);
        return reply.redirect('/', 303);
      } catch (error) {
        const failure = formFailure(error);
        return sendPage(request, reply, {
          status: failure.status,
          title: 'Create your account',
          body: h(RegisterPage, {
            form: { ...form, errors: failure.fields, formError: failure.formError },
          }),
        });
      }
    },
  );

  app.post(
    '/logout',
    { config: { rateLimit: false }, schema: { hide: true } },
    async (request, reply) => {
      await logOut(deps, request.credentials);
      clearSessionCookie(reply, deps.config);
      return reply.redirect('/', 303);
    },
  );
}
