// The OpenAPI 3.1 document (/api/v1/openapi.json) and the browsable docs (/api/docs), generated
// from the route schemas. The document is JSON Schema 2020-12 throughout, names the server the
// reader loaded it from, and the docs page can try every operation with the reader's session.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi, { type FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '../../plugins/auth.ts';
import { relaxStylesForApiDocs } from '../../plugins/security-headers.ts';

/** Route schema flag of operations whose body may be left out (`requestBody.required: false`). */
export const OPTIONAL_BODY = 'x-optional-body';

const DESCRIPTION = `Forecasting questions, forecasts, community predictions and scores.

**Trying it here.** Signed in to this site in this browser, every operation runs as you: the page
sends your session cookie and, on writes, the \`${CSRF_HEADER}\` header it fetches from
\`GET /api/v1/auth/csrf\`. Without a session, create a token (\`POST /api/v1/me/tokens\`, or sign in
first with \`POST /api/v1/auth/login\`) and paste it under **Authorize → bearerToken**.

Errors are \`{"error": {"code", "message", "details"}}\` (schema \`Error\`); see docs/api.md.`;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null;
}

/**
 * TypeBox emits tuples the draft-07 way (`items: [a, b]`, `additionalItems`), which 2020-12 —
 * OpenAPI 3.1's dialect — reads differently: there they are `prefixItems` (and `items: false`).
 */
function toDraft202012(node: unknown): void {
  if (!isObject(node)) return;
  if (Array.isArray(node)) {
    for (const item of node) toDraft202012(item);
    return;
  }
  if (Array.isArray(node.items)) {
    node.prefixItems = node.items;
    node.items = node.additionalItems ?? false;
    delete node.additionalItems;
  }
  for (const value of Object.values(node)) toDraft202012(value);
}

/** `requestBody.required` is false where the route says its body may be left out. */
function markOptionalBodies(paths: JsonObject): void {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations as Record<string, JsonObject>)) {
      if (!operation[OPTIONAL_BODY]) continue;
      delete operation[OPTIONAL_BODY];
      if (isObject(operation.requestBody)) operation.requestBody.required = false;
    }
  }
}

/** The document as served to `request`: its server is the origin the reader used. */
function forRequest(document: Readonly<JsonObject>, request: FastifyRequest): JsonObject {
  return { ...document, servers: [{ url: `${request.protocol}://${request.host}` }] };
}

/**
 * Swagger UI's request interceptor, as source: it is written into the UI's external initializer
 * script (no inline script, so a strict CSP holds). Cookie-authenticated writes get the CSRF
 * header; requests authorised with a token need none.
 */
const addCsrfToken = new Function(
  'request',
  `var method = (request.method || 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return request;
  var headers = request.headers || (request.headers = {});
  for (var name in headers) if (name.toLowerCase() === 'authorization') return request;
  return fetch(new URL('/api/v1/auth/csrf', window.location.href), { credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (body) {
      if (body.csrf_token) headers['${CSRF_HEADER}'] = body.csrf_token;
      return request;
    });`,
) as NonNullable<FastifySwaggerUiOptions['uiConfig']>['requestInterceptor'];

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Brier API', version: '1', description: DESCRIPTION },
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token (brier_…)' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'brier_session',
            description: `Set by login; writes also need the ${CSRF_HEADER} header`,
          },
        },
      },
    },
    // Shared schemas (the error body) keep their $id as their component name.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
    transformObject: (documentObject) => {
      // A copy: the generated document shares objects with the route schemas themselves.
      const document = structuredClone(
        'openapiObject' in documentObject
          ? documentObject.openapiObject
          : documentObject.swaggerObject,
      ) as JsonObject;
      toDraft202012(document);
      if (isObject(document.paths)) markOptionalBodies(document.paths);
      return document as never;
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    transformStaticCSP: relaxStylesForApiDocs,
    uiConfig: { requestInterceptor: addCsrfToken },
    transformSpecification: (document, request) => forRequest(document, request),
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async (request) =>
    forRequest(app.swagger() as unknown as JsonObject, request),
  );
}
