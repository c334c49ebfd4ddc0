// What every /api/v1 operation shares, applied as routes are registered so no route can forget it:
// - the error statuses it can answer, each with the one error body (`#/components/schemas/Error`):
//   401, 500 and 503 everywhere (a bad Authorization header is a 401 on every route); 400 with any
//   input; 404 with path parameters; 400, 403 (CSRF), 413, 415 and 429 on writes. Statuses that
//   depend on the use case (a role, a state, a hidden CP) are declared by the route: `errors(409)`.
// - an empty body sent as `application/json` is no body, where the operation takes none or an
//   optional one (OPTIONAL_BODY; such a body then reads as `{}`);
// - operations that declare the SIGNED_IN security requirement answer an anonymous request 401
//   before reading its body, so a bad body from nobody is a 401, not a 400.
import { Type } from '@sinclair/typebox';
import type {
  FastifyInstance,
  FastifyRequest,
  onRequestHookHandler,
  preValidationHookHandler,
  RouteOptions,
} from 'fastify';
import type { ErrorCode } from '../../../domain/errors.ts';
import { requireUser } from '../../../services/auth/require-user.ts';
import { codesWithStatus, ERROR_CODES } from '../../error-handler.ts';
import { OPTIONAL_BODY } from './openapi.ts';
import { FreeObject } from './schemas.ts';

/** OpenAPI security requirement of operations that need a signed-in user. */
export const SIGNED_IN: Array<Record<string, string[]>> = [
  { bearerToken: [] },
  { sessionCookie: [] },
];

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

const MEANING: Record<ErrorStatus, string> = {
  400: 'The request is invalid; details.fields names each bad field',
  401: 'Not signed in, or the credential sent does not work',
  403: 'Not allowed',
  404: 'Not found, or not visible to you',
  409: 'Not allowed in the current state',
  413: 'The request body is too large',
  415: 'The body is not application/json',
  422: 'The Idempotency-Key was used for a different request',
  429: 'Too many requests; retry after Retry-After seconds',
  500: 'Our fault; logged with the request id',
  503: 'The database is unavailable; try again shortly',
};

export const ERROR_SCHEMA_ID = 'Error';

/** The one error body: `{"error": {"code", "message", "details"}}`. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Unsafe<ErrorCode>({
        type: 'string',
        enum: ERROR_CODES,
        description: 'Stable; the message may change',
      }),
      message: Type.String({ description: 'For people; clients should switch on code' }),
      details: Type.Optional(
        FreeObject('fields: [{path, message}] for invalid input; other keys by code'),
      ),
    }),
  },
  { $id: ERROR_SCHEMA_ID, title: ERROR_SCHEMA_ID },
);

function errorResponse(status: ErrorStatus) {
  const codes: ErrorCode[] = codesWithStatus(status);
  return Type.Ref(ERROR_SCHEMA_ID, { description: `${MEANING[status]} (${codes.join(', ')})` });
}

/** Error statuses of an operation beyond the derived ones, to spread into its `response`. */
export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(statuses.map((status) => [status, errorResponse(status)]));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function derivedStatuses(route: RouteOptions): ErrorStatus[] {
  const schema = route.schema ?? {};
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const isWrite = methods.some((method) => !SAFE_METHODS.has(method));
  const hasInput = Boolean(schema.params || schema.querystring || schema.headers || schema.body);
  const statuses: ErrorStatus[] = [401, 500, 503];
  if (hasInput || isWrite) statuses.push(400);
  if (schema.params) statuses.push(404);
  if (isWrite) statuses.push(403, 413, 415);
  const rateLimit = (route.config as { rateLimit?: unknown } | undefined)?.rateLimit;
  if (isWrite && rateLimit !== false) statuses.push(429);
  return statuses;
}

const requireSignedIn: onRequestHookHandler = (request, _reply, done) => {
  try {
    requireUser(request.actor);
  } catch (error) {
    done(error as Error);
    return;
  }
  done();
};

const fillOptionalBody: preValidationHookHandler = (request, _reply, done) => {
  request.body ??= {};
  done();
};

function takesRequiredBody(request: FastifyRequest): boolean {
  const schema = request.routeOptions.schema as Record<string, unknown> | undefined;
  return Boolean(schema?.body) && !schema?.[OPTIONAL_BODY];
}

function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0 && !takesRequiredBody(request)) {
      done(null, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}

function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Call before any /api/v1 route is registered. */
export function applyApiConventions(app: FastifyInstance): void {
  app.addSchema(ErrorSchema);
  acceptEmptyJsonBodies(app);
  app.addHook('onRoute', (route) => {
    const schema = route.schema as
      | (RouteOptions['schema'] & { hide?: boolean; security?: unknown })
      | undefined;
    if (!route.url.startsWith('/api/v1/') || !schema || schema.hide) return;
    const derived = errors(...derivedStatuses(route));
    schema.response = { ...derived, ...(schema.response as object | undefined) };
    if (schema.security === SIGNED_IN) {
      // Route-level onRequest hooks run after the app's, so the actor is known by then.
      route.onRequest = [...toArray(route.onRequest), requireSignedIn];
    }
    if ((schema as Record<string, unknown>)[OPTIONAL_BODY]) {
      route.preValidation = [...toArray(route.preValidation), fillOptionalBody];
    }
  });
}
