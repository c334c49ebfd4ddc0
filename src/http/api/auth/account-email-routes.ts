// Password reset and e-mail verification (/api/v1/auth/password-reset*, /auth/verify-email,
// /me/email-verification): one-time tokens mailed through the outbox.
import { Type } from '@sinclair/typebox';
import {
  requestPasswordReset,
  resetPassword,
  sendEmailVerification,
  verifyEmail,
} from '../../../services/auth/account-emails.ts';
import type { Deps } from '../../../services/deps.ts';
import type { App } from '../../app-type.ts';
import { rateLimits } from '../../plugins/rate-limits.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';

export const CheckEmailSchema = Type.Object({
  status: Type.Literal('check_email', {
    description: 'Look for an e-mail (the same answer whatever the address)',
  }),
});

const TokenField = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'From the e-mail link',
});

export function registerAccountEmailRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/auth/password-reset-requests',
    {
      config: { rateLimit: rateLimits.register },
      schema: {
        tags: ['auth'],
        summary: 'Mail a password reset link to the account with this address, if any',
        description: 'Always 202: nobody learns which addresses have accounts.',
        body: Type.Object(
          { email: Type.String({ minLength: 1, maxLength: 320 }) },
          { additionalProperties: false },
        ),
        response: { 202: CheckEmailSchema },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, { email: request.body.email });
      return reply.status(202).send({ status: 'check_email' as const });
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { rateLimit: rateLimits.login },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the token of a reset e-mail; ends every session',
        body: Type.Object(
          { token: TokenField, password: Type.String({ maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 204: { type: 'null', description: 'Password changed; sign in again' } },
      },
    },
    async (request, reply) => {
      await resetPassword(deps, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      config: { rateLimit: rateLimits.login },
      schema: {
        tags: ['auth'],
        summary: 'Confirm an e-mail address with the token of a verification e-mail',
        body: Type.Object({ token: TokenField }, { additionalProperties: false }),
        response: { 204: { type: 'null', description: 'Address confirmed' } },
      },
    },
    async (request, reply) => {
      await verifyEmail(deps, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/email-verification',
    {
      schema: {
        tags: ['me'],
        security: SIGNED_IN,
        summary: 'Mail yourself a link that confirms your e-mail address',
        response: { 202: CheckEmailSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      await sendEmailVerification(deps, { actor: request.actor });
      return reply.status(202).send({ status: 'check_email' as const });
    },
  );
}
