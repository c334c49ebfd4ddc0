// The signed-in user's own resources (/api/v1/me, tokens).
import { createApiToken } from '../../../services/auth/create-api-token.ts';
import { type ApiTokenRecord, listApiTokens } from '../../../services/auth/list-api-tokens.ts';
import { revokeApiToken } from '../../../services/auth/revoke-api-token.ts';
import type { Deps } from '../../../services/deps.ts';
import { getMyProfile } from '../../../services/users/get-my-profile.ts';
import { updateMyProfile } from '../../../services/users/update-my-profile.ts';
import type { App } from '../../app-type.ts';
import { SIGNED_IN } from '../kit/conventions.ts';
import { presentPage } from '../kit/pagination.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { presentOwnUser } from '../users/presenters.ts';
import { OwnUserSchema, ProfilePatchSchema } from '../users/schemas.ts';
import {
  CreatedTokenSchema,
  CreateTokenBodySchema,
  TokenListSchema,
  TokenPageQuerySchema,
} from './schemas.ts';

const ME = { tags: ['me'], security: SIGNED_IN };

function presentToken(token: Omit<ApiTokenRecord, 'lastUsedAt'>) {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    token_prefix: token.tokenPrefix,
    created_at: token.createdAt.toISOString(),
  };
}

export function registerMeRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/me',
    {
      schema: {
        ...ME,
        summary: 'Your account, including email and role',
        response: { 200: OwnUserSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return presentOwnUser(await getMyProfile(deps, { actor: request.actor }));
    },
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        ...ME,
        summary: 'Edit your display name and bio',
        body: ProfilePatchSchema,
        response: { 200: OwnUserSchema },
      },
    },
    async (request) => {
      const user = await updateMyProfile(deps, {
        actor: request.actor,
        displayName: request.body.display_name,
        bio: request.body.bio,
      });
      return presentOwnUser(user);
    },
  );

  app.get(
    '/api/v1/me/tokens',
    {
      schema: {
        ...ME,
        summary: 'Your active API tokens (never their secrets)',
        querystring: TokenPageQuerySchema,
        response: { 200: TokenListSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const page = await listApiTokens(deps, { actor: request.actor, ...request.query });
      return presentPage(page, (token) => ({
        ...presentToken(token),
        last_used_at: token.lastUsedAt?.toISOString() ?? null,
      }));
    },
  );

  app.post(
    '/api/v1/me/tokens',
    {
      schema: {
        ...ME,
        summary: 'Create an API token; the secret is shown once',
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, {
        actor: request.actor,
        name: request.body.name,
        scopes: request.body.scopes,
      });
      reply.status(201).header('cache-control', 'no-store');
      return { ...presentToken(created), token: created.token };
    },
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        ...ME,
        summary: 'Revoke one of your API tokens',
        params: IdParamsSchema,
        response: { 204: { type: 'null', description: 'Revoked' } },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, { actor: request.actor, tokenId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
