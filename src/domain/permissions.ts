// Shared policy helpers: who may see or change whose data. Services call these and map each
// refusal reason to a DomainError (usually NOT_FOUND for private data, so nothing leaks).
import { type Actor, actorUserId, hasRole, type Role } from './actor.ts';

export type PermissionCheck = { ok: true } | { ok: false; reason: PermissionRefusal };

export type PermissionRefusal = 'not_signed_in' | 'not_owner' | 'missing_role' | 'own_account';

/** True when the actor is the signed-in user who owns the resource. */
export function isOwner(actor: Actor | null | undefined, ownerId: number): boolean {
  return actorUserId(actor) === ownerId;
}

/** Owners may act on their own things; others need at least `role` (the system actor is admin). */
export function canActOn(
  actor: Actor | null | undefined,
  ownerId: number,
  role: Role = 'admin',
): PermissionCheck {
  if (!actor) return { ok: false, reason: 'not_signed_in' };
  if (isOwner(actor, ownerId) || hasRole(actor, role)) return { ok: true };
  return { ok: false, reason: 'not_owner' };
}

/**
 * Private account data (email, tokens, settings, drafts) is visible to its owner only. Admins see
 * emails through the admin user list, not through another user's `me` resources.
 */
export function canReadPrivateData(actor: Actor | null | undefined, ownerId: number): boolean {
  return isOwner(actor, ownerId);
}

/**
 * Admins change other users' role and ban status; never their own, so that the last admin cannot
 * lock everyone out by accident.
 */
export function canAdministerUser(
  actor: Actor | null | undefined,
  targetUserId: number,
): PermissionCheck {
  if (!actor) return { ok: false, reason: 'not_signed_in' };
  if (!hasRole(actor, 'admin')) return { ok: false, reason: 'missing_role' };
  if (isOwner(actor, targetUserId)) return { ok: false, reason: 'own_account' };
  return { ok: true };
}
