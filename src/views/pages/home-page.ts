// The home feed. Today it introduces Brier; open questions and articles fill it as they land.
import { html } from '../html.ts';
import { renderLayout } from '../layout.ts';

export interface HomePageInput {
  databaseKind: 'pglite' | 'postgres';
}

export function renderHomePage(input: HomePageInput): string {
  return renderLayout({
    title: 'Forecasts you can check',
    body: html`<h1>Forecasts you can check</h1>
<p class="lead">Brier pairs geopolitical analysis with questions that will resolve. Forecast, explain
your reasoning beside your numbers, watch the community prediction move, and get scored when reality
answers.</p>
<section class="grid" aria-label="Getting started">
<div class="card"><h2>Forecast</h2><p>Every question has precise resolution criteria and dates. Your
forecast counts from the moment you make it until you change it.</p></div>
<div class="card"><h2>Reproduce</h2><p>The community prediction and every score follow a published
specification; download a question's bundle and run <code>npx brier aggregate</code> to check.</p></div>
<div class="card"><h2>Build on it</h2><p>A documented REST API with personal tokens:
<a href="/api/docs">browse the API</a>.</p></div>
</section>
<p class="muted">Storage: ${input.databaseKind === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL server'}.</p>`,
  });
}
