// How forecast values read on the page: probabilities as percentages, continuous values in the
// question's units (dates as days), and differences as signed points. Text, never colour alone.
import { scaledPercentiles } from '../../domain/continuous-forecast.ts';
import type {
  ContinuousRangeModel,
  ForecastValuesModel,
} from '../../domain/view-models/forecast-panel.ts';
import { formatDay } from './dates.ts';
import { formatPercent, NBSP } from './question-headline.ts';

export { formatPercent, NBSP };

/** A value of a continuous question: "15.2 %", "3 meetings", "7 Dec 2026". */
export function formatValue(range: ContinuousRangeModel, value: number): string {
  if (range.kind === 'date') return formatDay(new Date(Math.round(value) * 1000));
  const unit = range.unit ? `${NBSP}${range.unit}` : '';
  if (range.kind === 'discrete') return `${Math.round(value)}${unit}`;
  const magnitude = Math.abs(value);
  const shown =
    magnitude >= 1000 || magnitude === 0
      ? Math.round(value).toLocaleString('en-US')
      : String(Number(value.toPrecision(3)));
  return `${shown}${unit}`;
}

/** "+18 pts", "−4 pts", "same" for a probability difference. */
export function formatPoints(difference: number): string {
  const points = Math.round(difference * 1000) / 10;
  if (points === 0) return 'same';
  return `${points > 0 ? '+' : '−'}${Math.abs(points)}${NBSP}pts`;
}

/** The median and the middle 50 % of a continuous forecast. */
export interface ContinuousSummary {
  median: number;
  lower: number;
  upper: number;
}

export function continuousSummary(
  range: ContinuousRangeModel,
  cdf: readonly number[],
): ContinuousSummary {
  const [lower, median, upper] = scaledPercentiles(range, cdf, [25, 50, 75]);
  return { median, lower, upper };
}

/** A difference between two values of a continuous question, in its units (dates in days). */
export function formatValueDifference(range: ContinuousRangeModel, difference: number): string {
  if (Math.abs(difference) < 1e-12) return 'same';
  const sign = difference > 0 ? '+' : '−';
  if (range.kind === 'date') {
    const days = Math.round(Math.abs(difference) / 86_400);
    return days === 0 ? 'same day' : `${sign}${days}${NBSP}${days === 1 ? 'day' : 'days'}`;
  }
  const magnitude = formatValue({ ...range, kind: range.kind }, Math.abs(difference));
  return `${sign}${magnitude}`;
}

/** The one-line reading of a set of values, e.g. for a screen-reader status or a card. */
export function headlineOf(
  values: ForecastValuesModel,
  range: ContinuousRangeModel | null,
  labels: readonly string[],
): string {
  switch (values.kind) {
    case 'binary':
      return `${formatPercent(values.probabilityYes)} yes`;
    case 'multiple_choice': {
      let best = -1;
      values.probabilities.forEach((value, index) => {
        if (value !== null && (best < 0 || value > (values.probabilities[best] ?? 0))) best = index;
      });
      const top = values.probabilities[best];
      return best < 0 || top === null || top === undefined
        ? ''
        : `${labels[best]}: ${formatPercent(top)}`;
    }
    case 'continuous':
      return range
        ? `median ${formatValue(range, continuousSummary(range, values.cdf).median)}`
        : '';
  }
}
