// Server-rendered pages: each route reads a view model from a service and renders a page.
import type { Deps } from '../../services/deps.ts';
import type { App } from '../app-type.ts';
import { registerAccountPages } from './account-pages.ts';
import { registerAuthPages } from './auth-pages.ts';
import { registerHomePage } from './home-page.ts';
import { registerQuestionPage } from './question-page.ts';
import { registerResolutionPages } from './resolution-pages.ts';
import { registerStandingsPages } from './standings-pages.ts';
import { registerWorkflowPages } from './workflow-pages.ts';

export function registerPages(app: App, deps: Deps): void {
  registerHomePage(app, deps);
  registerAuthPages(app, deps);
  registerAccountPages(app, deps);
  registerQuestionPage(app, deps);
  registerStandingsPages(app, deps);
  registerWorkflowPages(app, deps);
  registerResolutionPages(app, deps);
}
