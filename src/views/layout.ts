// The page shell every server-rendered page uses: header, skip link, main, footer.
import { html, type SafeHtml } from './html.ts';

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
