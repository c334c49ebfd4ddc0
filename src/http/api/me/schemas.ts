// Request and response shapes of /api/v1/me/tokens (the account itself is users/schemas.ts).
import { Type } from '@sinclair/typebox';
import { TOKEN_NAME_MAX_LENGTH } from '../../../domain/account-rules.ts';
import { PageQuerySchema, PageSchema } from '../kit/pagination.ts';
import { DateTime, Nullable } from '../kit/schemas.ts';

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

const tokenFields = {
  id: Type.Integer(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  token_prefix: Type.String({ description: 'The first characters, to recognise the token' }),
  created_at: DateTime('RFC 3339, UTC'),
};

export const CreatedTokenSchema = Type.Object({
  ...tokenFields,
  token: Type.String({ description: 'The secret, shown only in this response' }),
});

export const TokenSchema = Type.Object({
  ...tokenFields,
  last_used_at: Nullable(DateTime('RFC 3339, UTC; to the minute')),
});

/** Tokens are listed 50 to a page. */
export const TokenPageQuerySchema = PageQuerySchema(50);

export const TokenListSchema = PageSchema(TokenSchema);
