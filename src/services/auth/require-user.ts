// Authorization guard every service uses: who must be signed in, with which scope and role.
import {
  type Actor,
  hasRole,
  type Role,
  type TokenScope,
  type UserActor,
} from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';

export interface RequireUserOptions {
  /** API tokens must carry this scope; sessions always may read and write. */
  scope?: TokenScope;
  /** Minimum role (roles are ordered reader < analyst < moderator < admin). */
  role?: Role;
}

/** Roles as a sentence names them. */
const ROLE_WITH_ARTICLE: Record<Role, string> = {
  reader: 'a reader',
  analyst: 'an analyst',
  moderator: 'a moderator',
  admin: 'an admin',
};

export function requireUser(
  actor: Actor | null | undefined,
  options: RequireUserOptions = {},
): UserActor {
  if (actor?.kind !== 'user') {
    throw new DomainError('UNAUTHENTICATED', 'Sign in or send an API token to do this.');
  }
  if (options.scope && !actor.scopes.includes(options.scope)) {
    throw new DomainError('FORBIDDEN', `This API token lacks the "${options.scope}" scope.`, {
      required_scope: options.scope,
    });
  }
  if (options.role && !hasRole(actor, options.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `Only ${ROLE_WITH_ARTICLE[options.role]} or above can do this.`,
      {
        required_role: options.role,
      },
    );
  }
  return actor;
}
