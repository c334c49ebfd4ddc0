// /leaderboards: the global peer or baseline board over a window (a GET form that works without
// JavaScript), one page of rows, the viewer's own row highlighted (and repeated above the table
// when it is on another page), and links to the tournaments.
import type { LeaderboardView, TournamentDetails } from '../../domain/view-models/standings.ts';
import { LeaderboardTable } from '../components/leaderboard-table.tsx';
import { formatDay } from '../format/dates.ts';

export interface LeaderboardsPageModel {
  view: LeaderboardView;
  scoreType: string;
  viewerId: number | null;
  tournaments: TournamentDetails[];
}

const SCORE_TYPES = [
  { value: 'peer_global', label: 'Peer (against other forecasters)' },
  { value: 'baseline_global', label: 'Baseline (against chance)' },
];

export function windowLabel(window: string): string {
  if (window === 'all') return 'All time';
  if (window === 'last-90-days') return 'Last 90 days';
  return window;
}

function pageLink(model: LeaderboardsPageModel, offset: number): string {
  const params = new URLSearchParams({
    score_type: model.scoreType,
    window: model.view.board.timeWindow,
  });
  if (offset > 0) params.set('offset', String(offset));
  return `/leaderboards?${params.toString()}`;
}

export function LeaderboardsPage({ model }: { model: LeaderboardsPageModel }) {
  const { view } = model;
  const board = view.board;
  const isComputed = board.computedAt.getTime() > 0;
  const mine = view.myEntry;
  const isMineShown = mine !== null && view.entries.some((entry) => entry.userId === mine.userId);
  return (
    <div class="stack">
      <div class="page-header">
        <h1>Leaderboards</h1>
      </div>
      <form method="get" action="/leaderboards" class="feed-controls board-controls">
        <div class="field">
          <label for="board-score-type">Score</label>
          <select id="board-score-type" name="score_type">
            {SCORE_TYPES.map((item) => (
              <option value={item.value} selected={item.value === model.scoreType} key={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="board-window">Period</label>
          <select id="board-window" name="window">
            {view.windows.map((window) => (
              <option value={window} selected={window === board.timeWindow} key={window}>
                {windowLabel(window)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Show
        </button>
      </form>
      <p class="muted">
        {windowLabel(board.timeWindow)} · {board.questionCount} resolved question
        {board.questionCount === 1 ? '' : 's'}
        {isComputed ? ` · updated ${formatDay(board.computedAt)}` : ''}. Peer scores are averaged
        over at least 30 question-lengths of coverage; the community prediction is shown for
        comparison and never ranked.
      </p>
      {mine && !isMineShown ? (
        <p class="card my-rank">
          Your rank: <strong>{mine.exclusionStatus >= 2 ? 'not ranked' : mine.rank}</strong> of{' '}
          {view.total}, score {mine.score.toFixed(2)}.
        </p>
      ) : null}
      {view.entries.length === 0 ? (
        <p class="empty-state">No scored questions in this period yet.</p>
      ) : (
        <LeaderboardTable
          caption={`${SCORE_TYPES.find((s) => s.value === model.scoreType)?.label ?? ''} leaderboard, ${windowLabel(board.timeWindow)}`}
          entries={view.entries}
          viewerId={model.viewerId}
          showPrizes={false}
        />
      )}
      <nav class="pagination" aria-label="Leaderboard pages">
        {view.offset > 0 ? (
          <a href={pageLink(model, Math.max(0, view.offset - view.limit))}>Previous</a>
        ) : null}
        {view.offset + view.limit < view.total ? (
          <a href={pageLink(model, view.offset + view.limit)}>Next</a>
        ) : null}
      </nav>
      {model.tournaments.length > 0 ? (
        <section aria-labelledby="tournaments-heading">
          <h2 id="tournaments-heading">Tournaments</h2>
          <ul class="card question-list">
            {model.tournaments.map((tournament) => (
              <li key={tournament.id}>
                <a href={`/tournaments/${tournament.slug}`}>{tournament.title}</a>{' '}
                <span class="muted">{tournament.isFinalized ? 'finalised' : 'in progress'}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
