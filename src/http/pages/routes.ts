// Server-rendered pages: each route reads a view model from a service and renders a page.
import type { Deps } from '../../services/deps.ts';
import { countMyUnread } from '../../services/notifications/notification-list.ts';
import type { App } from '../app-type.ts';
import { registerAccountPages } from './account-pages.ts';
import { registerAuthPages } from './auth-pages.ts';
import { registerHomePage } from './home-page.ts';
import { registerNotificationPages } from './notification-pages.ts';
import { registerQuestionPage } from './question-page.ts';
import { registerResolutionPages } from './resolution-pages.ts';
import { registerStandingsPages } from './standings-pages.ts';
import { registerWorkflowPages } from './workflow-pages.ts';

export function registerPages(app: App, deps: Deps): void {
  // The header's unread count: one indexed count with the page, for signed-in pages only.
  app.addHook('preHandler', async (request) => {
    const schema = request.routeOptions.schema as { hide?: boolean } | undefined;
    if (!request.credentials?.session || !schema?.hide || request.url.startsWith('/api/')) return;
    request.unreadNotifications = await countMyUnread(deps, request.actor);
  });
  registerHomePage(app, deps);
  registerAuthPages(app, deps);
  registerAccountPages(app, deps);
  registerQuestionPage(app, deps);
  registerStandingsPages(app, deps);
  registerNotificationPages(app, deps);
  registerWorkflowPages(app, deps);
  registerResolutionPages(app, deps);
}
