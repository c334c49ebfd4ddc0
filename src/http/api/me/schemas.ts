// Request and response shapes of /api/v1/me and /api/v1/me/tokens.
import { Type } from '@sinclair/typebox';
import { TOKEN_NAME_MAX_LENGTH } from '../../../domain/account-rules.ts';

const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });

const ScopeSchema = Type.Union([Type.Literal('read'), Type.Literal('write')]);

export const CreateTokenBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: TOKEN_NAME_MAX_LENGTH }),
    scopes: Type.Array(ScopeSchema, {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
      description: '["read"] or ["read", "write"]; "write" implies "read"',
    }),
  },
  { additionalProperties: false },
);

const TokenFields = {
  id: Type.Integer(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  token_prefix: Type.String({ description: 'The first characters, to recognise the token' }),
  created_at: Timestamp,
};

export const CreatedTokenSchema = Type.Object({
  ...TokenFields,
  token: Type.String({ description: 'The secret, shown only in this response' }),
});

export const TokenSchema = Type.Object({
  ...TokenFields,
  last_used_at: Type.Union([Timestamp, Type.Null()]),
});

export const TokenListSchema = Type.Object({
  items: Type.Array(TokenSchema),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});
