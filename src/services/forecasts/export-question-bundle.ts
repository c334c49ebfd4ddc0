// GET /questions/{id}/bundle: the question and its forecasts in the bundle format of docs/maths.md §16.1,
// so that `brier aggregate` / `brier score` reproduce the site's numbers. Forecasters are
// pseudonymised per question.

import {
  type ForecastRecord,
  listQuestionForecasts,
} from '../../db/repositories/forecast-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { alignToAllOptions, allOptionLabels } from '../../domain/forecast-values.ts';
import { toCoreQuestion } from '../../domain/question-core.ts';
import { isContinuousType, type QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from '../questions/find-question.ts';
import { requireCpVisible } from './cp-access.ts';

export interface BundleForecast {
  id: number;
  user_id: number;
  start_time: number;
  end_time: number | null;
  probability_yes?: number;
  probability_yes_per_category?: Array<number | null>;
  continuous_cdf?: number[];
}

export interface QuestionBundle {
  question: Record<string, unknown>;
  forecasts: BundleForecast[];
}

/**
 * Pseudonyms: forecasters become 1…n in order of their first forecast (smallest id); forecasts
 * become 1…m in id order, which keeps the start-time tie-break of docs/maths.md §1.
 */
export function pseudonymise(forecasts: readonly ForecastRecord[]): {
  userIds: Map<number, number>;
  forecastIds: Map<number, number>;
} {
  const ordered = [...forecasts].sort((left, right) => left.id - right.id);
  const userIds = new Map<number, number>();
  const forecastIds = new Map<number, number>();
  for (const forecast of ordered) {
    if (!userIds.has(forecast.userId)) userIds.set(forecast.userId, userIds.size + 1);
    forecastIds.set(forecast.id, forecastIds.size + 1);
  }
  return { userIds, forecastIds };
}

function bundleQuestion(question: QuestionRecord): Record<string, unknown> {
  const core = toCoreQuestion(question);
  const result: Record<string, unknown> = {
    id: question.id,
    type: question.type,
    title: question.title,
    open_time: core.openTime,
    scheduled_close_time: core.scheduledCloseTime,
    actual_close_time: core.actualCloseTime,
  };
  if (isContinuousType(question.type)) {
    result.range_min = core.rangeMin;
    result.range_max = core.rangeMax;
    result.zero_point = core.zeroPoint ?? null;
    result.open_lower_bound = core.openLowerBound;
    result.open_upper_bound = core.openUpperBound;
    result.inbound_outcome_count = core.inboundOutcomeCount;
    result.unit = question.unit;
  }
  if (question.type === 'multiple_choice') {
    result.options = (question.options ?? []).map((option) => option.label);
    if (question.optionsHistory && question.optionsHistory.length > 0) {
      result.options_history = question.optionsHistory;
    }
  }
  if (question.resolution !== null) {
    result.resolution = question.resolution;
    result.spot_scoring_time = null;
  }
  return result;
}

export function buildBundle(
  question: QuestionRecord,
  forecasts: readonly ForecastRecord[],
): QuestionBundle {
  const { userIds, forecastIds } = pseudonymise(forecasts);
  const optionCount = question.type === 'multiple_choice' ? allOptionLabels(question).length : 0;
  const rows = [...forecasts]
    .sort((left, right) => left.id - right.id)
    .map((forecast): BundleForecast => {
      const row: BundleForecast = {
        id: forecastIds.get(forecast.id) as number,
        user_id: userIds.get(forecast.userId) as number,
        start_time: forecast.startTime,
        end_time: forecast.endTime,
      };
      if (question.type === 'binary') row.probability_yes = forecast.probabilityYes as number;
      else if (question.type === 'multiple_choice') {
        row.probability_yes_per_category = alignToAllOptions(
          forecast.probabilityYesPerCategory ?? [],
          optionCount,
          null,
        );
      } else row.continuous_cdf = forecast.continuousCdf ?? [];
      return row;
    });
  return { question: bundleQuestion(question), forecasts: rows };
}

export async function exportQuestionBundle(
  deps: Deps,
  input: { actor: Actor | null; questionId: number },
): Promise<QuestionBundle> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const db = deps.database.db;
  await requireCpVisible(db, question, input.actor, deps.clock.now());
  return buildBundle(question, await listQuestionForecasts(db, question.id));
}
