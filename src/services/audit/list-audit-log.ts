// The whole audit log, newest first (moderators and admins).

import {
  type AuditEntryRecord,
  listAuditEntries,
} from '../../db/repositories/audit-log-list-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { decodeCursor, pageOf } from '../questions/question-cursor.ts';

export type { AuditEntryRecord };

export interface ListAuditLogInput {
  actor: Actor | null;
  limit: number;
  cursor?: string;
}

export async function listAuditLog(
  deps: Deps,
  input: ListAuditLogInput,
): Promise<{ items: AuditEntryRecord[]; nextCursor: string | null }> {
  requireUser(input.actor, { role: 'moderator' });
  const cursorId = decodeCursor(input.cursor);
  const rows = await listAuditEntries(deps.database.db, {
    cursorId,
    order: 'desc',
    limit: input.limit + 1,
  });
  return pageOf(rows, input.limit);
}
