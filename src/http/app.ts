// Builds the Fastify application from its dependencies; it never listens (main.ts and tests do).
import { randomUUID } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Deps } from '../services/deps.ts';
import { registerAccountEmailRoutes } from './api/auth/account-email-routes.ts';
import { registerAuthRoutes } from './api/auth/routes.ts';
import { registerForecastRoutes } from './api/forecasts/routes.ts';
import { registerHealthRoutes } from './api/health/routes.ts';
import { applyApiConventions } from './api/kit/conventions.ts';
import { registerOpenApi } from './api/kit/openapi.ts';
import { registerMaintenanceRoutes } from './api/maintenance/routes.ts';
import { registerAccountDataRoutes } from './api/me/account-data-routes.ts';
import { registerMeRoutes } from './api/me/routes.ts';
import { registerSessionRoutes } from './api/me/session-routes.ts';
import { registerNotificationRoutes } from './api/notifications/routes.ts';
import { registerQuestionRoutes } from './api/questions/routes.ts';
import { registerResolutionRoutes } from './api/resolution/routes.ts';
import { registerStandingsRoutes } from './api/standings/routes.ts';
import { registerUserRoutes } from './api/users/routes.ts';
import type { App } from './app-type.ts';
import { registerAssets } from './assets/register-assets.ts';
import { handleClientError, handleError, handleNotFound } from './error-handler.ts';
import { registerPages } from './pages/routes.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { RequestLog } from './plugins/request-log.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { validatorCompiler } from './validation.ts';

export type { App };

export interface RegisteredRoute {
  method: string;
  url: string;
  isHidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its method, for the OpenAPI completeness test and docs. */
    registeredRoutes: RegisteredRoute[];
  }
}

/**
 * A request id the client (or its proxy) sent is kept for tracing when it looks like one: up to
 * 128 characters of the sets trace ids use. Anything else (8,000 characters, line breaks,
 * markup) is replaced, so it is never echoed or logged.
 */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:;=/+-]{1,128}$/;

function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** Fastify's form of TRUST_PROXY: a hop count becomes "trust the nearest n addresses". */
function trustedProxies(
  setting: Deps['config']['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return [...setting];
}

/** Headers must arrive within this much of the request's start (never past the whole request). */
const HEADERS_TIMEOUT_MS = 10_000;
/** How often Node looks for connections past those deadlines (its default is 30 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

export async function buildApp(deps: Deps): Promise<App> {
  const { config } = deps;
  const app: App = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new RequestLog(),
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: requestId,
    // Off unless the operator names the proxies in front (TRUST_PROXY): otherwise any client
    // could pick its own address for the per-IP limits through X-Forwarded-For.
    trustProxy: trustedProxies(config.trustProxy),
    // A client that trickles its request is cut off (408) instead of holding a connection open.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs),
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    return503OnClosing: true,
    clientErrorHandler: handleClientError,
    // Bad percent-encoding and over-long parameters: our error body, not Fastify's.
    frameworkErrors: handleError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const isHidden = Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
    for (const method of methods) registeredRoutes.push({ method, url: route.url, isHidden });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
  });

  await registerSecurityHeaders(app);
  await app.register(fastifyFormbody);
  await registerOpenApi(app);
  applyApiConventions(app);
  await registerAssets(app);

  registerMetrics(app, deps.database, config.metricsToken);
  registerHealthRoutes(app, deps);
  await registerAuth(app, deps);
  registerAuthRoutes(app, deps);
  registerAccountEmailRoutes(app, deps);
  registerMeRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerAccountDataRoutes(app, deps);
  registerMaintenanceRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerQuestionRoutes(app, deps);
  await registerForecastRoutes(app, deps);
  registerResolutionRoutes(app, deps);
  registerStandingsRoutes(app, deps);
  registerPages(app, deps);

  return app;
}
