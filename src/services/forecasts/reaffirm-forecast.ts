// Reaffirm: re-submit the standing forecast's values with a new start (docs/design.md "Forecasting rules").

import {
  type ForecastRecord,
  findStandingForecast,
} from '../../db/repositories/forecast-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import {
  alignToAllOptions,
  allOptionLabels,
  checkForecastValues,
  type ForecastValuesInput,
} from '../../domain/forecast-values.ts';
import { canForecast } from '../../domain/question-lifecycle.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { afterForecastChange } from '../notifications/after-forecast.ts';
import type { CpEventResult } from './cp-transaction.ts';
import { runCpTransaction } from './cp-transaction.ts';
import { idempotencyRequest } from './idempotency.ts';
import { placeForecast, questionNotOpen, valuesError } from './submit-forecast.ts';
import { noStandingForecast } from './withdraw-forecast.ts';

export interface ReaffirmForecastInput {
  actor: Actor | null;
  questionId: number;
  endTime?: Date;
  idempotencyKey?: string;
}

/** The stored values as a submission, so they pass today's rules (options may have been added). */
function asSubmission(question: QuestionRecord, forecast: ForecastRecord): ForecastValuesInput {
  if (question.type === 'binary') return { probabilityYes: forecast.probabilityYes as number };
  if (question.type === 'multiple_choice') {
    const labels = allOptionLabels(question);
    const vector = alignToAllOptions(forecast.probabilityYesPerCategory ?? [], labels.length, null);
    // fromEntries defines own properties, even for a label such as "__proto__".
    return {
      probabilityYesPerCategory: Object.fromEntries(
        labels.map((label, index) => [label, vector[index] ?? null]),
      ),
    };
  }
  return { continuousCdf: forecast.continuousCdf ?? [] };
}

/** 201 `{forecast, community_prediction}`, like a new forecast. */
export async function reaffirmForecast(
  deps: Deps,
  input: ReaffirmForecastInput,
): Promise<CpEventResult> {
  const user = requireUser(input.actor, { scope: 'write' });
  const idempotency = idempotencyRequest(
    input.idempotencyKey,
    user.userId,
    'forecasts.reaffirm',
    input.questionId,
    { end_time: input.endTime?.toISOString() ?? null },
  );
  const result = await runCpTransaction(
    deps,
    { questionId: input.questionId, actor: user, idempotency, reserveForecastId: true },
    async (context) => {
      const { tx, question, time } = context;
      if (!canForecast(question, context.now)) throw questionNotOpen(question);
      const standing = await findStandingForecast(tx, question.id, user.userId, time);
      if (!standing) throw noStandingForecast(question.id);
      const check = checkForecastValues(question, asSubmission(question, standing));
      if (!check.ok) throw valuesError(check.fields);
      return placeForecast(context, user, check.values, input.endTime);
    },
  );
  await afterForecastChange(deps, {
    userId: user.userId,
    questionId: input.questionId,
    isNewForecast: true,
  });
  return result;
}
