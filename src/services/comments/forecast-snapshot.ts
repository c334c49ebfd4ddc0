// The short form of a forecast shown as a badge beside a comment ("72 %", "Détente 45 %",
// "median 15.2 %"), with the probability vector the "disagrees with the crowd" sort compares.
import type { ForecastRecord } from '../../db/repositories/forecast-repository.ts';
import { scaledPercentiles } from '../../domain/continuous-forecast.ts';
import type { ForecastSnapshot } from '../../domain/discussion.ts';
import { alignToAllOptions, allOptionLabels } from '../../domain/forecast-values.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { forecastQuestionModel } from '../pages/forecast-panel-model.ts';

function percent(probability: number): string {
  return `${(probability * 100).toFixed(probability < 0.1 || probability > 0.9 ? 1 : 0)}\u00a0%`;
}

export function forecastSnapshot(
  question: QuestionRecord,
  forecast: Pick<ForecastRecord, 'probabilityYes' | 'probabilityYesPerCategory' | 'continuousCdf'>,
): ForecastSnapshot | null {
  if (question.type === 'binary' && forecast.probabilityYes !== null) {
    return { label: percent(forecast.probabilityYes), vector: [forecast.probabilityYes] };
  }
  if (question.type === 'multiple_choice' && forecast.probabilityYesPerCategory) {
    const labels = allOptionLabels(question);
    const vector = alignToAllOptions(forecast.probabilityYesPerCategory, labels.length, null);
    let best = -1;
    for (let index = 0; index < vector.length; index += 1) {
      const value = vector[index];
      if (value !== null && value !== undefined && (best < 0 || value > (vector[best] ?? 0))) {
        best = index;
      }
    }
    if (best < 0) return null;
    return {
      label: `${labels[best]} ${percent(vector[best] ?? 0)}`,
      vector: vector.map((value) => value ?? 0),
    };
  }
  const range = forecastQuestionModel(question).range;
  if (range && forecast.continuousCdf) {
    const [median] = scaledPercentiles(range, forecast.continuousCdf, [50]);
    if (median === undefined || !Number.isFinite(median)) return null;
    const unit = range.unit ? `\u00a0${range.unit}` : '';
    const shown =
      range.kind === 'date'
        ? new Date(Math.round(median) * 1000).toISOString().slice(0, 10)
        : range.kind === 'discrete'
          ? `${Math.round(median)}${unit}`
          : `${Number(median.toPrecision(3))}${unit}`;
    return { label: `median ${shown}`, vector: null };
  }
  return null;
}
