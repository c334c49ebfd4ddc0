// Who is acting: a signed-in user (session cookie or API token), or the system (jobs).

export type Role = 'reader' | 'analyst' | 'moderator' | 'admin';

export const ROLES: readonly Role[] = ['reader', 'analyst', 'moderator', 'admin'];

export type TokenScope = 'read' | 'write';

export interface UserActor {
  kind: 'user';
  userId: number;
  username: string;
  role: Role;
  /** How the request proved who it is; bearer tokens carry scopes, sessions have both. */
  authMethod: 'session' | 'token';
  scopes: readonly TokenScope[];
}

export interface SystemActor {
  kind: 'system';
  role: 'admin';
}

export type Actor = UserActor | SystemActor;

export const SYSTEM_ACTOR: SystemActor = { kind: 'system', role: 'admin' };

/** A user signed in with a session: sessions may do everything their role allows. */
export function sessionActor(user: { id: number; username: string; role: Role }): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    role: user.role,
    authMethod: 'session',
    scopes: ['read', 'write'],
  };
}

const ROLE_RANK: Record<Role, number> = { reader: 0, analyst: 1, moderator: 2, admin: 3 };

/** Roles are ordered: an admin can do what a moderator can, and so on. */
export function hasRole(actor: Actor | null | undefined, minimum: Role): boolean {
  if (!actor) return false;
  return isRoleAtLeast(actor.role, minimum);
}

export function isRoleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

export function actorUserId(actor: Actor | null | undefined): number | null {
  return actor?.kind === 'user' ? actor.userId : null;
}
