// Public JSON shapes (snake_case, RFC 3339) of forecasts and CP entries. They live below the
// HTTP layer because the same bodies are stored as idempotent results and pushed over SSE.
import { unscaledToScaled } from '../../core/locations/scale.ts';
import type { AggregateEntry, AggregationMethod } from '../../core/types.ts';
import type { CpEntryRecord } from '../../db/repositories/cp-entry-repository.ts';
import type { ForecastRecord } from '../../db/repositories/forecast-repository.ts';
import { alignToAllOptions, allOptionLabels } from '../../domain/forecast-values.ts';
import { isContinuousType, type QuestionRecord } from '../../domain/question-record.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ForecastView {
  [key: string]: Json;
  id: number;
  question_id: number;
  start_time: string;
  end_time: string | null;
}

export interface CpEntryView {
  [key: string]: Json;
  method: AggregationMethod;
  forecaster_count: number;
  forecast_values: Array<number | null>;
  interval_lower_bounds: Array<number | null>;
  centers: Array<number | null>;
  interval_upper_bounds: Array<number | null>;
  means: Array<number | null> | null;
}

export function isoFromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

type ViewQuestion = Pick<
  QuestionRecord,
  'id' | 'type' | 'options' | 'optionsHistory' | 'rangeMin' | 'rangeMax' | 'zeroPoint'
>;

function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

export function forecastView(question: ViewQuestion, forecast: ForecastRecord): ForecastView {
  const view: ForecastView = {
    id: forecast.id,
    question_id: forecast.questionId,
    start_time: isoFromSeconds(forecast.startTime),
    end_time: forecast.endTime === null ? null : isoFromSeconds(forecast.endTime),
  };
  if (question.type === 'binary') {
    view.probability_yes = forecast.probabilityYes;
  } else if (question.type === 'multiple_choice') {
    const labels = allOptionLabels(question);
    const vector = alignToAllOptions(forecast.probabilityYesPerCategory ?? [], labels.length, null);
    // fromEntries defines own properties, even for a label such as "__proto__".
    view.probability_yes_per_category = Object.fromEntries(
      labels.map((label, index) => [label, vector[index] ?? null]),
    );
  } else {
    view.continuous_cdf = forecast.continuousCdf ?? [];
  }
  return view;
}

/** The parts of an entry every view has (a stored entry, or one computed at a time). */
interface EntryValues {
  forecasterCount: number;
  forecastValues: ReadonlyArray<number | null>;
  intervalLowerBounds: ReadonlyArray<number | null>;
  centers: ReadonlyArray<number | null>;
  intervalUpperBounds: ReadonlyArray<number | null>;
  means: ReadonlyArray<number | null> | null;
}

function vectorView(
  question: ViewQuestion,
  values: ReadonlyArray<number | null>,
): Array<number | null> {
  const cleaned = values.map(finite);
  if (question.type !== 'multiple_choice') return cleaned;
  return alignToAllOptions(cleaned, allOptionLabels(question).length, null);
}

/** An entry's forecast values as its view carries them (what a chart reads of an entry). */
export function chartEntryJson(
  question: ViewQuestion,
  forecastValues: ReadonlyArray<number | null>,
): { forecast_values: Array<number | null>; options?: string[] } {
  const json: { forecast_values: Array<number | null>; options?: string[] } = {
    forecast_values: vectorView(question, forecastValues),
  };
  if (question.type === 'multiple_choice') json.options = allOptionLabels(question);
  return json;
}

function valuesView(
  question: ViewQuestion,
  method: AggregationMethod,
  entry: EntryValues,
): CpEntryView {
  const view: CpEntryView = {
    method,
    forecaster_count: entry.forecasterCount,
    forecast_values: vectorView(question, entry.forecastValues),
    interval_lower_bounds: vectorView(question, entry.intervalLowerBounds),
    centers: vectorView(question, entry.centers),
    interval_upper_bounds: vectorView(question, entry.intervalUpperBounds),
    means: entry.means === null ? null : vectorView(question, entry.means),
  };
  if (question.type === 'multiple_choice') view.options = allOptionLabels(question);
  if (isContinuousType(question.type) && question.rangeMin !== null && question.rangeMax !== null) {
    // §6 scaled_quartiles: g(q1), g(q2), g(q3) of the one-element quartile lists.
    const scale = {
      rangeMin: question.rangeMin,
      rangeMax: question.rangeMax,
      zeroPoint: question.zeroPoint,
    };
    const scaled = (value: number | null | undefined) => {
      const u = finite(value);
      return u === null ? null : finite(unscaledToScaled(u, scale));
    };
    view.scaled_quartiles = [
      scaled(entry.intervalLowerBounds[0]),
      scaled(entry.centers[0]),
      scaled(entry.intervalUpperBounds[0]),
    ];
  }
  return view;
}

/** A stored history entry: its position (`seq`), times and values. */
export function cpEntryView(question: ViewQuestion, entry: CpEntryRecord): CpEntryView {
  return {
    seq: entry.seq,
    start_time: isoFromSeconds(entry.startTime),
    end_time: entry.endTime === null ? null : isoFromSeconds(entry.endTime),
    ...valuesView(question, entry.method, entry),
  };
}

/** An at-time entry (docs/maths.md §7 at-time query), with the binary histogram when computed. */
export function atTimeEntryView(
  question: ViewQuestion,
  method: AggregationMethod,
  entry: AggregateEntry,
): CpEntryView {
  const view = valuesView(question, method, {
    forecasterCount: entry.forecasterCount,
    forecastValues: entry.forecastValues,
    intervalLowerBounds: entry.intervalLowerBounds,
    centers: entry.centers,
    intervalUpperBounds: entry.intervalUpperBounds,
    means: entry.means,
  });
  if (entry.histogram !== undefined) view.histogram = entry.histogram.map(finite);
  return view;
}
