// Request and response shapes of /api/v1/me/sessions and /api/v1/me/password.
import { Type } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH } from '../../../domain/account-rules.ts';
import { DateTime } from '../kit/schemas.ts';

export const SessionSchema = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{16}$', description: 'Names the session; not a secret' }),
  created_at: DateTime('When you signed in'),
  last_seen_at: DateTime('Last request, to the hour'),
  expires_at: DateTime('When it ends unless used again'),
  user_agent: Type.String({ description: 'What the browser said it was at sign-in' }),
  is_current: Type.Boolean({ description: 'The session this request came with' }),
});

export const SessionListSchema = Type.Object({ items: Type.Array(SessionSchema) });

export const SessionParamsSchema = Type.Object({
  id: Type.String({ maxLength: 64, description: 'A session id from the list' }),
});

export const EndedSessionsSchema = Type.Object({
  ended: Type.Integer({ minimum: 0, description: 'How many other sessions were signed out' }),
});

export const ChangePasswordBodySchema = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    new_password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
