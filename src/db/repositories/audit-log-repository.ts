// SQL for the append-only audit log of privileged actions (who did what to which record).
import type { Executor } from './user-repository.ts';

export interface AuditEntryInput {
  /** null when the system (a job, the CLI) acted */
  actorId: number | null;
  /** `area.verb`, e.g. `user.update_access` */
  action: string;
  targetType: string;
  targetId: number;
  details: Record<string, unknown>;
  createdAt: Date;
}

export async function insertAuditEntry(db: Executor, entry: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: JSON.stringify(entry.details),
      created_at: entry.createdAt,
    })
    .execute();
}
