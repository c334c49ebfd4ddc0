// Request and response shapes of /api/v1/auth/*.
import { Type } from '@sinclair/typebox';
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from '../../../domain/account-rules.ts';
import { OwnUserSchema } from '../users/schemas.ts';

export const RegisterBodySchema = Type.Object(
  {
    email: Type.String({ maxLength: EMAIL_MAX_LENGTH, description: 'unique (case-insensitive)' }),
    username: Type.String({
      minLength: USERNAME_MIN_LENGTH,
      maxLength: USERNAME_MAX_LENGTH,
      pattern: USERNAME_PATTERN,
      description: 'letters, digits, "_" and "-"; unique (case-insensitive)',
    }),
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

export const LoginBodySchema = Type.Object(
  {
    login: Type.String({
      minLength: 1,
      maxLength: EMAIL_MAX_LENGTH,
      description: 'username or email',
    }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

export const SignedInSchema = Type.Object({
  user: OwnUserSchema,
  csrf_token: Type.String({
    description: 'Send as the x-csrf-token header on cookie-authenticated writes.',
  }),
});

export const CsrfSchema = Type.Object({
  csrf_token: Type.Union([Type.String(), Type.Null()], {
    description:
      'The session\u2019s CSRF token; null without a session cookie (nothing to protect).',
  }),
});
