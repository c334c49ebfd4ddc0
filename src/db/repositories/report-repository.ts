// SQL for reports of comments and articles (the moderation queue).
import type { ReportTargetType } from '../../domain/discussion.ts';
import type { Executor } from './user-repository.ts';

export interface ReportRecord {
  id: number;
  targetType: ReportTargetType;
  targetId: number;
  reporterId: number;
  reporterUsername: string;
  reason: string;
  status: 'open' | 'resolved' | 'dismissed';
  createdAt: Date;
}

export async function insertReport(
  db: Executor,
  input: {
    targetType: ReportTargetType;
    targetId: number;
    reporterId: number;
    reason: string;
    now: Date;
  },
): Promise<number | null> {
  const row = await db
    .insertInto('reports')
    .values({
      target_type: input.targetType,
      target_id: input.targetId,
      reporter_id: input.reporterId,
      reason: input.reason,
      created_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['target_type', 'target_id', 'reporter_id'])
        .where('status', '=', 'open')
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function selectReport(db: Executor, id: number): Promise<ReportRecord | undefined> {
  const rows = await selectReports(db).where('reports.id', '=', id).execute();
  return rows[0] ? toRecord(rows[0]) : undefined;
}

function selectReports(db: Executor) {
  return db
    .selectFrom('reports')
    .innerJoin('users', 'users.id', 'reports.reporter_id')
    .selectAll('reports')
    .select('users.username as reporter_username');
}

function toRecord(row: {
  id: number;
  target_type: string;
  target_id: number;
  reporter_id: number;
  reporter_username: string;
  reason: string;
  status: string;
  created_at: Date;
}): ReportRecord {
  return {
    id: row.id,
    targetType: row.target_type as ReportTargetType,
    targetId: row.target_id,
    reporterId: row.reporter_id,
    reporterUsername: row.reporter_username,
    reason: row.reason,
    status: row.status as ReportRecord['status'],
    createdAt: row.created_at,
  };
}

/** Open reports, oldest first, after `afterId`. */
export async function listOpenReports(
  db: Executor,
  afterId: number | null,
  limit: number,
): Promise<ReportRecord[]> {
  let query = selectReports(db).where('reports.status', '=', 'open');
  if (afterId !== null) query = query.where('reports.id', '>', afterId);
  const rows = await query.orderBy('reports.id', 'asc').limit(limit).execute();
  return rows.map(toRecord);
}

/** Closes every open report of an item; returns how many. */
export async function closeReports(
  db: Executor,
  input: {
    targetType: ReportTargetType;
    targetId: number;
    status: 'resolved' | 'dismissed';
    moderatorId: number | null;
    now: Date;
  },
): Promise<number> {
  const rows = await db
    .updateTable('reports')
    .set({ status: input.status, resolved_by: input.moderatorId, resolved_at: input.now })
    .where('target_type', '=', input.targetType)
    .where('target_id', '=', input.targetId)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.length;
}
