// The page shell every server-rendered page uses: header, skip link, main, footer.
import { html, raw, type SafeHtml } from './html.ts';

/** Inline so that no page triggers a request for /favicon.ico: a "B" on the header's navy. */
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%230d1b2a'/%3E%3Ctext x='16' y='23' font-family='system-ui,sans-serif' font-size='20' font-weight='700' text-anchor='middle' fill='%23fff'%3EB%3C/text%3E%3C/svg%3E";

export interface LayoutOptions {
  title: string;
  body: SafeHtml;
  description?: string;
}

export function renderLayout({ title, body, description }: LayoutOptions): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Brier</title>
<meta name="description" content="${description ?? 'Forecasts, analysis and discussion, scored when reality answers.'}">
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="${raw(FAVICON)}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site"><div class="bar">
<a class="brand" href="/">Brier</a>
<nav aria-label="Main"><a href="/">Questions</a><a href="/api/docs">API</a></nav>
</div></header>
<main id="main">${body}</main>
<footer class="site">Brier: forecasts you can check. Community predictions are reproducible with <code>npx brier aggregate</code>.</footer>
</body>
</html>`}`;
}
