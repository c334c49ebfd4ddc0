// Admin: every account, in id order, with private fields.
import {
  listUsers as listUserRows,
  withoutSecrets,
} from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { User } from '../../domain/user.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { pageById } from './id-cursor.ts';

export interface ListUsersInput {
  actor: Actor | null;
  limit?: number;
  cursor?: string;
}

export async function listUsers(
  deps: Deps,
  input: ListUsersInput,
): Promise<{ items: User[]; nextCursor: string | null }> {
  requireUser(input.actor, { scope: 'read', role: 'admin' });
  const page = await pageById(input, (afterId, limit) =>
    listUserRows(deps.database.db, { afterId, limit }),
  );
  return { items: page.items.map(withoutSecrets), nextCursor: page.nextCursor };
}
