import { describe, expect, it } from 'vitest';
import { normalizeTokenScopes } from './api-token-scopes.ts';

describe('normalizeTokenScopes', () => {
  it('grants read for write, in canonical order', () => {
    expect(normalizeTokenScopes(['write'])).toEqual({ ok: true, scopes: ['read', 'write'] });
    expect(normalizeTokenScopes(['write', 'read'])).toEqual({
      ok: true,
      scopes: ['read', 'write'],
    });
    expect(normalizeTokenScopes(['read'])).toEqual({ ok: true, scopes: ['read'] });
  });
  it('refuses empty and unknown scopes', () => {
    expect(normalizeTokenScopes([])).toEqual({ ok: false, reason: 'empty' });
    expect(normalizeTokenScopes(['read', 'admin'])).toEqual({ ok: false, reason: 'unknown_scope' });
  });
});
