// Rules a submitted forecast's values must meet (docs/design.md "Forecasting rules", docs/maths.md §14.2),
// and the CDF the server builds from logistic components. Pure: no I/O, no clock.

import { DEFAULT_INBOUND_OUTCOME_COUNT } from '../core/locations/bucket.ts';
import { parseDateTime } from '../core/locations/resolution-value.ts';
import { scaledToUnscaled } from '../core/locations/scale.ts';
import { allOptionsOrder } from '../core/options-order.ts';
import type { FieldProblem } from './errors.ts';
import type { QuestionRecord } from './question-record.ts';

export const MIN_PROBABILITY = 0.001;
export const MAX_PROBABILITY = 0.999;
/** docs/design.md: an MC forecast sums to 1 within 1e-9 (stricter than the reference's ≈1e-5). */
export const MC_SUM_TOLERANCE = 1e-9;
/** `normalize: true` rescales only a near-sum in [0.5, 1.5]. */
export const NORMALIZE_MIN_SUM = 0.5;
export const NORMALIZE_MAX_SUM = 1.5;
export const MAX_COMPONENTS = 3;
/** Open bounds need at least this much mass outside the range (docs/maths.md §14.2). */
export const OPEN_BOUND_MIN_TAIL = 0.001;

/** The question fields the value rules read. */
export type ForecastQuestion = Pick<
  QuestionRecord,
  | 'type'
  | 'options'
  | 'optionsHistory'
  | 'rangeMin'
  | 'rangeMax'
  | 'zeroPoint'
  | 'openLowerBound'
  | 'openUpperBound'
  | 'inboundOutcomeCount'
>;

/**
 * One logistic component of a continuous forecast. `center` is in the question's own units
 * (numeric/discrete: a value on the scale; date: unix seconds or an RFC 3339 string) and is
 * mapped to the unscaled axis u ∈ [0, 1] (log scales included); `scale` is the logistic's s on
 * that unscaled axis (a fraction of the range's width); `weight` is relative (> 0).
 */
export interface ForecastComponent {
  center: number | string;
  scale: number;
  weight: number;
}

/** The value part of a forecast request, as the API receives it. */
export interface ForecastValuesInput {
  probabilityYes?: number;
  probabilityYesPerCategory?: Record<string, number | null>;
  continuousCdf?: number[];
  components?: ForecastComponent[];
  normalize?: boolean;
}

/** What is stored: binary P(yes), MC all-options vector (null = unavailable), or the CDF. */
export type ForecastValues =
  | { kind: 'binary'; probabilityYes: number }
  | { kind: 'multiple_choice'; probabilityYesPerCategory: Array<number | null> }
  | { kind: 'continuous'; continuousCdf: number[] };

export type ForecastValuesCheck =
  | { ok: true; values: ForecastValues }
  | { ok: false; reason: 'invalid_values'; fields: FieldProblem[] };

const VALUE_FIELDS = [
  ['probabilityYes', 'probability_yes'],
  ['probabilityYesPerCategory', 'probability_yes_per_category'],
  ['continuousCdf', 'continuous_cdf'],
  ['components', 'components'],
] as const;

/** Escapes a key for a JSON pointer (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function jsonPointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function invalid(fields: FieldProblem[]): ForecastValuesCheck {
  return { ok: false, reason: 'invalid_values', fields };
}

/** Checks a submission against its question and returns the values to store. */
export function checkForecastValues(
  question: ForecastQuestion,
  input: ForecastValuesInput,
): ForecastValuesCheck {
  const allowed: ReadonlyArray<(typeof VALUE_FIELDS)[number][0]> =
    question.type === 'binary'
      ? ['probabilityYes']
      : question.type === 'multiple_choice'
        ? ['probabilityYesPerCategory']
        : ['continuousCdf', 'components'];
  const present = VALUE_FIELDS.filter(([key]) => input[key] !== undefined);
  const misplaced = present.filter(([key]) => !allowed.includes(key));
  if (misplaced.length > 0) {
    return invalid(
      misplaced.map(([, name]) => ({
        path: `/${name}`,
        message: `not accepted for a ${question.type.replace('_', '-')} question`,
      })),
    );
  }
  if (present.length === 0) {
    const expected = allowed.map((key) => VALUE_FIELDS.find(([k]) => k === key)?.[1] as string);
    return invalid([
      { path: `/${expected[0]}`, message: `required (send ${expected.join(' or ')})` },
    ]);
  }
  if (present.length > 1) {
    return invalid([
      { path: '/components', message: 'send either continuous_cdf or components, not both' },
    ]);
  }
  if (input.normalize !== undefined && question.type !== 'multiple_choice') {
    return invalid([{ path: '/normalize', message: 'only for multiple-choice questions' }]);
  }
  switch (question.type) {
    case 'binary':
      return checkBinary(input.probabilityYes as number);
    case 'multiple_choice':
      return checkMultipleChoice(
        question,
        input.probabilityYesPerCategory as Record<string, number | null>,
        input.normalize === true,
      );
    case 'numeric':
    case 'date':
    case 'discrete': {
      if (input.components !== undefined) {
        const built = buildCdfFromComponents(question, input.components);
        if (!built.ok) return built;
        const check = checkContinuousCdf(question, built.cdf);
        if (check.ok) return check;
        // A built CDF that breaks a rule is the components' fault (e.g. too concentrated).
        return invalid([
          {
            path: '/components',
            message: `the distribution breaks a CDF rule (${check.fields[0]?.message}); widen the scale`,
          },
        ]);
      }
      return checkContinuousCdf(question, input.continuousCdf as number[]);
    }
  }
}

function checkBinary(probability: number): ForecastValuesCheck {
  if (
    !Number.isFinite(probability) ||
    probability < MIN_PROBABILITY ||
    probability > MAX_PROBABILITY
  ) {
    return invalid([
      {
        path: '/probability_yes',
        message: `must be between ${MIN_PROBABILITY} and ${MAX_PROBABILITY}`,
      },
    ]);
  }
  return { ok: true, values: { kind: 'binary', probabilityYes: probability } };
}

/** Every option ever listed, in the all-options order of docs/maths.md §0 (catch-all last). */
export function allOptionLabels(
  question: Pick<ForecastQuestion, 'options' | 'optionsHistory'>,
): string[] {
  const current = (question.options ?? []).map((option) => option.label);
  return allOptionsOrder(current, question.optionsHistory);
}

export function currentOptionLabels(question: Pick<ForecastQuestion, 'options'>): string[] {
  return (question.options ?? []).map((option) => option.label);
}

function checkMultipleChoice(
  question: ForecastQuestion,
  submitted: Record<string, number | null>,
  normalize: boolean,
): ForecastValuesCheck {
  const base = '/probability_yes_per_category';
  const allLabels = allOptionLabels(question);
  const current = new Set(currentOptionLabels(question));
  const known = new Set(allLabels);
  const problems: FieldProblem[] = [];
  for (const label of Object.keys(submitted)) {
    const path = `${base}/${jsonPointerToken(label)}`;
    if (!known.has(label)) {
      problems.push({ path, message: 'is not an option of this question' });
    } else if (!current.has(label) && submitted[label] !== null) {
      problems.push({ path, message: 'is no longer an option; send null or leave it out' });
    }
  }
  for (const label of allLabels) {
    if (!current.has(label)) continue;
    const value = Object.hasOwn(submitted, label) ? submitted[label] : undefined;
    if (value === undefined || value === null) {
      problems.push({
        path: `${base}/${jsonPointerToken(label)}`,
        message: 'required: every current option needs a probability',
      });
    } else if (!Number.isFinite(value)) {
      problems.push({ path: `${base}/${jsonPointerToken(label)}`, message: 'must be a number' });
    }
  }
  if (problems.length > 0) return invalid(problems);

  // Σ in all-options order (docs/maths.md §0 "Σ" is left to right in a fixed order).
  let sum = 0;
  for (const label of allLabels) if (current.has(label)) sum += submitted[label] as number;
  let divisor = 1;
  if (normalize) {
    if (!(sum >= NORMALIZE_MIN_SUM && sum <= NORMALIZE_MAX_SUM)) {
      return invalid([
        {
          path: base,
          message: `sums to ${sum}; normalize rescales only sums between ${NORMALIZE_MIN_SUM} and ${NORMALIZE_MAX_SUM}`,
        },
      ]);
    }
    divisor = sum;
  }
  const vector: Array<number | null> = allLabels.map((label) =>
    current.has(label) ? (submitted[label] as number) / divisor : null,
  );
  allLabels.forEach((label, index) => {
    const value = vector[index];
    if (value !== null && (value < MIN_PROBABILITY || value > MAX_PROBABILITY)) {
      problems.push({
        path: `${base}/${jsonPointerToken(label)}`,
        message: `must be between ${MIN_PROBABILITY} and ${MAX_PROBABILITY}${normalize ? ' after normalizing' : ''}`,
      });
    }
  });
  if (problems.length > 0) return invalid(problems);
  let checkedSum = 0;
  for (const value of vector) if (value !== null) checkedSum += value;
  if (Math.abs(checkedSum - 1) > MC_SUM_TOLERANCE) {
    return invalid([
      {
        path: base,
        message: `must sum to 1 (within ${MC_SUM_TOLERANCE}); sums to ${checkedSum} (send normalize: true to rescale)`,
      },
    ]);
  }
  return { ok: true, values: { kind: 'multiple_choice', probabilityYesPerCategory: vector } };
}

/** numpy's `round(x, decimals)`: rint(x·10^d) / 10^d, ties to even. */
export function roundHalfEven(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = value * factor;
  const floor = Math.floor(scaled);
  const difference = scaled - floor;
  let rounded: number;
  if (difference > 0.5) rounded = floor + 1;
  else if (difference < 0.5) rounded = floor;
  else rounded = floor % 2 === 0 ? floor : floor + 1;
  return rounded / factor;
}

export function inboundOutcomeCount(
  question: Pick<ForecastQuestion, 'inboundOutcomeCount'>,
): number {
  return question.inboundOutcomeCount ?? DEFAULT_INBOUND_OUTCOME_COUNT;
}

/** Smallest and largest allowed CDF step for n (docs/maths.md §14.2). */
export function cdfStepLimits(n: number): { min: number; max: number } {
  return { min: roundHalfEven(0.01 / n, 9), max: (0.2 * 200) / n };
}

/**
 * docs/maths.md §14.2: round every value to 10 decimals (half to even) first; n + 1 values; each step
 * rounded to 9 decimals within [round(0.01/n, 9), 0.2·200/n]; bound rules at both ends. The
 * rounded CDF is what gets stored.
 */
export function checkContinuousCdf(
  question: ForecastQuestion,
  submitted: readonly number[],
): ForecastValuesCheck {
  const base = '/continuous_cdf';
  const n = inboundOutcomeCount(question);
  if (submitted.length !== n + 1) {
    return invalid([
      { path: base, message: `must have ${n + 1} values (inbound_outcome_count + 1)` },
    ]);
  }
  const problems: FieldProblem[] = [];
  const cdf = submitted.map((value, index) => {
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      problems.push({ path: `${base}/${index}`, message: 'must be a number between 0 and 1' });
      return Number.NaN;
    }
    return roundHalfEven(value, 10);
  });
  if (problems.length > 0) return invalid(problems);
  const { min, max } = cdfStepLimits(n);
  for (let index = 0; index < n; index++) {
    const step = roundHalfEven(cdf[index + 1] - cdf[index], 9);
    if (step < min) {
      problems.push({
        path: `${base}/${index + 1}`,
        message:
          step < 0
            ? 'the CDF must not decrease'
            : `each step must be at least ${min} (0.01 / inbound_outcome_count)`,
      });
    } else if (step > max) {
      problems.push({
        path: `${base}/${index + 1}`,
        message: `each step must be at most ${max} (0.2 · 200 / inbound_outcome_count)`,
      });
    }
    if (problems.length >= 20) break;
  }
  if (question.openLowerBound === true) {
    if (cdf[0] < OPEN_BOUND_MIN_TAIL) {
      problems.push({
        path: `${base}/0`,
        message: `must be at least ${OPEN_BOUND_MIN_TAIL} (open lower bound)`,
      });
    }
  } else if (cdf[0] !== 0) {
    problems.push({ path: `${base}/0`, message: 'must be 0 (closed lower bound)' });
  }
  if (question.openUpperBound === true) {
    if (cdf[n] > 1 - OPEN_BOUND_MIN_TAIL) {
      problems.push({
        path: `${base}/${n}`,
        message: `must be at most ${1 - OPEN_BOUND_MIN_TAIL} (open upper bound)`,
      });
    }
  } else if (cdf[n] !== 1) {
    problems.push({ path: `${base}/${n}`, message: 'must be 1 (closed upper bound)' });
  }
  if (problems.length > 0) return invalid(problems);
  return { ok: true, values: { kind: 'continuous', continuousCdf: cdf } };
}

/** Largest share of mass a component mixture may leave in one open tail. */
const MAX_TAIL = 0.45;
/** Mass spread uniformly over the range, as a multiple of the minimum total step mass. */
const UNIFORM_FLOOR_FACTOR = 2;
/** Component centers may sit at most this far outside the range, on the unscaled axis. */
const MAX_CENTER_OUTSIDE = 1;

export type CdfBuild =
  | { ok: true; cdf: number[] }
  | { ok: false; reason: 'invalid_values'; fields: FieldProblem[] };

function logistic(u: number, center: number, scale: number): number {
  return 1 / (1 + Math.exp(-(u - center) / scale));
}

/**
 * Builds the n + 1 point CDF of a mixture of 1–3 logistic components (see ForecastComponent
 * for units). The mixture M(u) = Σ w̃_k / (1 + e^{−(u − c_k)/s_k}) sets the tails: an open bound
 * keeps M's mass beyond it (clamped to [0.001, 0.45]), a closed bound gets none. The in-range
 * shape H(u) = (M(u) − M(0)) / (M(1) − M(0)) is mixed with a uniform floor so every step keeps
 * twice the minimum, and the result is F(u) = low + (1 − low − high)·H'(u).
 */
export function buildCdfFromComponents(
  question: ForecastQuestion,
  components: readonly ForecastComponent[],
): CdfBuild {
  const problems: FieldProblem[] = [];
  if (components.length < 1 || components.length > MAX_COMPONENTS) {
    return invalid([
      { path: '/components', message: `send 1 to ${MAX_COMPONENTS} components` },
    ]) as CdfBuild;
  }
  if (question.rangeMin === null || question.rangeMax === null) {
    return invalid([{ path: '/components', message: 'the question has no range' }]) as CdfBuild;
  }
  const scale = {
    rangeMin: question.rangeMin,
    rangeMax: question.rangeMax,
    zeroPoint: question.zeroPoint,
  };
  const centers: number[] = [];
  let weightSum = 0;
  components.forEach((component, index) => {
    const path = `/components/${index}`;
    let x: number | null;
    if (typeof component.center === 'string') {
      x = question.type === 'date' ? parseDateTime(component.center) : null;
      if (x === null) {
        problems.push({
          path: `${path}/center`,
          message:
            question.type === 'date'
              ? 'must be unix seconds or an RFC 3339 date-time'
              : 'must be a number in the question’s units',
        });
        return;
      }
    } else {
      x = component.center;
    }
    const u = scaledToUnscaled(x, scale);
    if (!Number.isFinite(u) || u < -MAX_CENTER_OUTSIDE || u > 1 + MAX_CENTER_OUTSIDE) {
      problems.push({ path: `${path}/center`, message: 'is too far outside the question’s range' });
    }
    if (!Number.isFinite(component.scale) || component.scale <= 0 || component.scale > 10) {
      problems.push({
        path: `${path}/scale`,
        message: 'must be above 0 and at most 10 (a fraction of the range, unscaled axis)',
      });
    }
    if (!Number.isFinite(component.weight) || component.weight <= 0) {
      problems.push({ path: `${path}/weight`, message: 'must be above 0' });
    }
    centers.push(u);
    weightSum += component.weight;
  });
  if (problems.length > 0) return invalid(problems) as CdfBuild;
  const mixture = (u: number): number => {
    let total = 0;
    components.forEach((component, index) => {
      total += (component.weight / weightSum) * logistic(u, centers[index], component.scale);
    });
    return total;
  };
  const n = inboundOutcomeCount(question);
  const atLower = mixture(0);
  const atUpper = mixture(1);
  const clampTail = (tail: number) => Math.min(MAX_TAIL, Math.max(OPEN_BOUND_MIN_TAIL * 2, tail));
  const low = question.openLowerBound === true ? clampTail(atLower) : 0;
  const high = question.openUpperBound === true ? clampTail(1 - atUpper) : 0;
  const inRange = 1 - low - high;
  const span = atUpper - atLower;
  // The floor share α gives every step at least α·inRange/n ≥ 2 × 0.01/n.
  const floorShare = Math.min(1, (UNIFORM_FLOOR_FACTOR * 0.01) / inRange);
  const cdf: number[] = [];
  for (let index = 0; index <= n; index++) {
    const u = index / n;
    const shape = span > 1e-12 ? (mixture(u) - atLower) / span : u;
    const mixed = (1 - floorShare) * shape + floorShare * u;
    cdf.push(low + inRange * mixed);
  }
  cdf[0] = low;
  cdf[n] = 1 - high;
  return { ok: true, cdf: cdf.map((value) => roundHalfEven(value, 10)) };
}

/** An optional end_time must lie at least one whole second after the forecast's start. */
export function checkEndTime(
  endTime: Date,
  startSeconds: number,
): { ok: true; endSeconds: number } | { ok: false; reason: 'end_time_not_in_future' } {
  const endSeconds = Math.floor(endTime.getTime() / 1000);
  if (!Number.isFinite(endSeconds) || endSeconds < startSeconds + 1) {
    return { ok: false, reason: 'end_time_not_in_future' };
  }
  return { ok: true, endSeconds };
}

/**
 * A stored MC vector in the current all-options order. Options are only ever added, and
 * docs/maths.md §0's order appends new labels before the catch-all, so an older, shorter vector gets
 * nulls inserted before its last (catch-all) value.
 */
export function alignToAllOptions<T>(vector: readonly T[], optionCount: number, fill: T): T[] {
  if (vector.length >= optionCount) return [...vector];
  const missing = optionCount - vector.length;
  return [
    ...vector.slice(0, -1),
    ...Array.from({ length: missing }, () => fill),
    vector[vector.length - 1],
  ];
}
