// A user withdraws their standing forecast: it ends now (or is deleted if it started this very
// second, docs/maths.md §14.2) and the CP moves, in one transaction.

import {
  deleteForecast,
  findStandingForecast,
  setForecastEndTime,
} from '../../db/repositories/forecast-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { canForecast } from '../../domain/question-lifecycle.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { afterForecastChange } from '../notifications/after-forecast.ts';
import { visibilityFor } from './cp-access.ts';
import type { CpEventResult } from './cp-transaction.ts';
import { runCpTransaction } from './cp-transaction.ts';
import { cpEntryView } from './forecast-views.ts';
import { idempotencyRequest } from './idempotency.ts';
import { questionNotOpen, withSharedMethods } from './submit-forecast.ts';

export interface WithdrawForecastInput {
  actor: Actor | null;
  questionId: number;
  idempotencyKey?: string;
}

export function noStandingForecast(questionId: number): DomainError {
  return new DomainError('NOT_FOUND', 'You have no standing forecast on this question.', {
    question_id: questionId,
  });
}

/** 200 `{community_prediction}` (null when hidden or when nobody forecasts any more). */
export async function withdrawForecast(
  deps: Deps,
  input: WithdrawForecastInput,
): Promise<CpEventResult> {
  const user = requireUser(input.actor, { scope: 'write' });
  const idempotency = idempotencyRequest(
    input.idempotencyKey,
    user.userId,
    'forecasts.withdraw',
    input.questionId,
    {},
  );
  const result = await runCpTransaction(
    deps,
    { questionId: input.questionId, actor: user, idempotency },
    async (context) => {
      const { tx, question, time } = context;
      if (!canForecast(question, context.now)) throw questionNotOpen(question);
      const standing = await findStandingForecast(tx, question.id, user.userId, time);
      if (!standing) throw noStandingForecast(question.id);
      // Load the engines before writing: a rebuild reads the stored forecasts of this transaction.
      const engines = await context.engines();
      if (standing.startTime === time) await deleteForecast(tx, standing.id);
      else await setForecastEndTime(tx, standing.id, time);
      const steps = engines.group.withdraw(user.userId, time);
      // A forecast deleted in its own second may take its timestep with it: the engine then
      // yields a retraction step (§7 has no entry where no stored forecast starts or ends).
      await context.writeSteps(withSharedMethods(steps));
      const visibility = await visibilityFor(tx, question, user, context.now);
      const current = visibility.ok ? await context.currentEntry() : null;
      return {
        statusCode: 200,
        body: { community_prediction: current === null ? null : cpEntryView(question, current) },
      };
    },
  );
  await afterForecastChange(deps, {
    userId: user.userId,
    questionId: input.questionId,
    isNewForecast: false,
  });
  return result;
}
