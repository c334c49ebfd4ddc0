// Rules for a question's content (text, sources, tags, ranges, options) and its schedule.
import { DEFAULT_INBOUND_OUTCOME_COUNT } from '../core/locations/bucket.ts';
import type { QuestionType } from '../core/types.ts';
import type { FieldProblem } from './errors.ts';
import {
  isContinuousType,
  type QuestionOption,
  type QuestionRecord,
  type QuestionSource,
} from './question-record.ts';

export const MAX_INBOUND_OUTCOME_COUNT = 1000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_LONG_TEXT_LENGTH = 20_000;
export const MAX_OPTION_LABEL_LENGTH = 200;
export const MAX_OPTION_DESCRIPTION_LENGTH = 5000;
export const MAX_OPTIONS = 50;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_SOURCES = 50;
export const MAX_UNIT_LENGTH = 40;

/**
 * A question's content as a client sends it (camelCase, API units): date ranges as instants,
 * discrete ranges as the lowest and highest outcome. `undefined` = not given, `null` = none.
 */
export interface QuestionInput {
  type: QuestionType;
  title: string;
  description?: string;
  resolutionCriteria?: string;
  finePrint?: string;
  sources?: QuestionSource[];
  tags?: string[];
  tournamentId?: number | null;
  openTime?: Date | null;
  scheduledCloseTime?: Date | null;
  scheduledResolveTime?: Date | null;
  cpRevealTime?: Date | null;
  rangeMin?: number | Date | null;
  rangeMax?: number | Date | null;
  zeroPoint?: number | Date | null;
  openLowerBound?: boolean | null;
  openUpperBound?: boolean | null;
  inboundOutcomeCount?: number | null;
  unit?: string | null;
  options?: Array<{ label: string; description?: string }> | null;
  isForecastBeforeCrowd?: boolean;
}

/** The content as stored: trimmed, defaults filled, ranges on the CDF axis (QuestionRecord units). */
export interface QuestionContent {
  type: QuestionType;
  title: string;
  description: string;
  resolutionCriteria: string;
  finePrint: string;
  sources: QuestionSource[];
  tags: string[];
  tournamentId: number | null;
  openTime: Date | null;
  scheduledCloseTime: Date | null;
  scheduledResolveTime: Date | null;
  cpRevealTime: Date | null;
  rangeMin: number | null;
  rangeMax: number | null;
  zeroPoint: number | null;
  openLowerBound: boolean | null;
  openUpperBound: boolean | null;
  inboundOutcomeCount: number | null;
  unit: string;
  options: QuestionOption[] | null;
  isForecastBeforeCrowd: boolean;
}

export type ContentCheck =
  | { ok: true; content: QuestionContent }
  | { ok: false; reason: 'invalid_fields'; fields: FieldProblem[] };

/** The instants of a question's life, as set (or proposed) for approval. */
export interface QuestionSchedule {
  openTime: Date | null;
  scheduledCloseTime: Date | null;
  scheduledResolveTime: Date | null;
  cpRevealTime: Date | null;
}

/** Whole seconds: the maths works in unix seconds (docs/maths.md §0), so stored instants are too. */
export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * Checks the relative order of whichever times are set: close after open, resolve not before
 * close, reveal between open and close. Paths are the API's field names.
 */
export function checkScheduleOrder(schedule: QuestionSchedule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { openTime, scheduledCloseTime, scheduledResolveTime, cpRevealTime } = schedule;
  if (openTime && scheduledCloseTime && scheduledCloseTime.getTime() <= openTime.getTime()) {
    problems.push({ path: '/scheduled_close_time', message: 'must be after open_time' });
  }
  if (
    scheduledCloseTime &&
    scheduledResolveTime &&
    scheduledResolveTime.getTime() < scheduledCloseTime.getTime()
  ) {
    problems.push({
      path: '/scheduled_resolve_time',
      message: 'must not be before scheduled_close_time',
    });
  }
  if (cpRevealTime) {
    if (openTime && cpRevealTime.getTime() < openTime.getTime()) {
      problems.push({ path: '/cp_reveal_time', message: 'must not be before open_time' });
    } else if (scheduledCloseTime && cpRevealTime.getTime() > scheduledCloseTime.getTime()) {
      problems.push({
        path: '/cp_reveal_time',
        message: 'must not be after scheduled_close_time',
      });
    }
  }
  return problems;
}

function trimmed(value: string | undefined | null): string {
  return (value ?? '').trim();
}

function checkText(
  problems: FieldProblem[],
  path: string,
  value: string,
  maxLength: number,
  isRequired: boolean,
): void {
  if (isRequired && value.length === 0) problems.push({ path, message: 'must not be blank' });
  if (value.length > maxLength) {
    problems.push({ path, message: `must be at most ${maxLength} characters` });
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function normalizeTags(tags: string[] | undefined, problems: FieldProblem[]): string[] {
  const result: string[] = [];
  (tags ?? []).forEach((raw, index) => {
    const tag = raw.trim().toLowerCase();
    if (tag.length === 0) problems.push({ path: `/tags/${index}`, message: 'must not be blank' });
    else if (tag.length > MAX_TAG_LENGTH) {
      problems.push({
        path: `/tags/${index}`,
        message: `must be at most ${MAX_TAG_LENGTH} characters`,
      });
    } else if (!result.includes(tag)) result.push(tag);
  });
  if (result.length > MAX_TAGS)
    problems.push({ path: '/tags', message: `at most ${MAX_TAGS} tags` });
  return result;
}

function normalizeSources(
  sources: QuestionSource[] | undefined,
  problems: FieldProblem[],
): QuestionSource[] {
  const list = sources ?? [];
  if (list.length > MAX_SOURCES) {
    problems.push({ path: '/sources', message: `at most ${MAX_SOURCES} sources` });
  }
  return list.map((source, index) => {
    const title = source.title.trim();
    const url = source.url.trim();
    checkText(problems, `/sources/${index}/title`, title, MAX_TITLE_LENGTH, true);
    if (!isHttpUrl(url) || url.length > 2000) {
      problems.push({ path: `/sources/${index}/url`, message: 'must be an http(s) URL' });
    }
    return { title, url };
  });
}

/** MC options: at least two, labels unique (case-insensitively), the last one is the catch-all. */
export function checkOptions(
  options: Array<{ label: string; description?: string }> | null | undefined,
  problems: FieldProblem[],
): QuestionOption[] {
  if (!options) {
    problems.push({ path: '/options', message: 'is required for multiple_choice questions' });
    return [];
  }
  if (options.length < 2) {
    problems.push({ path: '/options', message: 'must list at least 2 options' });
  }
  if (options.length > MAX_OPTIONS) {
    problems.push({ path: '/options', message: `must list at most ${MAX_OPTIONS} options` });
  }
  const seen = new Set<string>();
  return options.map((option, index) => {
    const label = option.label.trim();
    const description = trimmed(option.description);
    checkText(problems, `/options/${index}/label`, label, MAX_OPTION_LABEL_LENGTH, true);
    checkText(
      problems,
      `/options/${index}/description`,
      description,
      MAX_OPTION_DESCRIPTION_LENGTH,
      false,
    );
    const key = label.toLowerCase();
    if (label.length > 0 && seen.has(key)) {
      problems.push({ path: `/options/${index}/label`, message: 'duplicates another option' });
    }
    seen.add(key);
    return { label, description };
  });
}

interface ContinuousFields {
  rangeMin: number;
  rangeMax: number;
  zeroPoint: number | null;
  inboundOutcomeCount: number;
}

/** Reads one range value in the type's API unit (instants for dates, numbers otherwise). */
function readRangeValue(
  type: QuestionType,
  value: number | Date | null | undefined,
  path: string,
  problems: FieldProblem[],
): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (type === 'date') {
    if (!(value instanceof Date)) {
      problems.push({ path, message: 'must be an RFC 3339 date-time for date questions' });
      return undefined;
    }
    return unixSeconds(value);
  }
  if (value instanceof Date) {
    problems.push({ path, message: 'must be a number' });
    return undefined;
  }
  if (!Number.isFinite(value)) {
    problems.push({ path, message: 'must be a finite number' });
    return undefined;
  }
  if (type === 'discrete' && !Number.isInteger(value)) {
    problems.push({ path, message: 'must be a whole number for discrete questions' });
    return undefined;
  }
  return value;
}

function checkContinuous(input: QuestionInput, problems: FieldProblem[]): ContinuousFields | null {
  const before = problems.length;
  const rangeMin = readRangeValue(input.type, input.rangeMin, '/range_min', problems);
  const rangeMax = readRangeValue(input.type, input.rangeMax, '/range_max', problems);
  const zeroPoint = readRangeValue(input.type, input.zeroPoint, '/zero_point', problems) ?? null;
  if (rangeMin === null || (rangeMin === undefined && input.rangeMin === undefined)) {
    problems.push({ path: '/range_min', message: `is required for ${input.type} questions` });
  }
  if (rangeMax === null || (rangeMax === undefined && input.rangeMax === undefined)) {
    problems.push({ path: '/range_max', message: `is required for ${input.type} questions` });
  }
  if (problems.length > before || rangeMin == null || rangeMax == null) return null;
  if (rangeMin >= rangeMax) {
    problems.push({ path: '/range_max', message: 'must be greater than range_min' });
    return null;
  }
  if (zeroPoint !== null) {
    if (input.type === 'discrete') {
      problems.push({ path: '/zero_point', message: 'is not supported for discrete questions' });
    } else if (zeroPoint >= rangeMin && zeroPoint <= rangeMax) {
      problems.push({
        path: '/zero_point',
        message: 'must lie outside [range_min, range_max] (log scale)',
      });
    }
  }
  if (input.type === 'discrete') {
    // The API takes the outcome range with step 1; the CDF axis is padded by half a unit on each
    // side so that each outcome owns one bucket (docs/maths.md §6): 1…5 → [0.5, 5.5] with n = 5.
    const outcomeCount = rangeMax - rangeMin + 1;
    if (outcomeCount > MAX_INBOUND_OUTCOME_COUNT) {
      problems.push({
        path: '/range_max',
        message: `a discrete question has at most ${MAX_INBOUND_OUTCOME_COUNT} outcomes`,
      });
    }
    if (input.inboundOutcomeCount != null && input.inboundOutcomeCount !== outcomeCount) {
      problems.push({
        path: '/inbound_outcome_count',
        message: `must equal the number of outcomes (${outcomeCount}) for discrete questions`,
      });
    }
    return {
      rangeMin: rangeMin - 0.5,
      rangeMax: rangeMax + 0.5,
      zeroPoint: null,
      inboundOutcomeCount: outcomeCount,
    };
  }
  const count = input.inboundOutcomeCount ?? DEFAULT_INBOUND_OUTCOME_COUNT;
  if (!Number.isInteger(count) || count < 2 || count > MAX_INBOUND_OUTCOME_COUNT) {
    problems.push({
      path: '/inbound_outcome_count',
      message: `must be a whole number from 2 to ${MAX_INBOUND_OUTCOME_COUNT}`,
    });
  }
  return { rangeMin, rangeMax, zeroPoint, inboundOutcomeCount: count };
}

const CONTINUOUS_ONLY: Array<[keyof QuestionInput, string]> = [
  ['rangeMin', '/range_min'],
  ['rangeMax', '/range_max'],
  ['zeroPoint', '/zero_point'],
  ['openLowerBound', '/open_lower_bound'],
  ['openUpperBound', '/open_upper_bound'],
  ['inboundOutcomeCount', '/inbound_outcome_count'],
];

/** Validates and normalises a question's content; every problem is reported with its path. */
export function checkQuestionContent(input: QuestionInput): ContentCheck {
  const problems: FieldProblem[] = [];
  const title = input.title.trim();
  checkText(problems, '/title', title, MAX_TITLE_LENGTH, true);
  const description = trimmed(input.description);
  checkText(problems, '/description', description, MAX_LONG_TEXT_LENGTH, false);
  const resolutionCriteria = trimmed(input.resolutionCriteria);
  checkText(problems, '/resolution_criteria', resolutionCriteria, MAX_LONG_TEXT_LENGTH, false);
  const finePrint = trimmed(input.finePrint);
  checkText(problems, '/fine_print', finePrint, MAX_LONG_TEXT_LENGTH, false);
  const sources = normalizeSources(input.sources, problems);
  const tags = normalizeTags(input.tags, problems);
  const unit = trimmed(input.unit);
  checkText(problems, '/unit', unit, MAX_UNIT_LENGTH, false);

  const schedule: QuestionSchedule = {
    openTime: input.openTime ? truncateToSecond(input.openTime) : null,
    scheduledCloseTime: input.scheduledCloseTime
      ? truncateToSecond(input.scheduledCloseTime)
      : null,
    scheduledResolveTime: input.scheduledResolveTime
      ? truncateToSecond(input.scheduledResolveTime)
      : null,
    cpRevealTime: input.cpRevealTime ? truncateToSecond(input.cpRevealTime) : null,
  };
  problems.push(...checkScheduleOrder(schedule));

  let continuous: ContinuousFields | null = null;
  let options: QuestionOption[] | null = null;
  if (isContinuousType(input.type)) {
    continuous = checkContinuous(input, problems);
  } else {
    for (const [key, path] of CONTINUOUS_ONLY) {
      if (input[key] !== undefined && input[key] !== null) {
        problems.push({ path, message: 'is only for numeric, date and discrete questions' });
      }
    }
    if (unit.length > 0) {
      problems.push({ path: '/unit', message: 'is only for numeric, date and discrete questions' });
    }
  }
  if (input.type === 'multiple_choice') {
    options = checkOptions(input.options, problems);
  } else if (input.options !== undefined && input.options !== null) {
    problems.push({ path: '/options', message: 'is only for multiple_choice questions' });
  }

  if (problems.length > 0) return { ok: false, reason: 'invalid_fields', fields: problems };
  return {
    ok: true,
    content: {
      type: input.type,
      title,
      description,
      resolutionCriteria,
      finePrint,
      sources,
      tags,
      tournamentId: input.tournamentId ?? null,
      ...schedule,
      rangeMin: continuous?.rangeMin ?? null,
      rangeMax: continuous?.rangeMax ?? null,
      zeroPoint: continuous?.zeroPoint ?? null,
      openLowerBound: continuous ? (input.openLowerBound ?? false) : null,
      openUpperBound: continuous ? (input.openUpperBound ?? false) : null,
      inboundOutcomeCount: continuous?.inboundOutcomeCount ?? null,
      unit: continuous ? unit : '',
      options,
      isForecastBeforeCrowd: input.isForecastBeforeCrowd ?? false,
    },
  };
}

/** The API-unit view of a stored range value (inverse of the normalisation above). */
export function rangeValueForApi(
  type: QuestionType,
  value: number | null,
  end: 'min' | 'max',
): number | Date | null {
  if (value === null) return null;
  if (type === 'date') return new Date(value * 1000);
  if (type === 'discrete') return end === 'min' ? value + 0.5 : value - 0.5;
  return value;
}

/** A stored question back as input, so a PATCH can be merged over it and checked as a whole. */
export function questionToInput(question: QuestionRecord): QuestionInput {
  const isContinuous = isContinuousType(question.type);
  return {
    type: question.type,
    title: question.title,
    description: question.description,
    resolutionCriteria: question.resolutionCriteria,
    finePrint: question.finePrint,
    sources: question.sources,
    tags: question.tags,
    tournamentId: question.tournamentId,
    openTime: question.openTime,
    scheduledCloseTime: question.scheduledCloseTime,
    scheduledResolveTime: question.scheduledResolveTime,
    cpRevealTime: question.cpRevealTime,
    rangeMin: isContinuous ? rangeValueForApi(question.type, question.rangeMin, 'min') : undefined,
    rangeMax: isContinuous ? rangeValueForApi(question.type, question.rangeMax, 'max') : undefined,
    zeroPoint:
      isContinuous && question.zeroPoint !== null
        ? rangeValueForApi(question.type, question.zeroPoint, 'min')
        : undefined,
    openLowerBound: isContinuous ? question.openLowerBound : undefined,
    openUpperBound: isContinuous ? question.openUpperBound : undefined,
    inboundOutcomeCount:
      isContinuous && question.type !== 'discrete' ? question.inboundOutcomeCount : undefined,
    unit: question.unit,
    options: question.options ?? undefined,
    isForecastBeforeCrowd: question.isForecastBeforeCrowd,
  };
}

/** Fields that belong to one type; dropped from the stored input when a PATCH changes the type. */
export const TYPE_SPECIFIC_INPUT_KEYS: ReadonlyArray<keyof QuestionInput> = [
  'rangeMin',
  'rangeMax',
  'zeroPoint',
  'openLowerBound',
  'openUpperBound',
  'inboundOutcomeCount',
  'unit',
  'options',
];
