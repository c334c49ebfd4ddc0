// CP-move alerts: after forecasts change a question's CP, a job (at most one pending per
// question, run a minute later, so forecasting stays fast and a burst of forecasts is one
// check) compares the CP with each follower's state and alerts by src/domain/cp-move-alert.ts.
import { perDatabase } from '../../db/per-database.ts';
import { selectLastEntry } from '../../db/repositories/cp-entry-repository.ts';
import { selectFollowerIds } from '../../db/repositories/follow-repository.ts';
import {
  selectAlertStates,
  selectSettings,
  upsertAlertState,
} from '../../db/repositories/notification-repository.ts';
import { type Executor, selectQuestion } from '../../db/repositories/question-repository.ts';
import { decideCpMoveAlert } from '../../domain/cp-move-alert.ts';
import { DomainError } from '../../domain/errors.ts';
import { DEFAULT_CP_MOVE_THRESHOLD } from '../../domain/notifications.ts';
import type { Deps } from '../deps.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';
import { channelsFor, notifyUsers } from './notify.ts';

export const CP_MOVE_JOB = 'notifications.cp_move@1';
/** How long after a CP change the check runs; changes meanwhile share the check. */
export const CP_MOVE_CHECK_DELAY_MS = 60_000;
/** The method whose CP the question page shows first (and alerts watch). */
const ALERT_METHOD = 'recency_weighted';

/** Questions this process scheduled a check for, and when (so most forecasts add no statement). */
const scheduledIn = perDatabase((): Map<number, number> => new Map());

/**
 * Call after a CP change committed: makes sure a check of the question is pending. One
 * statement at most per question and minute per process; none when one is already pending.
 */
export async function scheduleCpMoveCheck(deps: Deps, questionId: number): Promise<void> {
  const now = deps.clock.now();
  const scheduled = scheduledIn(deps.database);
  const last = scheduled.get(questionId);
  if (last !== undefined && now.getTime() - last < CP_MOVE_CHECK_DELAY_MS) return;
  if (scheduled.size > 10_000) scheduled.clear();
  scheduled.set(questionId, now.getTime());
  await enqueueJob(deps.database.db, {
    type: CP_MOVE_JOB,
    payload: { question_id: questionId },
    runAt: new Date(now.getTime() + CP_MOVE_CHECK_DELAY_MS),
    dedupeKey: `${CP_MOVE_JOB}:${questionId}`,
    now,
    keepPending: true,
  });
}

/** The same inside a transaction (a job's), without the in-memory throttle. */
export async function scheduleCpMoveCheckIn(
  tx: Executor,
  questionId: number,
  now: Date,
): Promise<void> {
  await enqueueJob(tx, {
    type: CP_MOVE_JOB,
    payload: { question_id: questionId },
    runAt: new Date(now.getTime() + CP_MOVE_CHECK_DELAY_MS),
    dedupeKey: `${CP_MOVE_JOB}:${questionId}`,
    now,
    keepPending: true,
  });
}

/** Forgets the throttle (tests that move the clock backwards, or several test databases). */
export function forgetScheduledCpChecks(deps: Deps): void {
  scheduledIn(deps.database).clear();
}

function percent(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : Math.round(value * 100);
}

/** Handler of `notifications.cp_move@1` (payload `{question_id}`). */
export async function checkCpMove(context: JobContext): Promise<JobResult> {
  const { tx, deps, now } = context;
  const questionId = context.job.payload.question_id;
  if (typeof questionId !== 'number' || !Number.isSafeInteger(questionId) || questionId < 1) {
    throw new DomainError('VALIDATION_FAILED', `${CP_MOVE_JOB} needs a question_id`);
  }
  const question = await selectQuestion(tx, questionId);
  if (question?.status !== 'open') return undefined;
  // Nobody but admins sees the CP before its reveal: no alert tells it either.
  if (question.cpRevealTime !== null && now.getTime() < question.cpRevealTime.getTime()) {
    return undefined;
  }
  const entry = await selectLastEntry(tx, questionId, ALERT_METHOD);
  if (!entry) return undefined;
  const current = entry.centers.map((value) => (value === null ? Number.NaN : value));
  let followers = await selectFollowerIds(tx, 'question', questionId);
  if (question.isForecastBeforeCrowd && followers.length > 0) {
    // Forecast-first questions show the CP only to those who forecast.
    const forecasters = await tx
      .selectFrom('forecasts')
      .select('user_id')
      .distinct()
      .where('question_id', '=', questionId)
      .where('user_id', 'in', followers)
      .execute();
    const set = new Set(forecasters.map((row) => row.user_id));
    followers = followers.filter((id) => set.has(id));
  }
  const channels = await channelsFor(tx, followers, 'cp_moved');
  followers = followers.filter((id) => channels.get(id) !== 'off');
  if (followers.length === 0) return undefined;
  const [states, settings] = await Promise.all([
    selectAlertStates(tx, questionId, followers),
    selectSettings(tx, followers),
  ]);
  for (const userId of followers) {
    const state = states.get(userId) ?? null;
    const decision = decideCpMoveAlert({
      state,
      current,
      now,
      thresholdPoints: settings.get(userId)?.cpMoveThreshold ?? DEFAULT_CP_MOVE_THRESHOLD,
    });
    if (decision.next !== state) {
      await upsertAlertState(tx, {
        userId,
        questionId,
        reference: decision.next.reference,
        lastAlertAt: decision.next.lastAlertAt,
      });
    }
    if (!decision.alert) continue;
    const before = state?.reference ?? [];
    await notifyUsers(tx, deps, {
      userIds: [userId],
      kind: 'cp_moved',
      question: { id: question.id, title: question.title },
      payload: {
        move_points: Math.round(decision.movePoints),
        ...(question.type === 'binary'
          ? { from_percent: percent(before.at(-1)), to_percent: percent(current.at(-1)) }
          : {}),
      },
      dedupeKey: `cp_moved:${questionId}:${now.getTime()}`,
    });
  }
  return undefined;
}
