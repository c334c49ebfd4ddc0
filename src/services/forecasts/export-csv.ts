// CSV downloads of a question's CP history (full resolution) and its anonymised forecasts.
import type { AggregationMethod } from '../../core/types.ts';
import { listEntries } from '../../db/repositories/cp-entry-repository.ts';
import { listQuestionForecasts } from '../../db/repositories/forecast-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { allOptionLabels, inboundOutcomeCount } from '../../domain/forecast-values.ts';
import { isContinuousType } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from '../questions/find-question.ts';
import { requireCpVisible } from './cp-access.ts';
import { buildBundle } from './export-question-bundle.ts';
import { cpEntryView, isoFromSeconds } from './forecast-views.ts';

type Cell = string | number | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when needed; text that a spreadsheet would run as a
 * formula (=, +, -, @ at the start) is prefixed with an apostrophe. Numbers are written as is.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export async function exportHistoryCsv(
  deps: Deps,
  input: { actor: Actor | null; questionId: number; method?: AggregationMethod },
): Promise<string> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const db = deps.database.db;
  await requireCpVisible(db, question, input.actor, deps.clock.now());
  const method = input.method ?? 'recency_weighted';
  const entries = (await listEntries(db, question.id, method)).map((entry) =>
    cpEntryView(question, entry),
  );
  const header = ['seq', 'start_time', 'end_time', 'forecaster_count'];
  let columns: (view: (typeof entries)[number]) => Cell[];
  if (question.type === 'binary') {
    header.push('probability_yes', 'lower_quartile', 'upper_quartile', 'mean');
    columns = (view) => [
      view.forecast_values[1],
      view.interval_lower_bounds[1],
      view.interval_upper_bounds[1],
      view.means?.[1],
    ];
  } else if (question.type === 'multiple_choice') {
    const labels = allOptionLabels(question);
    for (const label of labels) {
      header.push(label, `${label} lower_quartile`, `${label} upper_quartile`, `${label} mean`);
    }
    columns = (view) =>
      labels.flatMap((_, index) => [
        view.forecast_values[index],
        view.interval_lower_bounds[index],
        view.interval_upper_bounds[index],
        view.means?.[index],
      ]);
  } else {
    header.push('lower_quartile', 'median', 'upper_quartile');
    header.push('lower_quartile_unscaled', 'median_unscaled', 'upper_quartile_unscaled');
    columns = (view) => {
      const scaled = (view.scaled_quartiles ?? []) as Array<number | null>;
      return [
        scaled[0],
        scaled[1],
        scaled[2],
        view.interval_lower_bounds[0],
        view.centers[0],
        view.interval_upper_bounds[0],
      ];
    };
  }
  return toCsv(
    header,
    entries.map((view) => [
      view.seq as number,
      view.start_time as string,
      view.end_time as string | null,
      view.forecaster_count,
      ...columns(view),
    ]),
  );
}

export async function exportForecastsCsv(
  deps: Deps,
  input: { actor: Actor | null; questionId: number },
): Promise<string> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const db = deps.database.db;
  await requireCpVisible(db, question, input.actor, deps.clock.now());
  // The same pseudonyms as the bundle.
  const bundle = buildBundle(question, await listQuestionForecasts(db, question.id));
  const header = ['forecast_id', 'forecaster_id', 'start_time', 'end_time'];
  if (question.type === 'binary') header.push('probability_yes');
  else if (question.type === 'multiple_choice') header.push(...allOptionLabels(question));
  else if (isContinuousType(question.type)) {
    for (let index = 0; index <= inboundOutcomeCount(question); index++)
      header.push(`cdf_${index}`);
  }
  return toCsv(
    header,
    bundle.forecasts.map((forecast) => [
      forecast.id,
      forecast.user_id,
      isoFromSeconds(forecast.start_time),
      forecast.end_time === null ? null : isoFromSeconds(forecast.end_time),
      ...(forecast.probability_yes !== undefined
        ? [forecast.probability_yes]
        : (forecast.probability_yes_per_category ?? forecast.continuous_cdf ?? [])),
    ]),
  );
}
