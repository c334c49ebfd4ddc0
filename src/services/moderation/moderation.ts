// Reports and what moderators do about them (docs/design.md "Reports → moderation queue"):
// anyone signed in reports a comment or an article; moderators see the open reports, hide or
// restore the item (closing its reports), dismiss reports, and suspend or reinstate users.
// Every moderator action is written to the audit log in the same transaction.
import { selectArticle, updateArticleRow } from '../../db/repositories/article-repository.ts';
import { insertAuditEntry } from '../../db/repositories/audit-log-repository.ts';
import { selectComment, updateCommentRow } from '../../db/repositories/comment-repository.ts';
import {
  closeReports,
  insertReport,
  listOpenReports,
  type ReportRecord,
  selectReport,
} from '../../db/repositories/report-repository.ts';
import { type Executor, findUserById } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { isRoleAtLeast } from '../../domain/actor.ts';
import { MAX_REPORT_REASON_LENGTH, type ReportTargetType } from '../../domain/discussion.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import type { QueueItem } from '../../domain/view-models/discussion.ts';
import { getArticleForActor } from '../articles/article-access.ts';
import { requireUser } from '../auth/require-user.ts';
import { getCommentForActor } from '../comments/change-comment.ts';
import { requireWriter } from '../comments/discussion-access.ts';
import type { Deps } from '../deps.ts';
import { markdownToText } from '../markdown/render-markdown.ts';
import { pageById } from '../users/id-cursor.ts';

export async function createReport(
  deps: Deps,
  input: { actor: Actor | null; targetType: ReportTargetType; targetId: number; reason: string },
): Promise<{ id: number }> {
  const user = await requireWriter(deps, input.actor);
  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > MAX_REPORT_REASON_LENGTH) {
    throw invalidField('/reason', `must be 3 to ${MAX_REPORT_REASON_LENGTH} characters`);
  }
  if (input.targetType === 'comment') {
    await getCommentForActor(deps, input.targetId, input.actor);
  } else {
    await getArticleForActor(deps, input.targetId, input.actor);
  }
  const id = await insertReport(deps.database.db, {
    targetType: input.targetType,
    targetId: input.targetId,
    reporterId: user.userId,
    reason,
    now: deps.clock.now(),
  });
  if (id === null) {
    throw new DomainError(
      'ALREADY_EXISTS',
      'You have already reported this; a moderator will look.',
    );
  }
  return { id };
}

export type { QueueItem };

function requireModerator(actor: Actor | null) {
  return requireUser(actor, { role: 'moderator' });
}

async function describe(deps: Deps, report: ReportRecord): Promise<QueueItem> {
  const db = deps.database.db;
  if (report.targetType === 'comment') {
    const comment = await selectComment(db, report.targetId);
    const path = comment
      ? comment.targetType === 'question'
        ? `/questions/${comment.targetId}#comment-${comment.id}`
        : `/articles/${comment.targetId}#comment-${comment.id}`
      : '';
    return {
      report,
      excerpt: comment ? markdownToText(comment.body).slice(0, 300) : '(gone)',
      authorUsername: comment?.authorUsername ?? '',
      path,
      isHidden: comment?.hiddenAt != null,
    };
  }
  const article = await selectArticle(db, { id: report.targetId });
  return {
    report,
    excerpt: article ? `${article.title}: ${article.summary}`.slice(0, 300) : '(gone)',
    authorUsername: article?.authorUsername ?? '',
    path: article ? `/articles/${article.id}-${article.slug}` : '',
    isHidden: article?.hiddenAt != null,
  };
}

export async function listModerationQueue(
  deps: Deps,
  input: { actor: Actor | null; limit?: number; cursor?: string },
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  requireModerator(input.actor);
  const page = await pageById(input, (afterId, limit) =>
    listOpenReports(deps.database.db, afterId, limit),
  );
  const items = await Promise.all(page.items.map((report) => describe(deps, report)));
  return { items, nextCursor: page.nextCursor };
}

async function audit(
  tx: Executor,
  actorId: number,
  action: string,
  targetType: string,
  targetId: number,
  details: Record<string, unknown>,
  now: Date,
) {
  await insertAuditEntry(tx, { actorId, action, targetType, targetId, details, createdAt: now });
}

/** Hides (`isHidden`) or restores a comment or an article; hiding resolves its open reports. */
export async function setContentHidden(
  deps: Deps,
  input: {
    actor: Actor | null;
    targetType: ReportTargetType;
    targetId: number;
    isHidden: boolean;
    note?: string;
  },
): Promise<{ isHidden: boolean; reportsClosed: number }> {
  const moderator = requireModerator(input.actor);
  requireUser(input.actor, { scope: 'write' });
  const db = deps.database.db;
  const exists =
    input.targetType === 'comment'
      ? await selectComment(db, input.targetId)
      : await selectArticle(db, { id: input.targetId });
  if (!exists) throw new DomainError('NOT_FOUND', `No ${input.targetType} ${input.targetId}.`);
  const now = deps.clock.now();
  const hiddenAt = input.isHidden ? now : null;
  return db.transaction().execute(async (tx) => {
    if (input.targetType === 'comment') {
      await updateCommentRow(tx, input.targetId, { hidden_at: hiddenAt });
    } else {
      await updateArticleRow(tx, input.targetId, { hidden_at: hiddenAt });
    }
    const reportsClosed = input.isHidden
      ? await closeReports(tx, {
          targetType: input.targetType,
          targetId: input.targetId,
          status: 'resolved',
          moderatorId: moderator.userId,
          now,
        })
      : 0;
    await audit(
      tx,
      moderator.userId,
      `${input.targetType}.${input.isHidden ? 'hide' : 'restore'}`,
      input.targetType,
      input.targetId,
      { note: input.note ?? null, reports_closed: reportsClosed },
      now,
    );
    return { isHidden: input.isHidden, reportsClosed };
  });
}

export async function dismissReport(
  deps: Deps,
  input: { actor: Actor | null; reportId: number },
): Promise<{ reportsClosed: number }> {
  const moderator = requireModerator(input.actor);
  requireUser(input.actor, { scope: 'write' });
  const report = await selectReport(deps.database.db, input.reportId);
  if (!report) throw new DomainError('NOT_FOUND', `No report ${input.reportId}.`);
  if (report.status !== 'open') {
    throw new DomainError('INVALID_TRANSITION', 'This report is already closed.');
  }
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const reportsClosed = await closeReports(tx, {
      targetType: report.targetType,
      targetId: report.targetId,
      status: 'dismissed',
      moderatorId: moderator.userId,
      now,
    });
    await audit(
      tx,
      moderator.userId,
      'report.dismiss',
      report.targetType,
      report.targetId,
      {
        report_id: report.id,
        reports_closed: reportsClosed,
      },
      now,
    );
    return { reportsClosed };
  });
}

/** Suspends a user until `until` (they can read, not write); `until` null lifts it. */
export async function setUserSuspension(
  deps: Deps,
  input: { actor: Actor | null; userId: number; until: Date | null; reason?: string },
): Promise<{ suspendedUntil: Date | null }> {
  const moderator = requireModerator(input.actor);
  requireUser(input.actor, { scope: 'write' });
  const db = deps.database.db;
  const user = await findUserById(db, input.userId);
  if (!user) throw new DomainError('NOT_FOUND', `No user ${input.userId}.`);
  if (user.id === moderator.userId) {
    throw new DomainError('FORBIDDEN', 'You cannot suspend yourself.');
  }
  if (isRoleAtLeast(user.role, moderator.role) && moderator.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'Only an admin can suspend a moderator.');
  }
  const now = deps.clock.now();
  if (input.until !== null && input.until.getTime() <= now.getTime()) {
    throw invalidField('/until', 'must be in the future');
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ suspended_until: input.until, suspension_reason: input.reason ?? null })
      .where('id', '=', user.id)
      .execute();
    await audit(
      tx,
      moderator.userId,
      input.until ? 'user.suspend' : 'user.unsuspend',
      'user',
      user.id,
      { until: input.until?.toISOString() ?? null, reason: input.reason ?? null },
      now,
    );
  });
  return { suspendedUntil: input.until };
}
