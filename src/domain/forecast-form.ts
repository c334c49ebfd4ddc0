// The forecast form as plain HTML fields: their names (shared by the panel's markup and the page
// route that reads a post), reading them into the API's forecast values, and mapping the API's
// field problems back onto them. Percentages on the page, probabilities in the API.
import { componentsFromFields } from './continuous-forecast.ts';
import type { FieldProblem } from './errors.ts';
import {
  type ForecastValuesInput,
  MAX_COMPONENTS,
  MAX_PROBABILITY,
  MIN_PROBABILITY,
} from './forecast-values.ts';
import type {
  ComponentFieldsModel,
  ForecastQuestionModel,
  ForecastValuesModel,
} from './view-models/forecast-panel.ts';

export const PROBABILITY_FIELD = 'probability';
export const FORM_ERROR = 'form';
export const SUM_ERROR = 'sum';

export function optionField(index: number): string {
  return `option-${index}`;
}

export type ComponentPart = 'center' | 'spread' | 'weight';

export function componentField(index: number, part: ComponentPart): string {
  return `component-${index}-${part}`;
}

export const MIN_PERCENT = MIN_PROBABILITY * 100;
export const MAX_PERCENT = MAX_PROBABILITY * 100;
/** A multiple-choice sum this close to 100 % is rescaled silently (rounding of typed values). */
export const SUM_SLACK_PERCENT = 0.5;

/** "70", "70 %", "70,5" → 70, 70, 70.5; null for anything else. */
export function parsePercent(text: string | undefined): number | null {
  if (text === undefined) return null;
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^\d{1,3}(\.\d*)?$|^\.\d+$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** Rounds a percentage for a field: at most one decimal, no trailing zeros. */
export function percentText(probability: number): string {
  return String(Number((probability * 100).toFixed(1)));
}

const PERCENT_RANGE_MESSAGE = `Enter a percentage between ${MIN_PERCENT} and ${MAX_PERCENT}.`;

export type ForecastFormRead =
  | { ok: true; values: ForecastValuesInput }
  | { ok: false; errors: Record<string, string> };

function percentField(
  fields: Record<string, string>,
  name: string,
  errors: Record<string, string>,
) {
  const value = parsePercent(fields[name]);
  if (value === null || value < MIN_PERCENT || value > MAX_PERCENT) {
    errors[name] = fields[name]?.trim() ? PERCENT_RANGE_MESSAGE : 'Enter a percentage.';
    return null;
  }
  return value;
}

/** The component rows a form post holds (up to three; blank rows are left for the reader). */
export function componentRows(fields: Record<string, string>): ComponentFieldsModel[] {
  return Array.from({ length: MAX_COMPONENTS }, (_, index) => ({
    center: fields[componentField(index, 'center')] ?? '',
    spread: fields[componentField(index, 'spread')] ?? '',
    weight: fields[componentField(index, 'weight')] ?? '',
  }));
}

/** Reads a posted form into the API's values, with errors by field name. */
export function readForecastForm(
  question: ForecastQuestionModel,
  fields: Record<string, string>,
): ForecastFormRead {
  const errors: Record<string, string> = {};
  if (question.type === 'binary') {
    const percent = percentField(fields, PROBABILITY_FIELD, errors);
    return percent === null
      ? { ok: false, errors }
      : { ok: true, values: { probabilityYes: percent / 100 } };
  }
  if (question.type === 'multiple_choice') {
    const options = question.options ?? [];
    const percents = options.map((_, index) => percentField(fields, optionField(index), errors));
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const sum = percents.reduce<number>((total, value) => total + (value ?? 0), 0);
    if (Math.abs(sum - 100) > SUM_SLACK_PERCENT) {
      errors[SUM_ERROR] =
        `The probabilities add up to ${Number(sum.toFixed(1))} %; they must add up to 100 %. Normalise rescales them.`;
      return { ok: false, errors };
    }
    return {
      ok: true,
      values: {
        probabilityYesPerCategory: Object.fromEntries(
          options.map((option, index) => [option.label, (percents[index] as number) / 100]),
        ),
        normalize: true,
      },
    };
  }
  if (!question.range)
    return { ok: false, errors: { [FORM_ERROR]: 'This question has no range.' } };
  const read = componentsFromFields(question.range, componentRows(fields));
  if (!read.ok) return { ok: false, errors: errorsFromProblems(question, read.fields) };
  return { ok: true, values: { components: read.components } };
}

/**
 * The typed percentages rescaled to sum to 100 (the plain form's "Normalise"); null when a
 * field is not a number or they sum to nothing.
 */
export function normalizedOptionFields(
  question: ForecastQuestionModel,
  fields: Record<string, string>,
): Record<string, string> | null {
  const options = question.options ?? [];
  const values = options.map((_, index) => parsePercent(fields[optionField(index)]));
  if (values.some((value) => value === null)) return null;
  const sum = (values as number[]).reduce((total, value) => total + value, 0);
  if (!(sum > 0)) return null;
  return Object.fromEntries(
    tenthsSummingTo100(values as number[], sum).map((tenths, index) => [
      optionField(index),
      String(tenths / 10),
    ]),
  );
}

/**
 * Shares of `sum` in tenths of a percent that add up to exactly 1000 (largest remainders get
 * the leftover tenths), so a normalised form reads "Total 100 %", not 99.9.
 */
function tenthsSummingTo100(values: readonly number[], sum: number): number[] {
  const exact = values.map((value) => (value / sum) * 1000);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((total, value) => total + value, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of order) {
    if (left <= 0) break;
    tenths[index] += 1;
    left -= 1;
  }
  return tenths;
}

function unescapePointer(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

const COMPONENT_PARTS: Record<string, ComponentPart> = {
  center: 'center',
  scale: 'spread',
  spread: 'spread',
  weight: 'weight',
};

/** Where an API field problem (or a form-level one) shows on the form. */
export function fieldNameOf(question: ForecastQuestionModel, path: string): string {
  if (path === '/probability_yes') return PROBABILITY_FIELD;
  const option = /^\/probability_yes_per_category\/(.+)$/.exec(path);
  if (option) {
    const label = unescapePointer(option[1]);
    const index = (question.options ?? []).findIndex((item) => item.label === label);
    return index < 0 ? SUM_ERROR : optionField(index);
  }
  if (path === '/probability_yes_per_category') return SUM_ERROR;
  const component = /^\/components\/(\d)\/(\w+)$/.exec(path);
  if (component && COMPONENT_PARTS[component[2]]) {
    return componentField(Number(component[1]), COMPONENT_PARTS[component[2]]);
  }
  // Problems the domain reports with form field names already (componentsFromFields).
  if (/^(component-\d-(center|spread|weight)|option-\d+|probability)$/.test(path)) return path;
  return FORM_ERROR;
}

const FIELD_MESSAGES: Record<string, string> = {
  [PROBABILITY_FIELD]: PERCENT_RANGE_MESSAGE,
};

/** API problems as form errors by field; the first problem of a field wins. */
export function errorsFromProblems(
  question: ForecastQuestionModel,
  problems: readonly FieldProblem[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const name = fieldNameOf(question, problem.path);
    if (errors[name]) continue;
    // API messages speak of probabilities in [0.001, 0.999]; the form speaks in percent.
    const isApiOption = /^option-/.test(name) && problem.path.startsWith('/');
    errors[name] =
      FIELD_MESSAGES[name] ?? (isApiOption ? PERCENT_RANGE_MESSAGE : sentence(problem.message));
  }
  return errors;
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Equal shares that add up to 100 % after rounding to a tenth (the last option takes the rest). */
function equalShares(count: number): string[] {
  if (count === 0) return [];
  const share = Math.floor(1000 / count) / 10;
  const last = Number((100 - share * (count - 1)).toFixed(1));
  return Array.from({ length: count }, (_, index) => String(index === count - 1 ? last : share));
}

/**
 * The fields a panel starts with: the viewer's standing forecast, else a neutral default
 * (50 %, equal shares, the editor's starting components). The crowd is not the default, so
 * nobody anchors on it by accident.
 */
export function initialFormFields(
  question: ForecastQuestionModel,
  mine: ForecastValuesModel | null,
  startingComponents: readonly ComponentFieldsModel[] | null,
): Record<string, string> {
  if (question.type === 'binary') {
    return {
      [PROBABILITY_FIELD]: mine?.kind === 'binary' ? percentText(mine.probabilityYes) : '50',
    };
  }
  if (question.type === 'multiple_choice') {
    const options = question.options ?? [];
    const shares = equalShares(options.length);
    return Object.fromEntries(
      options.map((_, index) => {
        const value = mine?.kind === 'multiple_choice' ? mine.probabilities[index] : null;
        return [
          optionField(index),
          value === null || value === undefined ? shares[index] : percentText(value),
        ];
      }),
    );
  }
  const fields: Record<string, string> = {};
  (startingComponents ?? []).forEach((row, index) => {
    fields[componentField(index, 'center')] = row.center;
    fields[componentField(index, 'spread')] = row.spread;
    fields[componentField(index, 'weight')] = row.weight;
  });
  return fields;
}
