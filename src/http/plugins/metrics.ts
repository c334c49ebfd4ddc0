// Prometheus metrics: request counts and latencies by route, database pool gauges, event-loop lag.

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DomainError } from '../../domain/errors.ts';
import { tokenLookupBatcherFor } from '../../services/auth/authenticate-api-token.ts';
import { secretsEqual } from '../../services/auth/secrets.ts';
import type { Deps } from '../../services/deps.ts';
import { cpEventStatsFor } from '../../services/forecasts/cp-transaction.ts';
import { cpWriteBatcherFor } from '../../services/forecasts/cp-write-batcher.ts';
import type { App } from '../app-type.ts';
import { handleNotFound } from '../error-handler.ts';

export function registerMetrics(
  app: App,
  database: Deps['database'],
  metricsToken: string | null,
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({
    name: 'brier_http_requests_total',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'brier_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'brier_db_pool_connections',
    help: 'Database pool connections by state (PGlite reports its single connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  void pool;
  const batchers = {
    cp_write: cpWriteBatcherFor(database),
    token_lookup: tokenLookupBatcherFor(database),
  };
  const batched = new Gauge({
    name: 'brier_batched_statements',
    help: 'Group-committed statements since start (statement-batcher.ts): statements sent, items they carried, largest batch',
    labelNames: ['purpose', 'kind'] as const,
    registers: [registry],
    collect() {
      for (const [purpose, batcher] of Object.entries(batchers)) {
        this.set({ purpose, kind: 'statements' }, batcher.stats.statements);
        this.set({ purpose, kind: 'items' }, batcher.stats.items);
        this.set({ purpose, kind: 'largest_batch' }, batcher.stats.largestBatch);
      }
    },
  });
  void batched;
  const { syncCount } = database;
  if (syncCount) {
    new Gauge({
      name: 'brier_pglite_syncs',
      help: 'PGlite on disk: fdatasync calls since start (WAL at each commit, data files at checkpoints)',
      registers: [registry],
      collect() {
        this.set(syncCount());
      },
    });
  }
  const cpEvents = cpEventStatsFor(database);
  const cpEventWays = new Gauge({
    name: 'brier_cp_events',
    help: 'CP events (forecasts, withdrawals, expirations) since start by how they ran: optimistic, locked, or fallback (tried optimistically, then locked)',
    labelNames: ['way'] as const,
    registers: [registry],
    collect() {
      for (const [way, count] of Object.entries(cpEvents)) this.set({ way }, count);
    },
  });
  void cpEventWays;

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  // Off unless METRICS_TOKEN is set: process and database figures are not for the public.
  const config = { hasOwnAuthentication: true };
  app.get('/metrics', { schema: { hide: true }, config }, async (request, reply) => {
    if (metricsToken === null) return handleNotFound(request, reply);
    if (!secretsEqual(`Bearer ${metricsToken}`, request.headers.authorization ?? '')) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new DomainError('UNAUTHENTICATED', 'Send the METRICS_TOKEN as a Bearer token.');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
