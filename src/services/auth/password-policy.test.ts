// The common-password list: large enough to matter, matched whatever the case, and silent about
// passwords nobody uses.
import { describe, expect, it } from 'vitest';
import { checkNewPassword, commonPasswordCount } from './password-policy.ts';

describe('checkNewPassword', () => {
  it('bundles at least 10,000 common and breached passwords', async () => {
    expect(await commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it.each(['password123', 'Password123', 'qwertyuiop', '1234567890', ' iloveyou12 '])(
    'refuses %j',
    async (password) => {
      expect((await checkNewPassword(password)).ok).toBe(false);
    },
  );

  it.each(['correct-horse-battery', 'tea at the Arctic summit'])('accepts %j', async (password) => {
    expect(await checkNewPassword(password)).toEqual({ ok: true });
  });

  it('still applies the length rule first', async () => {
    expect(await checkNewPassword('short')).toEqual({
      ok: false,
      reason: 'must be at least 10 characters long',
    });
  });
});
