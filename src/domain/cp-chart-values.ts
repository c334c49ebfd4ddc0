// The numbers a CP chart plots for one set of values (a CP entry or one of the viewer's
// forecasts), shared by the page service (the history) and the chart island (live entries).
import { scaledPercentiles } from './continuous-forecast.ts';
import { type CpEntryJson, valuesFromEntry } from './forecast-panel-values.ts';
import type {
  ContinuousRangeModel,
  ForecastQuestionModel,
  ForecastValuesModel,
} from './view-models/forecast-panel.ts';
import type { CpChartModel } from './view-models/question-page.ts';

/** Percentiles drawn for continuous questions: the 90 % band, the 50 % band and the median. */
export const CHART_PERCENTILES = [5, 25, 50, 75, 95] as const;
/** Index of the median among CHART_PERCENTILES. */
export const MEDIAN_COLUMN = 2;

/**
 * One point of every series: binary [P(yes)]; multiple choice one value per option;
 * continuous the CHART_PERCENTILES in the question's units (date: unix seconds).
 */
export function chartColumns(
  values: ForecastValuesModel,
  range: ContinuousRangeModel | null,
): Array<number | null> {
  switch (values.kind) {
    case 'binary':
      return [values.probabilityYes];
    case 'multiple_choice':
      return values.probabilities;
    case 'continuous':
      return range ? scaledPercentiles(range, values.cdf, CHART_PERCENTILES) : [];
  }
}

/** One point of the viewer's own line(s): continuous forecasts show their median only. */
export function ownChartColumns(
  values: ForecastValuesModel,
  range: ContinuousRangeModel | null,
): Array<number | null> {
  const columns = chartColumns(values, range);
  return values.kind === 'continuous' ? [columns[MEDIAN_COLUMN] ?? null] : columns;
}

export function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** The question model a chart's live entries are read with (type, option labels, range). */
function chartQuestion(model: CpChartModel): ForecastQuestionModel {
  return {
    id: model.questionId,
    type: model.kind === 'continuous' ? (model.range?.kind ?? 'numeric') : model.kind,
    title: '',
    path: '',
    options:
      model.kind === 'multiple_choice'
        ? model.lineLabels.map((label) => ({ label, description: '' }))
        : null,
    range: model.range,
  };
}

/**
 * The chart with a live CP entry added: a new point at its start, or the last point replaced
 * when the entry starts at the same second (same-second events replace the stored entry).
 */
export function withLiveEntry(model: CpChartModel, entry: CpEntryJson): CpChartModel {
  if (typeof entry.start_time !== 'string') return model;
  const values = valuesFromEntry(chartQuestion(model), entry);
  if (!values) return model;
  const time = unixSeconds(entry.start_time);
  const columns = chartColumns(values, model.range);
  const last = model.times.length - 1;
  const replaces = last >= 0 && model.times[last] === time;
  const times = replaces ? model.times : [...model.times, time];
  const series = model.series.map((column, index) => {
    const value = columns[index] ?? null;
    return replaces ? [...column.slice(0, -1), value] : [...column, value];
  });
  return { ...model, times, series, now: Math.max(model.now, time) };
}

/** The chart with one more of the viewer's own forecasts (null columns: a withdrawal). */
export function withOwnForecast(
  model: CpChartModel,
  time: number,
  columns: Array<number | null> | null,
): CpChartModel {
  const series = model.mine.series.map((column, index) => [...column, columns?.[index] ?? null]);
  return {
    ...model,
    mine: { times: [...model.mine.times, time], series },
    now: Math.max(model.now, time),
  };
}
