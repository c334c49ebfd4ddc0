// Reads the public JSON of a forecast or a CP entry (services/forecasts/forecast-views.ts: what
// the API answers and SSE pushes) into a forecast panel's typed values. The page service uses it
// on the server and the forecast panel in the browser, so both read the JSON the same way.
import type {
  CrowdModel,
  ForecastQuestionModel,
  ForecastValuesModel,
  MyForecastModel,
} from './view-models/forecast-panel.ts';

/** The fields of a CP entry's JSON that the panel reads. */
export interface CpEntryJson {
  forecaster_count?: unknown;
  forecast_values?: unknown;
  options?: unknown;
  start_time?: unknown;
}

/** The fields of a forecast's JSON that the panel reads. */
export interface ForecastJson {
  start_time?: unknown;
  end_time?: unknown;
  probability_yes?: unknown;
  probability_yes_per_category?: unknown;
  continuous_cdf?: unknown;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function numbers(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  return value.every((item) => typeof item === 'number' && Number.isFinite(item))
    ? (value as number[])
    : null;
}

function optionLabels(question: ForecastQuestionModel): string[] {
  return (question.options ?? []).map((option) => option.label);
}

/** A CP entry's values for the question's current options; null when it has none to show. */
export function valuesFromEntry(
  question: ForecastQuestionModel,
  entry: CpEntryJson,
): ForecastValuesModel | null {
  const vector = Array.isArray(entry.forecast_values) ? (entry.forecast_values as unknown[]) : [];
  switch (question.type) {
    case 'binary': {
      // Binary entries carry [P(no), P(yes)] (docs/maths.md §4).
      const yes = finiteOrNull(vector[1]);
      return yes === null ? null : { kind: 'binary', probabilityYes: yes };
    }
    case 'multiple_choice': {
      // MC vectors are in all-options order, labelled by `options` (docs/maths.md §0).
      const labels = Array.isArray(entry.options) ? (entry.options as unknown[]) : [];
      const probabilities = optionLabels(question).map((label) => {
        const index = labels.indexOf(label);
        return index < 0 ? null : finiteOrNull(vector[index]);
      });
      return probabilities.some((value) => value !== null)
        ? { kind: 'multiple_choice', probabilities }
        : null;
    }
    default: {
      const cdf = numbers(entry.forecast_values);
      return cdf ? { kind: 'continuous', cdf } : null;
    }
  }
}

/** The crowd as a panel shows it, from the current entry (null: nobody forecasts now). */
export function crowdFromEntry(
  question: ForecastQuestionModel,
  entry: CpEntryJson | null,
): CrowdModel {
  const values = entry ? valuesFromEntry(question, entry) : null;
  if (!entry || !values) return { state: 'empty' };
  return {
    state: 'visible',
    values,
    forecasterCount: finiteOrNull(entry.forecaster_count) ?? 0,
    since: typeof entry.start_time === 'string' ? entry.start_time : '',
  };
}

/** A forecast's JSON as the viewer's standing forecast; null when its values do not fit. */
export function mineFromForecast(
  question: ForecastQuestionModel,
  forecast: ForecastJson,
): MyForecastModel | null {
  let values: ForecastValuesModel | null = null;
  if (question.type === 'binary') {
    const yes = finiteOrNull(forecast.probability_yes);
    values = yes === null ? null : { kind: 'binary', probabilityYes: yes };
  } else if (question.type === 'multiple_choice') {
    const byLabel = forecast.probability_yes_per_category;
    if (byLabel && typeof byLabel === 'object') {
      const record = byLabel as Record<string, unknown>;
      values = {
        kind: 'multiple_choice',
        probabilities: optionLabels(question).map((label) =>
          Object.hasOwn(record, label) ? finiteOrNull(record[label]) : null,
        ),
      };
    }
  } else {
    const cdf = numbers(forecast.continuous_cdf);
    values = cdf ? { kind: 'continuous', cdf } : null;
  }
  if (!values) return null;
  return {
    values,
    startTime: typeof forecast.start_time === 'string' ? forecast.start_time : '',
    endTime: typeof forecast.end_time === 'string' ? forecast.end_time : null,
  };
}
