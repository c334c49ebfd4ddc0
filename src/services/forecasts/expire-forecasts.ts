// forecasts.expire@1: a forecast with an end_time withdraws itself then. The job brings the CP
// history up to now, appending an entry at each end time that has come (docs/maths.md §7: future end
// times are timesteps once they arrive; end times after the close never are).
import { SYSTEM_ACTOR } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';
import { scheduleCpMoveCheckIn } from '../notifications/cp-move.ts';
import { runCpTransaction } from './cp-transaction.ts';
import { withSharedMethods } from './submit-forecast.ts';

/** Handler of `forecasts.expire@1` (payload `{question_id}`), run in the job's transaction. */
export async function expireForecasts(context: JobContext): Promise<JobResult> {
  const questionId = context.job.payload.question_id;
  if (typeof questionId !== 'number' || !Number.isSafeInteger(questionId) || questionId < 1) {
    throw new DomainError('VALIDATION_FAILED', 'forecasts.expire@1 needs a question_id');
  }
  await runCpTransaction(
    context.deps,
    {
      questionId,
      actor: SYSTEM_ACTOR,
      transaction: context.tx as Parameters<typeof runCpTransaction>[1]['transaction'],
    },
    async (event) => {
      const engines = await event.engines();
      await event.writeSteps(withSharedMethods(engines.group.advanceTo(event.time)));
      return { statusCode: 200, body: {} };
    },
  );
  // Withdrawals move the CP: followers may hear of it.
  await scheduleCpMoveCheckIn(context.tx, questionId, context.now);
  return undefined;
}
