// Shapes of user resources in the API: own account, public profile, admin view; list queries.
import { Type } from '@sinclair/typebox';
import { BIO_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../../../domain/account-rules.ts';

export const RoleSchema = Type.Union(
  [
    Type.Literal('reader'),
    Type.Literal('analyst'),
    Type.Literal('moderator'),
    Type.Literal('admin'),
  ],
  { description: 'reader < analyst < moderator < admin' },
);

/** OpenAPI: routes that need a signed-in user (Bearer token or session cookie + CSRF). */
export const SIGNED_IN_SECURITY: Array<Record<string, string[]>> = [
  { bearerToken: [] },
  { sessionCookie: [] },
];

const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });

export const PublicUserSchema = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    display_name: Type.Union([Type.String(), Type.Null()]),
    bio: Type.String(),
    role: RoleSchema,
    created_at: Timestamp,
  },
  { description: 'What anyone may see about a user (never the email).' },
);

export const OwnUserSchema = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    email: Type.String(),
    display_name: Type.Union([Type.String(), Type.Null()]),
    bio: Type.String(),
    role: RoleSchema,
    created_at: Timestamp,
  },
  { description: 'The signed-in user\u2019s own account.' },
);

export const AdminUserSchema = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    email: Type.String(),
    display_name: Type.Union([Type.String(), Type.Null()]),
    bio: Type.String(),
    role: RoleSchema,
    is_banned: Type.Boolean(),
    created_at: Timestamp,
  },
  { description: 'An account as admins see it.' },
);

export const UserEnvelopeSchema = Type.Object({ user: OwnUserSchema });

export const PageQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const UsernameParamsSchema = Type.Object({
  // Longer than any username can be, but still bounded: unknown names are simply 404.
  username: Type.String({ minLength: 1, maxLength: USERNAME_MAX_LENGTH * 4 }),
});

export const IdParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});

export const AdminUserListSchema = Type.Object({
  items: Type.Array(AdminUserSchema),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});

export const AdminUserPatchSchema = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    is_banned: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ProfilePatchSchema = Type.Object(
  {
    display_name: Type.Optional(
      Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
        description: 'null or "" clears it; at most 50 characters after trimming',
      }),
    ),
    bio: Type.Optional(Type.String({ maxLength: BIO_MAX_LENGTH })),
  },
  { additionalProperties: false },
);
