// Public profiles (/api/v1/users/{username}) and admin user management (/api/v1/admin/users).
import type { Deps } from '../../../services/deps.ts';
import { getUserProfile } from '../../../services/users/get-user-profile.ts';
import { listUsers } from '../../../services/users/list-users.ts';
import { updateUserAccess } from '../../../services/users/update-user-access.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { presentPage } from '../kit/pagination.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { presentAdminUser, presentPublicUser } from './presenters.ts';
import {
  AdminUserListSchema,
  AdminUserPatchSchema,
  AdminUserSchema,
  PublicUserSchema,
  UsernameParamsSchema,
  UserPageQuerySchema,
} from './schemas.ts';

export function registerUserRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/users/:username',
    {
      schema: {
        tags: ['users'],
        summary: 'A user\u2019s public profile',
        params: UsernameParamsSchema,
        response: { 200: PublicUserSchema },
      },
    },
    async (request) =>
      presentPublicUser(await getUserProfile(deps, { username: request.params.username })),
  );

  app.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'All accounts, in id order (admin)',
        security: SIGNED_IN,
        querystring: UserPageQuerySchema,
        response: { 200: AdminUserListSchema, ...errors(403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const page = await listUsers(deps, { actor: request.actor, ...request.query });
      return presentPage(page, presentAdminUser);
    },
  );

  app.patch(
    '/api/v1/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a user\u2019s role or ban status (admin, audit-logged)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        body: AdminUserPatchSchema,
        response: { 200: AdminUserSchema },
      },
    },
    async (request) => {
      const user = await updateUserAccess(deps, {
        actor: request.actor,
        userId: request.params.id,
        role: request.body.role,
        isBanned: request.body.is_banned,
      });
      return presentAdminUser(user);
    },
  );
}
