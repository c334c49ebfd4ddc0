// Continuous forecasts as people edit and read them: logistic components in the question's own
// units (centre, spread as a share of the range, weight), the quantiles of a CDF on the scaled
// axis, and a one-component fit to a median and quartiles. Shared by the page services, the
// plain-form route and the distribution editor in the browser (pure: no I/O).
import { percentPointFunction } from '../core/aggregation/percent-point-function.ts';
import { parseDateTime } from '../core/locations/resolution-value.ts';
import {
  type ContinuousScale,
  scaledToUnscaled,
  unscaledToScaled,
} from '../core/locations/scale.ts';
import type { FieldProblem } from './errors.ts';
import {
  buildCdfFromComponents,
  type ForecastComponent,
  type ForecastQuestion,
  MAX_COMPONENTS,
} from './forecast-values.ts';
import type { QuestionType } from './question-record.ts';
import type { ComponentFieldsModel, ContinuousRangeModel } from './view-models/forecast-panel.ts';

/** A logistic's quartiles sit at centre ± s·ln 3 (its scale s, unscaled axis). */
const LN3 = Math.log(3);

export const MIN_SPREAD_PERCENT = 0.5;
export const MAX_SPREAD_PERCENT = 100;
/** A component typed with a centre only gets this spread. */
export const DEFAULT_SPREAD_PERCENT = 10;

export function rangeScale(range: ContinuousRangeModel): ContinuousScale {
  return { rangeMin: range.min, rangeMax: range.max, zeroPoint: range.zeroPoint };
}

/** u on the unscaled axis → the question's value (date: unix seconds). */
export function valueAt(range: ContinuousRangeModel, u: number): number {
  return unscaledToScaled(u, rangeScale(range));
}

/** The question's value → u on the unscaled axis. */
export function positionOf(range: ContinuousRangeModel, value: number): number {
  return scaledToUnscaled(value, rangeScale(range));
}

/** An editable component on the unscaled axis: centre u, logistic scale s, relative weight. */
export interface AxisComponent {
  center: number;
  scale: number;
  weight: number;
}

/** The value as the centre field shows it: a date (YYYY-MM-DD) or a rounded number. */
export function formatFieldValue(range: ContinuousRangeModel, value: number): string {
  if (range.kind === 'date') return new Date(Math.round(value) * 1000).toISOString().slice(0, 10);
  if (range.kind === 'discrete') return String(Math.round(value));
  const width = Math.abs(range.max - range.min);
  const decimals = Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(width || 1))));
  return String(Number(value.toFixed(decimals)));
}

export function fieldsFromAxis(
  range: ContinuousRangeModel,
  component: AxisComponent,
): ComponentFieldsModel {
  return {
    center: formatFieldValue(range, valueAt(range, component.center)),
    spread: String(Number((component.scale * LN3 * 100).toFixed(1))),
    weight: String(Math.round(component.weight)),
  };
}

/** One component that has a CDF's median and (roughly) its quartiles. */
export function fitComponent(cdf: readonly number[]): AxisComponent {
  const q1 = percentPointFunction(cdf, 25);
  const q2 = percentPointFunction(cdf, 50);
  const q3 = percentPointFunction(cdf, 75);
  const halfWidth = Math.max((q3 - q1) / 2, MIN_SPREAD_PERCENT / 100);
  return { center: q2, scale: Math.min(halfWidth, 1) / LN3, weight: 100 };
}

/** The default a new forecaster starts from: centred, with a broad spread. */
export const DEFAULT_AXIS_COMPONENT: AxisComponent = {
  center: 0.5,
  scale: 0.15 / LN3,
  weight: 100,
};

export type ComponentFieldsCheck =
  | { ok: true; components: ForecastComponent[]; axis: AxisComponent[] }
  | { ok: false; fields: FieldProblem[] };

function parseCenter(range: ContinuousRangeModel, text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (range.kind === 'date') return parseDateTime(trimmed);
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads component fields as typed (blank rows are skipped) into API components: centre in the
 * question's units, scale = spread / (100 · ln 3), weight as given. Problems name the field
 * (`component-0-center` …) so forms show them beside it.
 */
export function componentsFromFields(
  range: ContinuousRangeModel,
  rows: readonly ComponentFieldsModel[],
): ComponentFieldsCheck {
  const problems: FieldProblem[] = [];
  const components: ForecastComponent[] = [];
  const axis: AxisComponent[] = [];
  rows.slice(0, MAX_COMPONENTS).forEach((row, index) => {
    if (row.center.trim() === '' && index > 0) return;
    const name = `component-${index}`;
    const center = parseCenter(range, row.center);
    const spread = row.spread.trim() === '' ? DEFAULT_SPREAD_PERCENT : Number(row.spread);
    const weight = row.weight.trim() === '' ? 100 : Number(row.weight);
    if (center === null) {
      problems.push({
        path: `${name}-center`,
        message: range.kind === 'date' ? 'Enter a date (YYYY-MM-DD).' : 'Enter a number.',
      });
    }
    if (!Number.isFinite(spread) || spread < MIN_SPREAD_PERCENT || spread > MAX_SPREAD_PERCENT) {
      problems.push({
        path: `${name}-spread`,
        message: `Enter a spread between ${MIN_SPREAD_PERCENT} and ${MAX_SPREAD_PERCENT} %.`,
      });
    }
    if (!Number.isFinite(weight) || weight <= 0) {
      problems.push({ path: `${name}-weight`, message: 'Enter a weight above 0.' });
    }
    if (center === null || problems.length > 0) return;
    const scale = spread / 100 / LN3;
    components.push({ center, scale, weight });
    axis.push({ center: positionOf(range, center), scale, weight });
  });
  if (problems.length === 0 && components.length === 0) {
    problems.push({ path: 'component-0-center', message: 'Enter at least one centre.' });
  }
  return problems.length > 0 ? { ok: false, fields: problems } : { ok: true, components, axis };
}

/** Percentiles of a CDF (unscaled axis) as the question's values (date: unix seconds). */
export function scaledPercentiles(
  range: ContinuousRangeModel,
  cdf: readonly number[],
  percents: readonly number[],
): number[] {
  return percents.map((percent) => valueAt(range, percentPointFunction(cdf, percent)));
}

/** Probability per inbound step (the density the editor draws), n values. */
export function stepMasses(cdf: readonly number[]): number[] {
  const masses: number[] = [];
  for (let index = 1; index < cdf.length; index++) masses.push(cdf[index] - cdf[index - 1]);
  return masses;
}

/** The question fields the CDF rules read (domain/forecast-values.ts), from a panel's range. */
export function forecastQuestionOf(
  type: QuestionType,
  range: ContinuousRangeModel,
): ForecastQuestion {
  return {
    type,
    options: null,
    optionsHistory: null,
    rangeMin: range.min,
    rangeMax: range.max,
    zeroPoint: range.zeroPoint,
    openLowerBound: range.isLowerOpen,
    openUpperBound: range.isUpperOpen,
    inboundOutcomeCount: range.inboundOutcomeCount,
  };
}

/** The CDF of axis components, as the server would build it (null when they break a rule). */
export function cdfOfAxisComponents(
  type: QuestionType,
  range: ContinuousRangeModel,
  components: readonly AxisComponent[],
): number[] | null {
  const built = buildCdfFromComponents(
    forecastQuestionOf(type, range),
    components.map((component) => ({
      center: valueAt(range, component.center),
      scale: component.scale,
      weight: component.weight,
    })),
  );
  return built.ok ? built.cdf : null;
}
