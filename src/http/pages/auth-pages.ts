// Sign in, register and sign out as HTML form posts: the same services as the API, a 303
// redirect on success, the form again with errors beside the fields on failure.
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import {
  isPasswordResetTokenUsable,
  registerAccount,
  requestPasswordReset,
  resetPassword,
  verifyEmail,
} from '../../services/auth/account-emails.ts';
import { logIn } from '../../services/auth/log-in.ts';
import { logOut } from '../../services/auth/log-out.ts';
import type { Deps } from '../../services/deps.ts';
import {
  ForgotPasswordPage,
  MessagePage,
  RegisterPage,
  ResetPasswordPage,
  SignInPage,
  VerifyEmailPage,
} from '../../views/pages/auth-pages.tsx';
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

const EmailBody = Type.Object({ email: formField(), _csrf: formField() });
const TokenPasswordBody = Type.Object({
  token: formField(200),
  password: formField(),
  _csrf: formField(),
});
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });

export function registerAuthPages(app: App, deps: Deps): void {
  app.get('/forgot-password', { schema: { hide: true } }, async (request, reply) =>
    sendPage(request, reply, {
      title: 'Forgot your password?',
      body: h(ForgotPasswordPage, { form: { email: '', errors: {} } }),
    }),
  );

  app.post(
    '/forgot-password',
    { config: { rateLimit: rateLimits.register }, schema: { hide: true, body: EmailBody } },
    async (request, reply) => {
      const email = (request.body.email ?? '').trim();
      if (!email) {
        return sendPage(request, reply, {
          status: 400,
          title: 'Forgot your password?',
          body: h(ForgotPasswordPage, { form: { email, errors: { email: 'Enter your email.' } } }),
        });
      }
      await requestPasswordReset(deps, { email });
      return sendPage(request, reply, {
        title: 'Check your e-mail',
        body: h(MessagePage, {
          title: 'Check your e-mail',
          message:
            'If an account has that address, we sent it a link to choose a new password. It works for an hour.',
        }),
      });
    },
  );

  app.get<{ Querystring: { token?: string } }>(
    '/reset-password',
    { schema: { hide: true, querystring: TokenQuery } },
    async (request, reply) => {
      const token = request.query.token ?? '';
      reply.header('referrer-policy', 'no-referrer');
      if (!(await isPasswordResetTokenUsable(deps, token))) {
        return sendPage(request, reply, {
          status: 400,
          title: 'Link expired',
          body: h(MessagePage, {
            title: 'This link does not work',
            message: 'It is invalid, was used already or has expired.',
            link: { href: '/forgot-password', label: 'Ask for a new link' },
          }),
        });
      }
      return sendPage(request, reply, {
        title: 'Choose a new password',
        isPrivate: true,
        body: h(ResetPasswordPage, { form: { token, errors: {} } }),
      });
    },
  );

  app.post(
    '/reset-password',
    { config: { rateLimit: rateLimits.login }, schema: { hide: true, body: TokenPasswordBody } },
    async (request, reply) => {
      const token = request.body.token ?? '';
      reply.header('referrer-policy', 'no-referrer');
      try {
        await resetPassword(deps, { token, password: request.body.password ?? '' });
      } catch (error) {
        const failure = formFailure(error);
        return sendPage(request, reply, {
          status: failure.status,
          title: 'Choose a new password',
          isPrivate: true,
          body: h(ResetPasswordPage, {
            form: {
              token,
              errors: failure.fields,
              formError: failure.fields.token ?? failure.formError,
            },
          }),
        });
      }
      // This browser's session (if any) ended with the others.
      clearSessionCookie(reply, deps.config);
      return sendPage(request, reply, {
        title: 'Password changed',
        body: h(MessagePage, {
          title: 'Password changed',
          message: 'Your new password works now. Every session of your account has ended.',
          link: { href: '/login', label: 'Sign in' },
        }),
      });
    },
  );

  app.get<{ Querystring: { token?: string } }>(
    '/verify-email',
    { schema: { hide: true, querystring: TokenQuery } },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      // A button, not an automatic change: mail scanners open links too.
      return sendPage(request, reply, {
        title: 'Confirm your e-mail address',
        isPrivate: true,
        body: h(VerifyEmailPage, { token: request.query.token ?? '' }),
      });
    },
  );

  app.post(
    '/verify-email',
    { config: { rateLimit: rateLimits.login }, schema: { hide: true, body: TokenPasswordBody } },
    async (request, reply) => {
      try {
        await verifyEmail(deps, { token: request.body.token ?? '' });
      } catch (error) {
        formFailure(error);
        return sendPage(request, reply, {
          status: 400,
          title: 'Link expired',
          body: h(MessagePage, {
            title: 'This link does not work',
            message:
              'It is invalid, was used already or has expired. Ask for a new one in settings.',
            link: { href: '/settings', label: 'Settings' },
          }),
        });
      }
      return sendPage(request, reply, {
        title: 'Address confirmed',
        body: h(MessagePage, {
          title: 'Address confirmed',
          message: 'Thank you: your e-mail address is confirmed.',
          link: { href: '/', label: 'Go to the questions' },
        }),
      });
    },
  );

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
        const outcome = await registerAccount(deps, {
          email: form.email.trim(),
          username: form.username.trim(),
          password: body.password ?? '',
          userAgent: request.headers['user-agent'],
        });
        if (outcome.kind === 'check_email') {
          return sendPage(request, reply, {
            status: 202,
            title: 'Check your e-mail',
            body: h(MessagePage, {
              title: 'Check your e-mail',
              message:
                'We sent a message to that address. Follow its link to confirm the address, then sign in.',
              link: { href: '/login', label: 'Sign in' },
            }),
          });
        }
        const { session } = outcome;
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
