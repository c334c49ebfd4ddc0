// Shapes of user resources in the API: public profile ⊂ own account ⊂ admin view; their edits.
import { Type } from '@sinclair/typebox';
import { BIO_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../../../domain/account-rules.ts';
import { PageQuerySchema, PageSchema } from '../kit/pagination.ts';
import { DateTime, Nullable } from '../kit/schemas.ts';

export const RoleSchema = Type.Union(
  [
    Type.Literal('reader'),
    Type.Literal('analyst'),
    Type.Literal('moderator'),
    Type.Literal('admin'),
  ],
  { description: 'reader < analyst < moderator < admin' },
);

const publicFields = {
  id: Type.Integer(),
  username: Type.String(),
  display_name: Nullable(Type.String()),
  bio: Type.String(),
  role: RoleSchema,
  created_at: DateTime('RFC 3339, UTC'),
};

const ownFields = { ...publicFields, email: Type.String() };

export const PublicUserSchema = Type.Object(publicFields, {
  description: 'What anyone may see about a user (never the email).',
});

export const OwnUserSchema = Type.Object(ownFields, {
  description: 'The signed-in user\u2019s own account.',
});

export const AdminUserSchema = Type.Object(
  { ...ownFields, is_banned: Type.Boolean() },
  { description: 'An account as admins see it.' },
);

/** Admins page through accounts 50 at a time. */
export const UserPageQuerySchema = PageQuerySchema(50);

export const UsernameParamsSchema = Type.Object({
  // Longer than any username can be, but still bounded: unknown names are simply 404.
  username: Type.String({ minLength: 1, maxLength: USERNAME_MAX_LENGTH * 4 }),
});

export const AdminUserListSchema = PageSchema(AdminUserSchema);

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
