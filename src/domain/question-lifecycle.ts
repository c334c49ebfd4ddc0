// The question lifecycle: which transitions each state allows, and the state they lead to.
// Every rule returns `{ ok: true, … } | { ok: false, reason }` (model: Ghost's gifts); services map
// reasons to DomainErrors. States and actions are closed unions; ALLOWED_FROM decides each pair.
import type { FieldProblem } from './errors.ts';
import { checkScheduleOrder, type QuestionSchedule, truncateToSecond } from './question-fields.ts';
import type { QuestionRecord, QuestionStatus } from './question-record.ts';

export type LifecycleAction =
  | 'edit'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'open'
  | 'close'
  | 'clarify'
  | 'add_option';

export type TransitionRefusal =
  | { ok: false; reason: 'wrong_status'; action: LifecycleAction; status: QuestionStatus }
  | { ok: false; reason: 'not_due'; action: 'open' | 'close'; dueAt: Date };

export type ScheduleRefusal = {
  ok: false;
  reason: 'invalid_schedule';
  fields: FieldProblem[];
};

/**
 * The states each action is allowed from. Keyed by the closed union of actions, so adding an
 * action without deciding its states does not compile; every other state refuses it.
 */
const ALLOWED_FROM: Record<LifecycleAction, readonly QuestionStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  approve: ['in_review'],
  reject: ['in_review'],
  open: ['scheduled'],
  close: ['open'],
  // Clarifications amend a question once it has left review, until it is annulled.
  clarify: ['scheduled', 'open', 'closed', 'resolution_proposed', 'resolved'],
  // Options go to approved questions that still take forecasts (drafts are edited instead).
  add_option: ['scheduled', 'open'],
};

function wrongStatus(action: LifecycleAction, status: QuestionStatus): TransitionRefusal {
  return { ok: false, reason: 'wrong_status', action, status };
}

/** The refusal when `action` is not allowed from `status`, else null. */
function refusalFor(action: LifecycleAction, status: QuestionStatus): TransitionRefusal | null {
  return ALLOWED_FROM[action].includes(status) ? null : wrongStatus(action, status);
}

type Lifecycle = Pick<
  QuestionRecord,
  'status' | 'openTime' | 'scheduledCloseTime' | 'actualCloseTime' | 'cpRevealTime'
>;

/** Drafts alone are edited in place; afterwards text changes only through clarifications. */
export function canEdit(
  question: Pick<QuestionRecord, 'status'>,
): { ok: true } | TransitionRefusal {
  return refusalFor('edit', question.status) ?? { ok: true };
}

/** draft → in_review. */
export function submitForReview(
  question: Pick<QuestionRecord, 'status'>,
): { ok: true; status: 'in_review' } | TransitionRefusal {
  return refusalFor('submit', question.status) ?? { ok: true, status: 'in_review' };
}

/** in_review → draft, keeping the moderator's note for the author. */
export function reject(
  question: Pick<QuestionRecord, 'status'>,
): { ok: true; status: 'draft' } | TransitionRefusal {
  return refusalFor('reject', question.status) ?? { ok: true, status: 'draft' };
}

export interface ApprovedSchedule {
  openTime: Date;
  scheduledCloseTime: Date;
  scheduledResolveTime: Date;
  cpRevealTime: Date | null;
}

/** Checks an approval's times: all three set, in order, and the close still ahead of `now`. */
export function checkApprovalSchedule(
  schedule: QuestionSchedule,
  now: Date,
): { ok: true; schedule: ApprovedSchedule } | ScheduleRefusal {
  const fields: FieldProblem[] = [];
  if (!schedule.openTime) fields.push({ path: '/open_time', message: 'is required' });
  if (!schedule.scheduledCloseTime) {
    fields.push({ path: '/scheduled_close_time', message: 'is required' });
  }
  if (!schedule.scheduledResolveTime) {
    fields.push({ path: '/scheduled_resolve_time', message: 'is required' });
  }
  fields.push(...checkScheduleOrder(schedule));
  if (schedule.scheduledCloseTime && schedule.scheduledCloseTime.getTime() <= now.getTime()) {
    fields.push({ path: '/scheduled_close_time', message: 'must be in the future' });
  }
  if (fields.length > 0 || !schedule.openTime)
    return { ok: false, reason: 'invalid_schedule', fields };
  // A question approved after its proposed opening opens now: forecasting (and scoring coverage)
  // cannot start before the approval.
  const nowSecond = truncateToSecond(now);
  const openTime =
    schedule.openTime.getTime() < nowSecond.getTime() ? nowSecond : schedule.openTime;
  const cpRevealTime =
    schedule.cpRevealTime && schedule.cpRevealTime.getTime() < openTime.getTime()
      ? openTime
      : schedule.cpRevealTime;
  return {
    ok: true,
    schedule: {
      openTime,
      scheduledCloseTime: schedule.scheduledCloseTime!,
      scheduledResolveTime: schedule.scheduledResolveTime!,
      cpRevealTime,
    },
  };
}

/**
 * in_review → scheduled, or straight to open when the approved opening has come (checked with
 * `checkApprovalSchedule` first; the state is judged before the times).
 */
export function approve(
  question: Pick<QuestionRecord, 'status'>,
):
  | { ok: true; statusAt(schedule: ApprovedSchedule, now: Date): 'scheduled' | 'open' }
  | TransitionRefusal {
  return (
    refusalFor('approve', question.status) ?? {
      ok: true,
      statusAt: (schedule, now) =>
        schedule.openTime.getTime() <= now.getTime() ? 'open' : 'scheduled',
    }
  );
}

/** scheduled → open, once open_time has passed (the job's rule). */
export function openScheduled(
  question: Lifecycle,
  now: Date,
): { ok: true; status: 'open' } | TransitionRefusal {
  const refusal = refusalFor('open', question.status);
  if (refusal) return refusal;
  if (!question.openTime) return wrongStatus('open', question.status);
  if (question.openTime.getTime() > now.getTime()) {
    return { ok: false, reason: 'not_due', action: 'open', dueAt: question.openTime };
  }
  return { ok: true, status: 'open' };
}

/** open → closed at scheduled_close_time (the job's rule); the close instant is the scheduled one. */
export function closeOnSchedule(
  question: Lifecycle,
  now: Date,
): { ok: true; status: 'closed'; actualCloseTime: Date } | TransitionRefusal {
  const refusal = refusalFor('close', question.status);
  if (refusal) return refusal;
  if (!question.scheduledCloseTime) return wrongStatus('close', question.status);
  if (question.scheduledCloseTime.getTime() > now.getTime()) {
    return { ok: false, reason: 'not_due', action: 'close', dueAt: question.scheduledCloseTime };
  }
  return { ok: true, status: 'closed', actualCloseTime: question.scheduledCloseTime };
}

/** open → closed now (a moderator, when the outcome is known early). */
export function closeEarly(
  question: Lifecycle,
  now: Date,
): { ok: true; status: 'closed'; actualCloseTime: Date } | TransitionRefusal {
  const refusal = refusalFor('close', question.status);
  if (refusal) return refusal;
  const nowSecond = truncateToSecond(now);
  const scheduled = question.scheduledCloseTime;
  const actualCloseTime =
    scheduled && scheduled.getTime() < nowSecond.getTime() ? scheduled : nowSecond;
  return { ok: true, status: 'closed', actualCloseTime };
}

/** Clarifications amend a question once it has left review (approved, open or later). */
export function canClarify(
  question: Pick<QuestionRecord, 'status'>,
): { ok: true } | TransitionRefusal {
  return refusalFor('clarify', question.status) ?? { ok: true };
}

/** Options are added to approved questions that still take forecasts (drafts are edited instead). */
export function canAddOption(
  question: Pick<QuestionRecord, 'status'>,
): { ok: true } | TransitionRefusal {
  return refusalFor('add_option', question.status) ?? { ok: true };
}

/**
 * Whether a forecast may be made at `now`: the question is open, its opening has come, its
 * scheduled close has not, and it was not closed early (docs/maths.md §14.2).
 */
export function canForecast(question: Lifecycle, now: Date): boolean {
  const t = now.getTime();
  return (
    question.status === 'open' &&
    question.openTime !== null &&
    question.scheduledCloseTime !== null &&
    question.actualCloseTime === null &&
    question.openTime.getTime() <= t &&
    t < question.scheduledCloseTime.getTime()
  );
}
