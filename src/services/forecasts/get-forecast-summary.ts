// What GET /api/v1/questions/{id} shows about forecasting: the CP the actor may see, the actor's
// standing forecast and the number of forecasters (shown even while the CP is hidden).

import { selectLastEntry } from '../../db/repositories/cp-entry-repository.ts';
import {
  findStandingForecast,
  userHasForecast,
} from '../../db/repositories/forecast-repository.ts';
import { type Actor, actorUserId } from '../../domain/actor.ts';
import { cpVisibility, needsForecastCheck } from '../../domain/cp-visibility.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import {
  type CpEntryView,
  cpEntryView,
  type ForecastView,
  forecastView,
} from './forecast-views.ts';

export interface ForecastSummary {
  community_prediction: CpEntryView | null;
  my_forecast: ForecastView | null;
  forecaster_count: number;
}

export async function getForecastSummary(
  deps: Deps,
  question: QuestionRecord,
  actor: Actor | null,
): Promise<ForecastSummary> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const userId = actorUserId(actor);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const [last, standing] = await Promise.all([
    selectLastEntry(db, question.id, 'recency_weighted'),
    userId === null ? undefined : findStandingForecast(db, question.id, userId, nowSeconds),
  ]);
  let hasForecast = standing !== undefined;
  if (!hasForecast && needsForecastCheck(question, actor)) {
    hasForecast = await userHasForecast(db, question.id, userId as number);
  }
  const current = last && last.endTime === null ? last : undefined;
  const isVisible = cpVisibility(question, actor, now, hasForecast).ok;
  return {
    community_prediction: current && isVisible ? cpEntryView(question, current) : null,
    my_forecast: standing ? forecastView(question, standing) : null,
    forecaster_count: current?.forecasterCount ?? 0,
  };
}
