// The home feed: open questions with their community prediction, then what Brier is.
import type { HomeFeedItem } from '../../services/pages/get-home-feed.ts';
import { renderQuestionCard } from '../components/question-card.ts';
import { html } from '../html.ts';
import { renderLayout } from '../layout.ts';

export interface HomePageInput {
  databaseKind: 'pglite' | 'postgres';
  feed: HomeFeedItem[];
  now: Date;
}

export function renderHomePage(input: HomePageInput): string {
  const questions =
    input.feed.length > 0
      ? html`<section class="grid" aria-label="Open questions">${input.feed.map((item) =>
          renderQuestionCard(item.question, item.summary, input.now),
        )}</section>`
      : html`<p class="card">No question is open yet. Analysts draft questions through the API;
a moderator approves them, and they open at their scheduled time.</p>`;
  return renderLayout({
    title: 'Forecasts you can check',
    body: html`<h1>Forecasts you can check</h1>
<p class="lead">Brier pairs geopolitical analysis with questions that will resolve. Forecast, explain
your reasoning beside your numbers, watch the community prediction move, and get scored when reality
answers.</p>
<h2>Open questions</h2>
${questions}
<h2>How it works</h2>
<section class="grid" aria-label="How it works">
<div class="card"><h3>Forecast</h3><p>Every question has precise resolution criteria and dates. Your
forecast counts from the moment you make it until you change it.</p></div>
<div class="card"><h3>Reproduce</h3><p>The community prediction and every score follow a published
specification; download a question's bundle and run <code>npx brier aggregate</code> to check.</p></div>
<div class="card"><h3>Build on it</h3><p>A documented REST API with personal tokens:
<a href="/api/docs">browse the API</a>.</p></div>
</section>
<p class="muted">Storage: ${input.databaseKind === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL server'}.</p>`,
  });
}
