import { describe, expect, it } from 'vitest';
import { type Role, SYSTEM_ACTOR, type UserActor } from './actor.ts';
import { canActOn, canAdministerUser, canReadPrivateData, isOwner } from './permissions.ts';

function user(userId: number, role: Role = 'reader'): UserActor {
  return {
    kind: 'user',
    userId,
    username: `u${userId}`,
    role,
    authMethod: 'token',
    scopes: ['read', 'write'],
  };
}

describe('ownership', () => {
  it('owners act on their own things; others need the role', () => {
    expect(isOwner(user(1), 1)).toBe(true);
    expect(isOwner(user(1), 2)).toBe(false);
    expect(isOwner(null, 1)).toBe(false);
    expect(canActOn(user(1), 1)).toEqual({ ok: true });
    expect(canActOn(user(1), 2)).toEqual({ ok: false, reason: 'not_owner' });
    expect(canActOn(user(1, 'moderator'), 2, 'moderator')).toEqual({ ok: true });
    expect(canActOn(user(1, 'moderator'), 2)).toEqual({ ok: false, reason: 'not_owner' });
    expect(canActOn(SYSTEM_ACTOR, 2)).toEqual({ ok: true });
    expect(canActOn(null, 2)).toEqual({ ok: false, reason: 'not_signed_in' });
  });

  it('private data is the owner\u2019s alone, even for admins', () => {
    expect(canReadPrivateData(user(1), 1)).toBe(true);
    expect(canReadPrivateData(user(2, 'admin'), 1)).toBe(false);
  });
});

describe('canAdministerUser', () => {
  it('lets admins change others, never themselves', () => {
    expect(canAdministerUser(user(1, 'admin'), 2)).toEqual({ ok: true });
    expect(canAdministerUser(user(1, 'admin'), 1)).toEqual({ ok: false, reason: 'own_account' });
    expect(canAdministerUser(user(1, 'moderator'), 2)).toEqual({
      ok: false,
      reason: 'missing_role',
    });
    expect(canAdministerUser(null, 2)).toEqual({ ok: false, reason: 'not_signed_in' });
  });
});
