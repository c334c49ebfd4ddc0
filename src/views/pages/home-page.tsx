// The home feed: open questions with sorts, tag and tournament filters, search and cursor
// pagination, all plain links and a GET form (no JavaScript needed).
import type { FeedFilters, FeedSort, HomeFeedModel } from '../../domain/view-models/home-feed.ts';
import { QuestionCard } from '../components/question-card.tsx';

const SORT_LABELS: Record<FeedSort, string> = {
  newest: 'Newest',
  closing_soon: 'Closing soon',
  most_forecasters: 'Most forecasters',
  biggest_move: 'Biggest 7-day move',
};

/** The feed URL for these filters (defaults left out), optionally at a cursor. */
export function feedHref(filters: FeedFilters, cursor?: string): string {
  const query = new URLSearchParams();
  if (filters.text) query.set('q', filters.text);
  if (filters.sort !== 'newest') query.set('sort', filters.sort);
  if (filters.tag) query.set('tag', filters.tag);
  if (filters.tournamentId !== null) query.set('tournament', String(filters.tournamentId));
  if (cursor) query.set('cursor', cursor);
  const search = query.toString();
  return search ? `/?${search}` : '/';
}

function FeedControls({ model }: { model: HomeFeedModel }) {
  const { filters } = model;
  return (
    <search>
      <form method="get" action="/" class="feed-controls" aria-label="Filter questions">
        <input type="hidden" name="sort" value={filters.sort} />
        <div class="field search-field">
          <label for="feed-q">Search</label>
          <input id="feed-q" type="search" name="q" value={filters.text} maxLength={200} />
        </div>
        <div class="field">
          <label for="feed-tag">Tag</label>
          <select id="feed-tag" name="tag">
            <option value="">All tags</option>
            {model.tags.map((tag) => (
              <option value={tag} selected={tag === filters.tag} key={tag}>
                {tag}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="feed-tournament">Tournament</label>
          <select id="feed-tournament" name="tournament">
            <option value="">All tournaments</option>
            {model.tournaments.map((tournament) => (
              <option
                value={String(tournament.id)}
                selected={tournament.id === filters.tournamentId}
                key={tournament.id}
              >
                {tournament.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <button type="submit" class="secondary">
            Apply
          </button>
        </div>
      </form>
    </search>
  );
}

function SortTabs({ filters }: { filters: FeedFilters }) {
  return (
    <nav aria-label="Sort questions">
      <ul class="sort-tabs">
        {(Object.keys(SORT_LABELS) as FeedSort[]).map((sort) => (
          <li key={sort}>
            <a
              href={feedHref({ ...filters, sort })}
              aria-current={sort === filters.sort ? 'true' : undefined}
            >
              {SORT_LABELS[sort]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function isFiltered(filters: FeedFilters): boolean {
  return Boolean(filters.text || filters.tag || filters.tournamentId !== null);
}

export function HomePage({ model, now }: { model: HomeFeedModel; now: Date }) {
  const { filters } = model;
  return (
    <>
      <div class="page-header">
        <div>
          <h1>Forecasts you can check</h1>
          <p class="lead">
            Questions that will resolve, a community prediction you can reproduce, and a score when
            reality answers.
          </p>
        </div>
      </div>
      <FeedControls model={model} />
      <SortTabs filters={filters} />
      <h2 class="visually-hidden">Open questions</h2>
      {model.cards.length > 0 ? (
        <section class="grid" aria-label="Open questions">
          {model.cards.map((card) => (
            <QuestionCard card={card} now={now} key={card.question.id} />
          ))}
        </section>
      ) : (
        <div class="card empty-state">
          {isFiltered(filters) ? (
            <p>
              No open question matches these filters. <a href="/">Show all open questions</a>
            </p>
          ) : (
            <p>
              No question is open yet. Analysts draft questions; a moderator approves them, and they
              open at their scheduled time.
            </p>
          )}
        </div>
      )}
      {model.nextCursor || model.isContinuation ? (
        <nav class="pagination" aria-label="More questions">
          {model.isContinuation ? <a href={feedHref(filters)}>First page</a> : null}
          {model.nextCursor ? (
            <a class="button secondary" href={feedHref(filters, model.nextCursor)} rel="next">
              More questions
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
