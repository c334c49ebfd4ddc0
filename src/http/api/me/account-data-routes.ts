// The account holder's own data: GET /api/v1/me/export (everything, as one JSON document) and
// DELETE /api/v1/me (pseudonymising deletion, from a browser session, with the password).
import { Type } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH } from '../../../domain/account-rules.ts';
import type { Deps } from '../../../services/deps.ts';
import { deleteMyAccount, exportMyAccount } from '../../../services/users/account-data.ts';
import type { App } from '../../app-type.ts';
import { clearSessionCookie } from '../../plugins/auth.ts';
import { SIGNED_IN } from '../kit/conventions.ts';

const ME = { tags: ['me'], security: SIGNED_IN };

const AccountExportSchema = Type.Object(
  {
    format: Type.Literal('brier-account-export'),
    exported_at: Type.String({ format: 'date-time' }),
    account: Type.Record(Type.String(), Type.Unknown()),
  },
  {
    additionalProperties: true,
    description:
      'Your account, then one array per kind of data (sessions, api_tokens, forecasts, ' +
      'questions_authored, scores, notifications, actions, and what later features add)',
  },
);

const DeleteAccountBodySchema = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }) },
  { additionalProperties: false },
);

export function registerAccountDataRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/me/export',
    {
      schema: {
        ...ME,
        summary: 'Download everything your account holds, as one JSON document',
        response: { 200: AccountExportSchema },
      },
    },
    async (request, reply) => {
      const data = await exportMyAccount(deps, request.actor);
      const day = data.exported_at.slice(0, 10);
      reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="brier-account-${day}.json"`);
      return data;
    },
  );

  app.delete(
    '/api/v1/me',
    {
      schema: {
        ...ME,
        summary:
          'Delete your account (from a browser session): your name, e-mail, profile, sessions ' +
          'and tokens go; forecasts and questions stay under a pseudonym',
        body: DeleteAccountBodySchema,
        response: { 204: { type: 'null', description: 'Deleted; you are signed out' } },
      },
    },
    async (request, reply) => {
      await deleteMyAccount(deps, { actor: request.actor, password: request.body.password });
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send(null);
    },
  );
}
