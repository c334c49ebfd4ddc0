// The question page's chart data: the stored CP history downsampled for display (≤ 400 points,
// get-cp-history.ts) as compact columns, the viewer's own forecasts, and the histogram of the
// forecasts standing now (binary questions).

import {
  listActiveForecasts,
  listUserForecasts,
} from '../../db/repositories/forecast-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { CHART_PERCENTILES, chartColumns, ownChartColumns } from '../../domain/cp-chart-values.ts';
import { mineFromForecast, valuesFromEntry } from '../../domain/forecast-panel-values.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { ForecastQuestionModel } from '../../domain/view-models/forecast-panel.ts';
import type { CpChartModel, HistogramModel } from '../../domain/view-models/question-page.ts';
import type { Deps } from '../deps.ts';
import { chartEntryJson, forecastView } from '../forecasts/forecast-views.ts';
import { getCpChartHistory } from '../forecasts/get-cp-history.ts';

/** The most of the viewer's own forecasts drawn (newest kept). */
const MAX_OWN_POINTS = 200;
const HISTOGRAM_BINS = 20;

function chartKind(type: QuestionRecord['type']): CpChartModel['kind'] {
  if (type === 'binary' || type === 'multiple_choice') return type;
  return 'continuous';
}

function lineLabels(model: ForecastQuestionModel): string[] {
  if (model.type === 'binary') return ['Yes'];
  if (model.type === 'multiple_choice') return (model.options ?? []).map((option) => option.label);
  return ['Median'];
}

/** Transposes rows of columns into one array per column. */
function columnsOf(rows: Array<Array<number | null>>, width: number): Array<Array<number | null>> {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column] ?? null));
}

/** The chart of a question whose CP the viewer may see (the caller checks). */
export async function buildCpChart(
  deps: Deps,
  question: QuestionRecord,
  model: ForecastQuestionModel,
  actor: Actor | null,
  isLive: boolean,
): Promise<CpChartModel> {
  const entries = await getCpChartHistory(deps, question);
  const times: number[] = [];
  const rows: Array<Array<number | null>> = [];
  for (const entry of entries) {
    const values = valuesFromEntry(model, chartEntryJson(question, entry.forecastValues));
    if (!values) continue;
    times.push(entry.startTime);
    rows.push(chartColumns(values, model.range));
  }
  const width =
    model.type === 'binary'
      ? 1
      : model.type === 'multiple_choice'
        ? (model.options?.length ?? 0)
        : CHART_PERCENTILES.length;
  const mineTimes: number[] = [];
  const mineRows: Array<Array<number | null>> = [];
  if (actor?.kind === 'user') {
    const forecasts = await listUserForecasts(deps.database.db, question.id, actor.userId, {
      limit: MAX_OWN_POINTS,
    });
    for (const forecast of forecasts.reverse()) {
      const mine = mineFromForecast(model, forecastView(question, forecast));
      if (!mine) continue;
      mineTimes.push(forecast.startTime);
      mineRows.push(ownChartColumns(mine.values, model.range));
    }
  }
  const labels = lineLabels(model);
  return {
    questionId: question.id,
    kind: chartKind(question.type),
    lineLabels: labels,
    range: model.range,
    times,
    series: columnsOf(rows, width),
    mine: { times: mineTimes, series: columnsOf(mineRows, labels.length) },
    now: Math.floor(deps.clock.now().getTime() / 1000),
    openTime: question.openTime ? Math.floor(question.openTime.getTime() / 1000) : null,
    resolutionMarker:
      question.resolution && question.actualCloseTime
        ? {
            time: Math.floor(question.actualCloseTime.getTime() / 1000),
            label: `Resolved: ${question.resolution}`,
          }
        : null,
    isLive,
  };
}

/** Forecasters per 5-point bin among the forecasts standing now (binary questions). */
export async function buildHistogram(
  deps: Deps,
  question: QuestionRecord,
  myProbability: number | null,
): Promise<HistogramModel> {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const active = await listActiveForecasts(deps.database.db, question.id, now);
  // The small epsilon keeps 0.05, 0.10 … in the bin they open despite binary rounding.
  const binOf = (probability: number) =>
    Math.min(HISTOGRAM_BINS - 1, Math.floor(probability * HISTOGRAM_BINS + 1e-9));
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const forecast of active) {
    if (forecast.probabilityYes !== null) counts[binOf(forecast.probabilityYes)] += 1;
  }
  return {
    counts,
    mineBin: myProbability === null ? null : binOf(myProbability),
    total: active.length,
  };
}
