import type { ForecastRecord } from '../../db/repositories/forecast-repository.ts';
import type { Actor, UserActor } from '../../domain/actor.ts';
import { cpVisibility } from '../../domain/cp-visibility.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  checkEndTime,
  checkForecastValues,
  type ForecastValues,
  type ForecastValuesInput,
} from '../../domain/forecast-values.ts';
import { canForecast } from '../../domain/question-lifecycle.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { afterForecastChange } from '../notifications/after-forecast.ts';
import { toCoreForecast } from './cp-engine-cache.ts';
import type { StepsByMethod } from './cp-history-writer.ts';
import { type CpEventContext, type CpEventResult, runCpTransaction } from './cp-transaction.ts';
import { cpEntryView, forecastView } from './forecast-views.ts';
import { idempotencyRequest } from './idempotency.ts';

export const EXPIRE_FORECASTS_JOB = 'forecasts.expire@1';

export interface SubmitForecastInput {
  actor: Actor | null;
  questionId: number;
  values: ForecastValuesInput;
  /** Optional auto-withdrawal instant (whole seconds are kept). */
  endTime?: Date;
  idempotencyKey?: string;
}

export function questionNotOpen(question: QuestionRecord): DomainError {
  return new DomainError('QUESTION_NOT_OPEN', 'This question is not open for forecasting.', {
    status: question.status,
  });
}

export function valuesError(fields: { path: string; message: string }[]): DomainError {
  const first = fields[0];
  return new DomainError(
    'VALIDATION_FAILED',
    first ? `${first.path}: ${first.message}` : 'The forecast is invalid.',
    { fields },
  );
}

/** 201 `{forecast, community_prediction}`; the CP is null when hidden from this user. */
export async function submitForecast(
  deps: Deps,
  input: SubmitForecastInput,
): Promise<CpEventResult> {
  const user = requireUser(input.actor, { scope: 'write' });
  const idempotency = idempotencyRequest(
    input.idempotencyKey,
    user.userId,
    'forecasts.submit',
    input.questionId,
    { ...input.values, end_time: input.endTime?.toISOString() ?? null },
  );
  const result = await runCpTransaction(
    deps,
    {
      questionId: input.questionId,
      actor: user,
      idempotency,
      reserveForecastId: true,
      // An end_time enqueues its expiration job, a statement of the event's own.
      optimistic: input.endTime === undefined,
    },
    (context) => {
      if (!canForecast(context.question, context.now)) throw questionNotOpen(context.question);
      const check = checkForecastValues(context.question, input.values);
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

function storedValues(values: ForecastValues) {
  return {
    probabilityYes: values.kind === 'binary' ? values.probabilityYes : null,
    probabilityYesPerCategory:
      values.kind === 'multiple_choice' ? values.probabilityYesPerCategory : null,
    continuousCdf: values.kind === 'continuous' ? values.continuousCdf : null,
  };
}

/**
 * Ends the user's standing forecast at the event's second (deleting it if it started in that
 * same second, docs/maths.md §14.2), inserts the new one and applies it to every method's engine.
 * Nothing is read: the engines know the standing forecast, and the writes go out with the rest
 * of the event (cp-transaction.ts).
 */
export async function placeForecast(
  context: CpEventContext,
  user: UserActor,
  values: ForecastValues,
  endTime: Date | undefined,
): Promise<CpEventResult> {
  const { tx, question, time } = context;
  let endSeconds: number | null = null;
  if (endTime !== undefined) {
    const check = checkEndTime(endTime, time);
    if (!check.ok) {
      throw valuesError([
        { path: '/end_time', message: 'must be in the future (at least one second from now)' },
      ]);
    }
    endSeconds = check.endSeconds;
  }
  if (context.reservedForecastId === null) {
    throw new RangeError('placeForecast needs an event with reserveForecastId');
  }
  // Load the engines before writing: a rebuild reads the stored forecasts of this transaction.
  const engines = await context.engines();
  const forecast: ForecastRecord = {
    id: context.reservedForecastId,
    questionId: question.id,
    userId: user.userId,
    startTime: time,
    endTime: endSeconds,
    ...storedValues(values),
  };
  context.replaceForecast(forecast);
  // The group's question is engineQuestion(question): the cache rebuilds it when that changes.
  const core = toCoreForecast(engines.group.question, forecast);
  await context.writeSteps(withSharedMethods(engines.group.addForecast(core)));
  if (endSeconds !== null) {
    await enqueueJob(tx, {
      type: EXPIRE_FORECASTS_JOB,
      payload: { question_id: question.id },
      runAt: new Date(endSeconds * 1000),
      dedupeKey: `${EXPIRE_FORECASTS_JOB}:${question.id}:${endSeconds}`,
      now: context.now,
    });
  }
  return { statusCode: 201, body: await forecastResponse(context, user, forecast) };
}

/** Continuous questions store log_odds_mean = recency_weighted (§15.4) from one engine. */
export function withSharedMethods(steps: StepsByMethod): StepsByMethod {
  if (steps.some(([method]) => method === 'log_odds_mean')) return steps;
  const recency = steps.find(([method]) => method === 'recency_weighted');
  return recency ? [...steps, ['log_odds_mean', recency[1]]] : steps;
}

async function forecastResponse(
  context: CpEventContext,
  user: UserActor,
  forecast: ForecastRecord,
): Promise<Record<string, unknown>> {
  // The user has a forecast on the question now: the forecast-first rule is met.
  const visibility = cpVisibility(context.question, user, context.now, true);
  const current = visibility.ok ? await context.currentEntry() : null;
  return {
    forecast: forecastView(context.question, forecast),
    community_prediction: current === null ? null : cpEntryView(context.question, current),
  };
}
