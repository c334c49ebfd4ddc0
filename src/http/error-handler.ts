// The only place that maps error codes to HTTP statuses and renders error bodies (JSON or HTML).
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, type ErrorCode, type FieldProblem } from '../domain/errors.ts';
import {
  isDatabaseDataError,
  isDatabaseDiskFullError,
  isDatabaseUnavailableError,
} from '../services/health/database-errors.ts';
import { ErrorPage, errorHeading } from '../views/pages/error-page.tsx';
import { sendPage } from './pages/render.ts';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  QUESTION_NOT_OPEN: 409,
  INVALID_TRANSITION: 409,
  INVALID_RESOLUTION: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  CP_HIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  MALFORMED_REQUEST: 400,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  INTERNAL: 500,
};

export function statusForCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

/** Every error code, for the OpenAPI document's error schema. */
export const ERROR_CODES = Object.keys(STATUS_BY_CODE) as ErrorCode[];

/** The codes answered with `status`, to say in the document what each error status means. */
export function codesWithStatus(status: number): ErrorCode[] {
  return ERROR_CODES.filter((code) => STATUS_BY_CODE[code] === status);
}

interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns Ajv errors into `{path, message}` with JSON-pointer paths that name the field. */
function fieldProblems(errors: AjvError[], httpPart: string | undefined): FieldProblem[] {
  return errors.map((error) => {
    let path = error.instancePath || '';
    if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
      path = `${path}/${error.params.missingProperty}`;
    }
    if (
      error.keyword === 'additionalProperties' &&
      typeof error.params.additionalProperty === 'string'
    ) {
      path = `${path}/${error.params.additionalProperty}`;
    }
    const prefix = httpPart && httpPart !== 'body' ? httpPart : '';
    return { path: `${prefix}${path}` || '/', message: error.message ?? 'is invalid' };
  });
}

/** Classifies any thrown value into a code, message and details that are safe to show. */
export function toPublicError(error: unknown): {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
} {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError?.validation) {
    const fields = fieldProblems(
      fastifyError.validation as AjvError[],
      fastifyError.validationContext,
    );
    const first = fields[0];
    return {
      code: 'VALIDATION_FAILED',
      message: first ? `${first.path}: ${first.message}` : 'The request is invalid.',
      details: { fields },
    };
  }
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'VALIDATION_FAILED', message: 'Content-Length does not match the body.' };
    case 'FST_ERR_BAD_URL':
      return { code: 'MALFORMED_REQUEST', message: 'The URL is not valid.' };
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return { code: 'RATE_LIMITED', message: 'Too many requests; try again later.' };
  }
  if (fastifyError instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' };
  }
  const status = fastifyError?.statusCode;
  if (fastifyError?.code === 'ECONNRESET' && status === 400) {
    return { code: 'MALFORMED_REQUEST', message: 'The request body ended early.' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 429)
      return { code: 'RATE_LIMITED', message: 'Too many requests; try again later.' };
    if (status === 413)
      return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
    if (status === 415)
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type.' };
    return { code: 'VALIDATION_FAILED', message: 'The request is invalid.' };
  }
  // After the 4xx check: a body cut off by the client fails with ECONNRESET and status 400, and
  // must not be mistaken for the database connection failing.
  if (isDatabaseDiskFullError(error)) {
    // The operator's to fix (docs/operations.md, "Disk full"); the client may retry later.
    return {
      code: 'DATABASE_UNAVAILABLE',
      message: "The database's disk is full, so nothing can be saved; try again later.",
    };
  }
  if (isDatabaseUnavailableError(error)) {
    return {
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly.',
    };
  }
  if (isDatabaseDataError(error)) {
    // e.g. a NUL character in a text field, or a number outside the column's range: the input
    // could not be stored as given, which is the client's to fix.
    return {
      code: 'VALIDATION_FAILED',
      message: 'A value in the request cannot be stored as given.',
    };
  }
  return { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' };
}

export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> },
): FastifyReply {
  const status = statusForCode(error.code);
  if (
    (error.code === 'RATE_LIMITED' || error.code === 'SERVER_BUSY') &&
    !reply.getHeader('retry-after')
  ) {
    const seconds = error.details?.retry_after_seconds;
    reply.header('retry-after', String(typeof seconds === 'number' ? seconds : 60));
  }
  if (wantsHtml(request)) {
    return sendPage(request, reply, {
      status,
      title: errorHeading(status),
      body: h(ErrorPage, {
        model: {
          status,
          code: error.code,
          message: error.message,
          isGuest: request.actor === null,
          path: request.url.split('?')[0] ?? '/',
        },
      }),
    });
  }
  const body: { error: Record<string, unknown> } = {
    error: { code: error.code, message: error.message },
  };
  if (error.details) body.error.details = error.details;
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

export function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const publicError = toPublicError(error);
  if (publicError.code === 'INTERNAL') {
    request.log.error({ err: error }, 'unhandled error');
  } else if (isDatabaseDiskFullError(error)) {
    request.log.error({ err: error }, 'the database disk is full');
  } else if (publicError.code === 'DATABASE_UNAVAILABLE') {
    request.log.warn({ err: error }, 'database unavailable');
  }
  return sendError(request, reply, publicError);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(request, reply, {
    code: 'NOT_FOUND',
    message: `No route for ${request.method} ${request.url.split('?')[0]}.`,
  });
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (bad Content-Length, broken chunked
 * encoding, oversized headers, header timeouts) get the same JSON error body as everything else.
 */
export function handleClientError(
  this: { log: FastifyBaseLogger },
  error: Error & { code?: string },
  socket: Duplex,
): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const publicError: { code: ErrorCode; message: string } =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive.' }
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large.' }
        : { code: 'MALFORMED_REQUEST', message: 'The request is not valid HTTP/1.1.' };
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    const status = statusForCode(publicError.code);
    const body = JSON.stringify({ error: publicError });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
