// Issues a personal API token; the secret is returned once and only its sha-256 is stored.
import { type ApiTokenRecord, insertApiToken } from '../../db/repositories/api-token-repository.ts';
import { checkTokenName } from '../../domain/account-rules.ts';
import type { Actor } from '../../domain/actor.ts';
import { normalizeTokenScopes } from '../../domain/api-token-scopes.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { requireUser } from './require-user.ts';
import { newApiToken } from './secrets.ts';

export interface CreateApiTokenInput {
  actor: Actor | null;
  name: string;
  scopes: readonly string[];
}

export async function createApiToken(
  deps: Deps,
  input: CreateApiTokenInput,
): Promise<ApiTokenRecord & { token: string }> {
  const actor = requireUser(input.actor, { scope: 'write' });
  // A stolen token must not be able to mint successors that outlive its revocation.
  if (actor.authMethod !== 'session') {
    throw new DomainError(
      'FORBIDDEN',
      'API tokens are created from a signed-in browser session, not with another token.',
    );
  }
  const name = checkTokenName(input.name);
  if (!name.ok) throw invalidField('/name', name.reason);
  const scopes = normalizeTokenScopes(input.scopes);
  if (!scopes.ok) {
    switch (scopes.reason) {
      case 'empty':
        throw invalidField('/scopes', 'must name at least one scope');
      case 'unknown_scope':
        throw invalidField('/scopes', 'may contain only "read" and "write"');
    }
  }
  const { token, tokenHash, tokenPrefix } = newApiToken();
  const record = await insertApiToken(deps.database.db, {
    userId: actor.userId,
    name: input.name.trim(),
    tokenHash,
    tokenPrefix,
    scopes: scopes.scopes,
    createdAt: deps.clock.now(),
  });
  return { ...record, token };
}
