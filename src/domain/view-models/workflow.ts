// What the analyst, moderator and admin pages show (built by services/pages/get-workflow-pages.ts,
// rendered by views/pages/workflow/*): drafts, the review queue, users and the audit log.
import type { Role } from '../actor.ts';
import type { QuestionFormErrors, QuestionFormValues } from '../question-form.ts';
import type { QuestionRecord } from '../question-record.ts';
import type { User } from '../user.ts';

/** The new-question and edit-draft form: what was typed and what is wrong with it. */
export interface QuestionFormState {
  values: QuestionFormValues;
  errors: QuestionFormErrors;
}

export interface QuestionFormModel {
  /** null for a new question; the draft's id when editing. */
  questionId: number | null;
  form: QuestionFormState;
  /** The moderator's note when the draft came back from review. */
  reviewNote: string | null;
}

export interface DraftsModel {
  /** The viewer's drafts and questions in review, most recently changed first. */
  drafts: QuestionRecord[];
  /** A message after an action (created, saved, submitted). */
  notice: string | null;
  /** A refused "submit for review", shown beside that draft. */
  submitError: { questionId: number; message: string } | null;
}

/** The approve form's fields (datetime-local values in UTC) and errors. */
export interface ApproveFormState {
  values: { open_time: string; scheduled_close_time: string; scheduled_resolve_time: string };
  errors: Partial<
    Record<'open_time' | 'scheduled_close_time' | 'scheduled_resolve_time' | 'form', string>
  >;
}

export interface RejectFormState {
  note: string;
  error: string | null;
}

export interface ReviewItemModel {
  question: QuestionRecord;
  approve: ApproveFormState;
  reject: RejectFormState;
}

export interface ReviewQueueModel {
  items: ReviewItemModel[];
  notice: string | null;
}

export interface AuditEntryModel {
  id: number;
  actorUsername: string | null;
  action: string;
  targetType: string;
  targetId: number;
  /** The target's name as people know it: a username, a question's title; null if gone. */
  targetName: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface AdminModel {
  users: User[];
  /** Cursor of the next page of users, or null on the last. */
  usersNextCursor: string | null;
  audit: AuditEntryModel[];
  auditNextCursor: string | null;
  /** The admin looking (who cannot change their own account). */
  viewerId: number;
  notice: string | null;
  /** A refused change, shown beside that user. */
  userError: { userId: number; message: string } | null;
  roles: readonly Role[];
}
