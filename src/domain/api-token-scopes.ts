// Which scopes an API token may carry: `read`, or `read write` (write implies read, docs/design.md).
import type { TokenScope } from './actor.ts';

export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

export type ScopeCheck =
  | { ok: true; scopes: TokenScope[] }
  | { ok: false; reason: 'empty' | 'unknown_scope' };

/** Returns the scopes to store, in canonical order; asking for `write` also grants `read`. */
export function normalizeTokenScopes(requested: readonly string[]): ScopeCheck {
  if (requested.length === 0) return { ok: false, reason: 'empty' };
  if (!requested.every((scope) => (TOKEN_SCOPES as readonly string[]).includes(scope))) {
    return { ok: false, reason: 'unknown_scope' };
  }
  return { ok: true, scopes: requested.includes('write') ? ['read', 'write'] : ['read'] };
}
