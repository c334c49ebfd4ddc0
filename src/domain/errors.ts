// The one error type services raise on purpose; http/error-handler.ts alone maps codes to statuses.

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ALREADY_EXISTS'
  | 'QUESTION_NOT_OPEN'
  | 'INVALID_TRANSITION'
  | 'INVALID_RESOLUTION'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'CP_HIDDEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'MALFORMED_REQUEST'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'RATE_LIMITED'
  | 'DATABASE_UNAVAILABLE'
  | 'SERVER_BUSY'
  | 'INTERNAL';

export interface FieldProblem {
  /** JSON path of the offending field, e.g. `/probability_yes_per_category/2` */
  path: string;
  message: string;
}

export interface ErrorDetails {
  fields?: FieldProblem[];
  [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Shorthand for a validation failure on one field. */
export function invalidField(path: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${path}: ${message}`, {
    fields: [{ path, message }],
  });
}
