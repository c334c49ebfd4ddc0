// Server-rendered pages and their static assets.

import type { Deps } from '../../services/deps.ts';
import { getHomeFeed } from '../../services/pages/get-home-feed.ts';
import { renderHomePage } from '../../views/pages/home-page.ts';
import { APP_CSS } from '../../views/styles.ts';
import type { App } from '../app.ts';

export function registerPages(app: App, deps: Deps): void {
  app.get('/assets/app.css', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return APP_CSS;
  });

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const feed = await getHomeFeed(deps, request.actor);
    reply.type('text/html; charset=utf-8');
    return renderHomePage({ databaseKind: deps.database.kind, feed, now: deps.clock.now() });
  });
}
