// The CP chart in words and as a table, for readers who do not see the chart (docs/design.md:
// every chart has a text summary): where the CP stands now, a week and a month ago, and its
// range; and a table of a few evenly spaced points.
import { MEDIAN_COLUMN } from '../../domain/cp-chart-values.ts';
import type { CpChartModel } from '../../domain/view-models/question-page.ts';
import { formatDay } from './dates.ts';
import {
  formatPercent,
  formatPoints,
  formatValue,
  formatValueDifference,
} from './forecast-format.ts';

const DAY = 86_400;
const TABLE_ROWS = 12;

/** The index of the entry in force at `time`, or -1 before the first. */
function indexAt(model: CpChartModel, time: number): number {
  let found = -1;
  for (let index = 0; index < model.times.length && model.times[index] <= time; index++)
    found = index;
  return found;
}

function valueText(model: CpChartModel, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return model.kind === 'continuous' && model.range
    ? formatValue(model.range, value)
    : formatPercent(value);
}

function changeText(model: CpChartModel, now: number, then: number): string {
  if (model.kind === 'continuous' && model.range)
    return formatValueDifference(model.range, now - then);
  return formatPoints(now - then);
}

/** One line per plotted line (binary: one; options: one each; continuous: the median). */
function lineColumns(model: CpChartModel): Array<{ label: string; column: number }> {
  if (model.kind === 'continuous') return [{ label: 'Median', column: MEDIAN_COLUMN }];
  return model.lineLabels.map((label, column) => ({ label, column }));
}

/** Sentences describing the history, newest first. */
export function cpSummarySentences(model: CpChartModel): string[] {
  const last = model.times.length - 1;
  if (last < 0) return ['No community prediction yet: nobody has forecast.'];
  const weekAgo = indexAt(model, model.now - 7 * DAY);
  const monthAgo = indexAt(model, model.now - 30 * DAY);
  const sentences: string[] = [];
  for (const { label, column } of lineColumns(model)) {
    const values = model.series[column] ?? [];
    const now = values[last];
    if (now === null || now === undefined) continue;
    const subject = model.kind === 'binary' ? 'The community prediction' : label;
    const parts = [`${subject} is ${valueText(model, now)} now`];
    const week = weekAgo >= 0 ? values[weekAgo] : null;
    if (week !== null && week !== undefined) {
      parts.push(`${changeText(model, now, week)} on a week ago (${valueText(model, week)})`);
    }
    const month = monthAgo >= 0 && monthAgo !== weekAgo ? values[monthAgo] : null;
    if (month !== null && month !== undefined) {
      parts.push(`${valueText(model, month)} a month ago`);
    }
    const known = values.filter((value): value is number => value !== null);
    if (known.length > 1) {
      parts.push(
        `ranging from ${valueText(model, Math.min(...known))} to ${valueText(model, Math.max(...known))} since ${formatDay(new Date(model.times[0] * 1000))}`,
      );
    }
    sentences.push(`${parts.join(', ')}.`);
  }
  if (model.kind === 'continuous') {
    const q = (column: number) => model.series[column]?.[last];
    sentences.push(
      `The middle 50 % runs from ${valueText(model, q(1))} to ${valueText(model, q(3))}, and 90 % from ${valueText(model, q(0))} to ${valueText(model, q(4))}.`,
    );
  }
  return sentences;
}

export interface SummaryTable {
  headers: string[];
  rows: Array<{ time: string; cells: string[] }>;
}

/** Up to 12 evenly spaced points of the history (always the first and the latest). */
export function cpSummaryTable(model: CpChartModel): SummaryTable {
  const count = model.times.length;
  const picks = new Set<number>();
  for (let k = 0; k < Math.min(TABLE_ROWS, count); k++) {
    picks.add(Math.round((k * (count - 1)) / Math.max(1, Math.min(TABLE_ROWS, count) - 1)));
  }
  const columns =
    model.kind === 'continuous'
      ? [
          { label: 'Median', cell: (index: number) => valueText(model, model.series[2]?.[index]) },
          {
            label: 'Middle 50 %',
            cell: (index: number) =>
              `${valueText(model, model.series[1]?.[index])} – ${valueText(model, model.series[3]?.[index])}`,
          },
          {
            label: 'Middle 90 %',
            cell: (index: number) =>
              `${valueText(model, model.series[0]?.[index])} – ${valueText(model, model.series[4]?.[index])}`,
          },
        ]
      : lineColumns(model).map(({ label, column }) => ({
          label: model.kind === 'binary' ? 'Community' : label,
          cell: (index: number) => valueText(model, model.series[column]?.[index]),
        }));
  return {
    headers: columns.map((column) => column.label),
    rows: [...picks]
      .sort((a, b) => b - a)
      .map((index) => ({
        time: formatDay(new Date(model.times[index] * 1000)),
        cells: columns.map((column) => column.cell(index)),
      })),
  };
}
