// The CP at any instant (docs/maths.md §7 at-time query over all stored forecasts, unclipped).
import { cpAtTime } from '../../core/aggregation/cp-history.ts';
import type { AggregationMethod } from '../../core/types.ts';
import { listQuestionForecasts } from '../../db/repositories/forecast-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { toCoreQuestion } from '../../domain/question-core.ts';
import { isContinuousType } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from '../questions/find-question.ts';
import { requireCpVisible } from './cp-access.ts';
import { toCoreForecast } from './cp-engine-cache.ts';
import { SERVER_EXTREMIZE } from './cp-transaction.ts';
import { atTimeEntryView, type CpEntryView, isoFromSeconds } from './forecast-views.ts';

export interface GetCpAtTimeInput {
  actor: Actor | null;
  questionId: number;
  /** Default: now. Whole seconds count (forecast times are whole seconds). */
  at?: Date;
  method?: AggregationMethod;
}

export interface CpAtTime {
  question_id: number;
  at: string;
  method: AggregationMethod;
  /** null when no forecast is active at that instant */
  community_prediction: CpEntryView | null;
}

export async function getCpAtTime(deps: Deps, input: GetCpAtTimeInput): Promise<CpAtTime> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const db = deps.database.db;
  const now = deps.clock.now();
  await requireCpVisible(db, question, input.actor, now);
  const method = input.method ?? 'recency_weighted';
  const at = Math.floor((input.at ?? now).getTime() / 1000);
  const core = toCoreQuestion(question);
  const forecasts = (await listQuestionForecasts(db, question.id)).map((forecast) =>
    toCoreForecast(core, forecast),
  );
  // §16.2: the histogram on binary recency-weighted entries, scaled quartiles on continuous.
  const entry = cpAtTime({ question: core, forecasts }, method, at, {
    extremize: SERVER_EXTREMIZE,
    includeHistogram: question.type === 'binary' && method === 'recency_weighted',
    includeScaledQuartiles: isContinuousType(question.type),
  });
  return {
    question_id: question.id,
    at: isoFromSeconds(at),
    method,
    community_prediction: entry === null ? null : atTimeEntryView(question, method, entry),
  };
}
