// The page shell every server-rendered page uses: skip link, header with navigation and the
// account controls, main, footer. Sign-out is a form (POST /logout with the CSRF token), so it
// works without JavaScript.
import type { ComponentChildren } from 'preact';
import { isRoleAtLeast } from '../../domain/actor.ts';
import type { PageContext } from '../page-context.ts';

/** Inline so that no page triggers a request for /favicon.ico: a "B" on the accent colour. */
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%231f4fd1'/%3E%3Ctext x='16' y='23' font-family='system-ui,sans-serif' font-size='20' font-weight='700' text-anchor='middle' fill='%23fff'%3EB%3C/text%3E%3C/svg%3E";

const DEFAULT_DESCRIPTION =
  'Forecasts, analysis and discussion, scored when reality answers. Community predictions you can reproduce.';

export interface DocumentHead {
  title: string;
  description?: string;
  /** Pages that are someone's own (settings, drafts) stay out of search engines. */
  isPrivate?: boolean;
  stylesheets: string[];
  preloads: string[];
  scripts: string[];
}

function NavLink(props: { href: string; path: string; children: ComponentChildren }) {
  const isCurrent = props.href === '/' ? props.path === '/' : props.path.startsWith(props.href);
  return (
    <a href={props.href} aria-current={isCurrent ? 'page' : undefined}>
      {props.children}
    </a>
  );
}

function NotificationsLink(props: { count: number; path: string }) {
  const isCurrent = props.path.startsWith('/notifications');
  return (
    <a
      href="/notifications"
      class="notifications-link"
      aria-current={isCurrent ? 'page' : undefined}
    >
      Notifications
      {props.count > 0 ? (
        <span class="count-badge">
          <span aria-hidden="true">{props.count > 99 ? '99+' : props.count}</span>
          <span class="visually-hidden">{`, ${props.count} unread`}</span>
        </span>
      ) : null}
    </a>
  );
}

function AccountControls({ context }: { context: PageContext }) {
  const { viewer, path } = context;
  if (!viewer) {
    return (
      <div class="account">
        <NavLink href="/login" path={path}>
          Sign in
        </NavLink>
        <a class="button button-small" href="/register">
          Register
        </a>
      </div>
    );
  }
  return (
    <div class="account">
      <NavLink href={`/users/${encodeURIComponent(viewer.username)}`} path={path}>
        {viewer.username}
      </NavLink>
      {viewer.role === 'moderator' || viewer.role === 'admin' ? (
        <NavLink href="/moderation/resolutions" path={path}>
          Resolutions
        </NavLink>
      ) : null}
      <NotificationsLink count={viewer.unreadNotifications} path={path} />
      <NavLink href="/settings" path={path}>
        Settings
      </NavLink>
      <form method="post" action="/logout" class="inline-form">
        <input type="hidden" name="_csrf" value={viewer.csrfToken} />
        <button type="submit" class="link-button">
          Sign out
        </button>
      </form>
    </div>
  );
}

export function SiteLayout(props: { head: DocumentHead; context: PageContext; mainHtml: string }) {
  const { head, context } = props;
  const { viewer, path } = context;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${head.title} · Brier`}</title>
        <meta name="description" content={head.description ?? DEFAULT_DESCRIPTION} />
        {head.isPrivate ? <meta name="robots" content="noindex" /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href={FAVICON} />
        {head.stylesheets.map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {head.preloads.map((href) => (
          <link rel="modulepreload" href={href} key={href} />
        ))}
        {head.scripts.map((src) => (
          <script type="module" src={src} key={src} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                B
              </span>
              Brier
            </a>
            <nav aria-label="Main" class="main-nav">
              <NavLink href="/" path={path}>
                Questions
              </NavLink>
              {viewer && isRoleAtLeast(viewer.role, 'analyst') ? (
                <NavLink href="/drafts" path={path}>
                  Drafts
                </NavLink>
              ) : null}
              {viewer && isRoleAtLeast(viewer.role, 'moderator') ? (
                <NavLink href="/review" path={path}>
                  Review
                </NavLink>
              ) : null}
              <NavLink href="/leaderboards" path={path}>
                Leaderboards
              </NavLink>
              {viewer && isRoleAtLeast(viewer.role, 'admin') ? (
                <NavLink href="/admin" path={path}>
                  Admin
                </NavLink>
              ) : null}
              <NavLink href="/api/docs" path={path}>
                API
              </NavLink>
            </nav>
            <AccountControls context={context} />
          </div>
        </header>
        {/* Rendered first by renderPage, which collected the islands it uses. */}
        <main id="main" tabIndex={-1} dangerouslySetInnerHTML={{ __html: props.mainHtml }} />
        <footer class="site-footer">
          <p>
            Brier: forecasts you can check. Community predictions are reproducible with{' '}
            <code>npx brier aggregate</code>.
          </p>
        </footer>
      </body>
    </html>
  );
}
