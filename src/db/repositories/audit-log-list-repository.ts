// Reading the audit log: one record's entries (oldest first) or everything (newest first), paged.
import type { Executor } from './question-repository.ts';

export interface AuditEntryRecord {
  id: number;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  targetType: string;
  targetId: number;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface AuditListFilter {
  target?: { type: string; id: number };
  /** Keyset pagination on id, in the listing's direction. */
  cursorId?: number;
  order: 'asc' | 'desc';
  limit: number;
}

export async function listAuditEntries(
  db: Executor,
  filter: AuditListFilter,
): Promise<AuditEntryRecord[]> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.actor_id',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.details',
      'a.created_at',
      'u.username',
    ]);
  if (filter.target) {
    query = query
      .where('a.target_type', '=', filter.target.type)
      .where('a.target_id', '=', filter.target.id);
  }
  if (filter.cursorId !== undefined) {
    query = query.where('a.id', filter.order === 'asc' ? '>' : '<', filter.cursorId);
  }
  const rows = await query.orderBy('a.id', filter.order).limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    actorId: row.actor_id,
    actorUsername: row.username ?? null,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details ?? {},
    createdAt: row.created_at,
  }));
}
