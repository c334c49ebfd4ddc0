// The question form (new question, edit draft) as plain HTML fields: their names, reading a post
// into the services' QuestionInput, a stored draft back into field values, and mapping the API's
// field problems (JSON paths, API names) onto the fields with words a person reads. Times are
// typed in UTC (datetime-local without a zone); date ranges are days.
import type { QuestionType } from '../core/types.ts';
import type { FieldProblem } from './errors.ts';
import type { QuestionInput } from './question-fields.ts';
import { isContinuousType, type QuestionRecord } from './question-record.ts';

export const QUESTION_TYPES: readonly QuestionType[] = [
  'binary',
  'multiple_choice',
  'numeric',
  'date',
  'discrete',
];

/** Every field of the form; values arrive and are shown as strings ('on' for checkboxes). */
export const QUESTION_FORM_FIELDS = [
  'type',
  'title',
  'description',
  'resolution_criteria',
  'fine_print',
  'tags',
  'sources',
  'options',
  'range_min',
  'range_max',
  'date_min',
  'date_max',
  'zero_point',
  'unit',
  'open_lower_bound',
  'open_upper_bound',
  'open_time',
  'scheduled_close_time',
  'scheduled_resolve_time',
] as const;

export type QuestionFormField = (typeof QUESTION_FORM_FIELDS)[number];
export type QuestionFormValues = Partial<Record<QuestionFormField, string>>;
/** Errors by field name; `form` for problems no single field owns. */
export type QuestionFormErrors = Partial<Record<QuestionFormField | 'form', string>>;

/** What a field is called in sentences (the API's names never reach the page). */
const FIELD_WORDS: Record<string, string> = {
  title: 'the title',
  description: 'the background',
  resolution_criteria: 'the resolution criteria',
  fine_print: 'the fine print',
  range_min: 'the lower bound',
  range_max: 'the upper bound',
  zero_point: 'the zero point',
  open_time: 'the opening time',
  scheduled_close_time: 'the closing time',
  scheduled_resolve_time: 'the resolution time',
  cp_reveal_time: 'the reveal time',
  inbound_outcome_count: 'the number of outcomes',
  tournament_id: 'the tournament',
};

/** "must be after open_time" → "Must be after the opening time." */
export function humanizeProblem(message: string): string {
  let text = message;
  for (const [name, words] of Object.entries(FIELD_WORDS)) {
    text = text.replace(new RegExp(`\\b${name}\\b`, 'g'), words);
  }
  text = text.replace('[the lower bound, the upper bound]', 'the range');
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2027-01-31T09:30" read as UTC; null when blank, undefined when not a time. */
export function parseUtcDateTime(text: string | undefined): Date | null | undefined {
  const value = (text ?? '').trim();
  if (value === '') return null;
  const match = DATETIME_LOCAL.exec(value) ?? DATE_ONLY.exec(value);
  if (!match) return undefined;
  const date = new Date(`${value.length === 10 ? `${value}T00:00` : value}Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  // new Date() rolls 31 February over to March: refuse instead.
  if (date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() + 1 !== Number(match[2])) {
    return undefined;
  }
  return date;
}

/** The value a datetime-local field shows for an instant: "2027-01-31T09:30" (UTC). */
export function toDateTimeField(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 16) : '';
}

/** "12.5", "1,5", "1 000" → numbers; null when blank; NaN when not a number. */
export function parseNumberField(text: string | undefined): number | null {
  const value = (text ?? '').trim().replace(/[\s\u00a0\u202f]/g, '');
  if (value === '') return null;
  const normalized = /^-?\d+,\d+$/.test(value) ? value.replace(',', '.') : value;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalized) ? Number(normalized) : Number.NaN;
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** "Label | description" per line. */
function parseOptions(text: string | undefined): Array<{ label: string; description: string }> {
  return lines(text).map((line) => {
    const bar = line.indexOf('|');
    return bar === -1
      ? { label: line, description: '' }
      : { label: line.slice(0, bar).trim(), description: line.slice(bar + 1).trim() };
  });
}

/** "Title | https://…" per line; a bare URL is its own title. */
function parseSources(text: string | undefined): Array<{ title: string; url: string }> {
  return lines(text).map((line) => {
    const bar = line.lastIndexOf('|');
    if (bar === -1) return { title: line, url: line };
    return { title: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
  });
}

export type QuestionFormRead =
  | { ok: true; input: QuestionInput }
  | { ok: false; input: QuestionInput; errors: QuestionFormErrors };

/**
 * Reads a post into the services' input. Fields the browser cannot have sent in their format
 * (a time that is no time) are errors here; everything else is left to the services' rules,
 * so the page and the API judge a question alike. `input` is always usable for a dry check.
 */
export function readQuestionForm(values: QuestionFormValues): QuestionFormRead {
  const errors: QuestionFormErrors = {};
  const type = (QUESTION_TYPES as readonly string[]).includes(values.type ?? '')
    ? (values.type as QuestionType)
    : null;
  if (!type) errors.type = 'Choose the kind of question.';
  const input: QuestionInput = {
    type: type ?? 'binary',
    title: values.title ?? '',
    description: values.description ?? '',
    resolutionCriteria: values.resolution_criteria ?? '',
    finePrint: values.fine_print ?? '',
    tags: (values.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    sources: parseSources(values.sources),
  };
  const times = [
    ['open_time', 'openTime'],
    ['scheduled_close_time', 'scheduledCloseTime'],
    ['scheduled_resolve_time', 'scheduledResolveTime'],
  ] as const;
  for (const [field, key] of times) {
    const date = parseUtcDateTime(values[field]);
    if (date === undefined) errors[field] = 'Enter a date and time, e.g. 2027-01-31 09:30.';
    input[key] = date ?? null;
  }
  if (type === 'multiple_choice') input.options = parseOptions(values.options);
  if (type && isContinuousType(type)) {
    if (type === 'date') {
      const min = parseUtcDateTime(values.date_min);
      const max = parseUtcDateTime(values.date_max);
      if (min === undefined) errors.date_min = 'Enter a date, e.g. 2027-01-31.';
      if (max === undefined) errors.date_max = 'Enter a date, e.g. 2030-12-31.';
      input.rangeMin = min ?? null;
      input.rangeMax = max ?? null;
      input.zeroPoint = null;
    } else {
      // NaN reaches the rules, which answer "must be a finite number" beside the field.
      input.rangeMin = parseNumberField(values.range_min);
      input.rangeMax = parseNumberField(values.range_max);
      // The zero point (log scale) is numeric only; null clears one an edited draft had.
      input.zeroPoint = type === 'numeric' ? parseNumberField(values.zero_point) : null;
      input.unit = values.unit ?? '';
    }
    input.openLowerBound = values.open_lower_bound === 'on';
    input.openUpperBound = values.open_upper_bound === 'on';
  }
  return Object.keys(errors).length > 0 ? { ok: false, input, errors } : { ok: true, input };
}

/** The field a problem of the API (a JSON path) belongs to on this form. */
export function formFieldOfPath(path: string, type: QuestionType): QuestionFormField | 'form' {
  const first = path.replace(/^\//, '').split('/')[0] ?? '';
  switch (first) {
    case 'title':
    case 'description':
    case 'resolution_criteria':
    case 'fine_print':
    case 'tags':
    case 'sources':
    case 'options':
    case 'unit':
    case 'open_time':
    case 'scheduled_close_time':
    case 'scheduled_resolve_time':
    case 'open_lower_bound':
    case 'open_upper_bound':
    case 'type':
      return first;
    case 'zero_point':
      return type === 'numeric' ? 'zero_point' : 'form';
    case 'range_min':
      return type === 'date' ? 'date_min' : 'range_min';
    case 'range_max':
    case 'inbound_outcome_count':
      return type === 'date' ? 'date_max' : 'range_max';
    default:
      return 'form';
  }
}

/** The API's field problems as the form's errors: the first problem of each field. */
export function errorsFromProblems(
  problems: readonly FieldProblem[],
  type: QuestionType,
): QuestionFormErrors {
  const errors: QuestionFormErrors = {};
  for (const problem of problems) {
    const field = formFieldOfPath(problem.path, type);
    const index = /^\/(?:options|sources|tags)\/(\d+)/.exec(problem.path)?.[1];
    const where = index === undefined ? '' : `Line ${Number(index) + 1}: `;
    const what = problem.path.endsWith('/url') ? 'the link ' : '';
    const message = humanizeProblem(`${what}${problem.message}`);
    errors[field] ??=
      `${where}${where ? message.charAt(0).toLowerCase() + message.slice(1) : message}`;
  }
  return errors;
}

/** A stored draft as the form's values (what the edit page shows). */
export function questionToFormValues(question: QuestionRecord): QuestionFormValues {
  const values: QuestionFormValues = {
    type: question.type,
    title: question.title,
    description: question.description,
    resolution_criteria: question.resolutionCriteria,
    fine_print: question.finePrint,
    tags: question.tags.join(', '),
    sources: question.sources
      .map((source) =>
        source.title === source.url ? source.url : `${source.title} | ${source.url}`,
      )
      .join('\n'),
    open_time: toDateTimeField(question.openTime),
    scheduled_close_time: toDateTimeField(question.scheduledCloseTime),
    scheduled_resolve_time: toDateTimeField(question.scheduledResolveTime),
  };
  if (question.options) {
    values.options = question.options
      .map((option) =>
        option.description ? `${option.label} | ${option.description}` : option.label,
      )
      .join('\n');
  }
  if (isContinuousType(question.type) && question.rangeMin !== null && question.rangeMax !== null) {
    if (question.type === 'date') {
      values.date_min = new Date(question.rangeMin * 1000).toISOString().slice(0, 10);
      values.date_max = new Date(question.rangeMax * 1000).toISOString().slice(0, 10);
    } else if (question.type === 'discrete') {
      values.range_min = String(question.rangeMin + 0.5);
      values.range_max = String(question.rangeMax - 0.5);
    } else {
      values.range_min = String(question.rangeMin);
      values.range_max = String(question.rangeMax);
      if (question.zeroPoint !== null) values.zero_point = String(question.zeroPoint);
    }
    values.unit = question.unit;
    if (question.openLowerBound) values.open_lower_bound = 'on';
    if (question.openUpperBound) values.open_upper_bound = 'on';
  }
  return values;
}

/** One problem as a sentence naming its field: "The resolution criteria must be written …". */
export function describeProblem(problem: FieldProblem): string {
  const name = problem.path.replace(/^\//, '').split('/')[0] ?? '';
  const words = FIELD_WORDS[name] ?? name.replace(/_/g, ' ');
  return humanizeProblem(`${words} ${problem.message}`);
}
