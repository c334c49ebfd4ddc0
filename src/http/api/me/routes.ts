// The signed-in user's own resources (/api/v1/me, tokens).
import type { ApiTokenRecord } from '../../../db/repositories/api-token-repository.ts';
import { createApiToken } from '../../../services/auth/create-api-token.ts';
import { listApiTokens } from '../../../services/auth/list-api-tokens.ts';
import { revokeApiToken } from '../../../services/auth/revoke-api-token.ts';
import type { Deps } from '../../../services/deps.ts';
import { getMyProfile } from '../../../services/users/get-my-profile.ts';
import { updateMyProfile } from '../../../services/users/update-my-profile.ts';
import type { App } from '../../app.ts';
import { presentOwnUser } from '../users/presenters.ts';
import {
  IdParamsSchema,
  OwnUserSchema,
  PageQuerySchema,
  ProfilePatchSchema,
  SIGNED_IN_SECURITY,
} from '../users/schemas.ts';
import { CreatedTokenSchema, CreateTokenBodySchema, TokenListSchema } from './schemas.ts';

function presentToken(token: ApiTokenRecord) {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    token_prefix: token.tokenPrefix,
    created_at: token.createdAt.toISOString(),
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
  };
}

export function registerMeRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Your account, including email and role',
        security: SIGNED_IN_SECURITY,
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
        tags: ['me'],
        summary: 'Edit your display name and bio',
        security: SIGNED_IN_SECURITY,
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
        tags: ['me'],
        summary: 'Your active API tokens (never their secrets)',
        security: SIGNED_IN_SECURITY,
        querystring: PageQuerySchema,
        response: { 200: TokenListSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const page = await listApiTokens(deps, {
        actor: request.actor,
        limit: request.query.limit,
        cursor: request.query.cursor,
      });
      return { items: page.items.map(presentToken), next_cursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['me'],
        summary: 'Create an API token; the secret is shown once',
        security: SIGNED_IN_SECURITY,
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
      const { last_used_at: _lastUsedAt, ...token } = presentToken(created);
      return { ...token, token: created.token };
    },
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        tags: ['me'],
        summary: 'Revoke one of your API tokens',
        security: SIGNED_IN_SECURITY,
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
