// Turns a failed use case into what a form page shows: errors by field beside the fields, or a
// message for the whole form. Errors that no form can fix (rate limits, outages) are rethrown
// for the error page.
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import { statusForCode } from '../error-handler.ts';

export interface FormFailure {
  status: number;
  fields: Record<string, string>;
  formError?: string;
}

const FORM_CODES: ReadonlySet<ErrorCode> = new Set([
  'VALIDATION_FAILED',
  'ALREADY_EXISTS',
  'INVALID_CREDENTIALS',
  'CONFLICT',
  'INVALID_TRANSITION',
]);

/** The form's failure for `error`, or rethrows it when it is not the form's to show. */
export function formFailure(error: unknown): FormFailure {
  if (!(error instanceof DomainError) || !FORM_CODES.has(error.code)) throw error;
  const fields: Record<string, string> = {};
  const problems = (error.details?.fields ?? []) as Array<{ path: string; message: string }>;
  for (const problem of problems) {
    // "/username" → "username"; "/options/0/label" → "options.0.label"
    const name = problem.path.replace(/^\//, '').split('/').join('.');
    fields[name] ??= `${labelOf(name)} ${problem.message}`;
  }
  return {
    status: statusForCode(error.code),
    fields,
    formError: problems.length === 0 ? error.message : undefined,
  };
}

function labelOf(name: string): string {
  const last = name.split('.').pop() ?? name;
  const words = last.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A post-sign-in destination: a path on this site only (never `//host` or a URL). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/';
  // Backslashes and control characters can turn a path into another host in some browsers.
  if (/^[\x21-\x7e]*$/.test(next) === false || next.includes('\\')) return '/';
  return next.slice(0, 500);
}
