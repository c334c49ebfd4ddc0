// The signed-in user's own active API tokens (never the secrets, never anyone else's).
import {
  type ApiTokenRecord,
  listActiveTokens,
} from '../../db/repositories/api-token-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { pageById } from '../users/id-cursor.ts';
import { requireUser } from './require-user.ts';
import { tokenUsesFor } from './token-uses.ts';

export type { ApiTokenRecord };

export interface ListApiTokensInput {
  actor: Actor | null;
  limit?: number;
  cursor?: string;
}

export async function listApiTokens(
  deps: Deps,
  input: ListApiTokensInput,
): Promise<{ items: ApiTokenRecord[]; nextCursor: string | null }> {
  const actor = requireUser(input.actor, { scope: 'read' });
  // Uses this instance noted but has not written yet show up in the list.
  await tokenUsesFor(deps).flush();
  return pageById(input, (afterId, limit) =>
    listActiveTokens(deps.database.db, actor.userId, { afterId, limit }),
  );
}
