// Liveness and readiness for load balancers and orchestrators.

import type { Deps } from '../../../services/deps.ts';
import { checkReadiness } from '../../../services/health/check-readiness.ts';
import type { App } from '../../app-type.ts';

export function registerHealthRoutes(app: App, deps: Deps): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const readiness = await checkReadiness(deps);
    reply.status(readiness.isReady ? 200 : 503);
    return readiness.isReady
      ? { status: 'ready' }
      : { status: 'not_ready', reason: readiness.reason };
  });
}
