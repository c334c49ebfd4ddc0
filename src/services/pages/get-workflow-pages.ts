// View models of the workflow pages: an analyst's drafts and the draft form, the moderators'
// review queue, the admins' users and audit log. Each reads through the same use cases as the
// API (and so the same permission checks).

import { findUserById } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { ROLES } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { toDateTimeField } from '../../domain/question-form.ts';
import { canEdit } from '../../domain/question-lifecycle.ts';
import { canEditQuestion } from '../../domain/question-permissions.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type {
  AdminModel,
  ApproveFormState,
  AuditEntryModel,
  DraftsModel,
  ReviewItemModel,
  ReviewQueueModel,
} from '../../domain/view-models/workflow.ts';
import { type AuditEntryRecord, listAuditLog } from '../audit/list-audit-log.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { findQuestion, getQuestionForActor } from '../questions/find-question.ts';
import { listQuestions } from '../questions/list-questions.ts';
import { listUsers } from '../users/list-users.ts';

const DRAFT_LIMIT = 100;
const REVIEW_LIMIT = 50;
const AUDIT_PAGE_SIZE = 50;
const USER_PAGE_SIZE = 50;

export async function getDraftsPage(
  deps: Deps,
  input: {
    actor: Actor | null;
    notice?: string | null;
    submitError?: DraftsModel['submitError'];
  },
): Promise<DraftsModel> {
  requireUser(input.actor, { role: 'analyst' });
  const page = await listQuestions(deps, {
    actor: input.actor,
    isMine: true,
    statuses: ['draft', 'in_review'],
    limit: DRAFT_LIMIT,
  });
  const drafts = [...page.items].sort(
    (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id,
  );
  return { drafts, notice: input.notice ?? null, submitError: input.submitError ?? null };
}

/** A draft the actor may edit now (its author or a moderator, while it is a draft). */
export async function getEditableDraft(
  deps: Deps,
  input: { actor: Actor | null; questionId: number },
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { role: 'analyst' });
  const question = await getQuestionForActor(deps, input.questionId, user);
  if (!canEditQuestion(question, user)) {
    throw new DomainError('FORBIDDEN', 'Only the author or a moderator can edit this question.');
  }
  if (!canEdit(question).ok) {
    throw new DomainError(
      'INVALID_TRANSITION',
      'Only drafts are edited; this question has left the draft stage.',
    );
  }
  return question;
}

/**
 * The approve form's starting values: the times the author proposed, the opening no earlier than
 * now (approving a question whose proposed opening has passed opens it at once).
 */
export function defaultApproveForm(question: QuestionRecord, now: Date): ApproveFormState {
  const proposedOpen = question.openTime;
  const open = proposedOpen && proposedOpen.getTime() > now.getTime() ? proposedOpen : now;
  return {
    values: {
      open_time: toDateTimeField(open),
      scheduled_close_time: toDateTimeField(question.scheduledCloseTime),
      scheduled_resolve_time: toDateTimeField(question.scheduledResolveTime),
    },
    errors: {},
  };
}

export async function getReviewQueue(
  deps: Deps,
  input: {
    actor: Actor | null;
    notice?: string | null;
    /** The forms of one question as posted, after a refused approve or reject. */
    posted?: { questionId: number } & Partial<Omit<ReviewItemModel, 'question'>>;
  },
): Promise<ReviewQueueModel> {
  requireUser(input.actor, { role: 'moderator' });
  const page = await listQuestions(deps, {
    actor: input.actor,
    statuses: ['in_review'],
    limit: REVIEW_LIMIT,
  });
  const now = deps.clock.now();
  // Oldest submissions first: the queue is worked from the front.
  const questions = [...page.items].sort(
    (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id - b.id,
  );
  const items = questions.map((question): ReviewItemModel => {
    const posted = input.posted?.questionId === question.id ? input.posted : undefined;
    return {
      question,
      approve: posted?.approve ?? defaultApproveForm(question, now),
      reject: posted?.reject ?? { note: '', error: null },
    };
  });
  return { items, notice: input.notice ?? null };
}

export async function getAdminPage(
  deps: Deps,
  input: {
    actor: Actor | null;
    usersCursor?: string;
    auditCursor?: string;
    notice?: string | null;
    userError?: AdminModel['userError'];
  },
): Promise<AdminModel> {
  const admin = requireUser(input.actor, { role: 'admin' });
  const [users, audit] = await Promise.all([
    listUsers(deps, { actor: admin, limit: USER_PAGE_SIZE, cursor: input.usersCursor }),
    listAuditLog(deps, { actor: admin, limit: AUDIT_PAGE_SIZE, cursor: input.auditCursor }),
  ]);
  return {
    users: users.items,
    usersNextCursor: users.nextCursor,
    audit: await nameAuditTargets(deps, audit.items),
    auditNextCursor: audit.nextCursor,
    viewerId: admin.userId,
    notice: input.notice ?? null,
    userError: input.userError ?? null,
    roles: ROLES,
  };
}

/** Each entry with its target's name (usernames, question titles), looked up once per target. */
async function nameAuditTargets(
  deps: Deps,
  entries: AuditEntryRecord[],
): Promise<AuditEntryModel[]> {
  const names = new Map<string, string | null>();
  for (const entry of entries) {
    const key = `${entry.targetType}:${entry.targetId}`;
    if (names.has(key)) continue;
    if (entry.targetType === 'user') {
      names.set(key, (await findUserById(deps.database.db, entry.targetId))?.username ?? null);
    } else if (entry.targetType === 'question') {
      names.set(key, (await findQuestion(deps, entry.targetId))?.title ?? null);
    } else names.set(key, null);
  }
  return entries.map((entry) => ({
    ...entry,
    targetName: names.get(`${entry.targetType}:${entry.targetId}`) ?? null,
  }));
}
