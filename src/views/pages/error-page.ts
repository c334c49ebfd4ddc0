// Friendly HTML error page for browsers (the API gets the JSON error body instead).
import { html } from '../html.ts';
import { renderLayout } from '../layout.ts';

export function renderErrorPage(input: { status: number; code: string; message: string }): string {
  const heading =
    input.status === 404
      ? 'Page not found'
      : input.status >= 500
        ? 'Something went wrong'
        : 'That did not work';
  return renderLayout({
    title: heading,
    body: html`<div class="error-box card"><h1>${heading}</h1><p>${input.message}</p>
<p class="muted">Error ${input.status} · ${input.code}</p><p><a href="/">Back to the home page</a></p></div>`,
  });
}
