// /tournaments/:slug: the description, dates and prizes, the questions with their weights and
// the CP the viewer may see, and the leaderboard (prizes and medals once finalised).

import { questionPath } from '../../domain/question-path.ts';
import type { TournamentView } from '../../domain/view-models/standings.ts';
import { LeaderboardTable } from '../components/leaderboard-table.tsx';
import { formatDay } from '../format/dates.ts';
import { formatPercent } from '../format/question-headline.ts';

const SCORE_LABEL: Record<string, string> = {
  peer_tournament: 'Peer score (time-averaged)',
  spot_peer_tournament: 'Spot peer score',
  spot_baseline_tournament: 'Spot baseline score',
  relative_legacy_tournament: 'Relative legacy score',
};

function cpText(question: TournamentView['questions'][number]): string {
  const cp = question.communityPrediction;
  if (question.type !== 'binary') return cp ? 'see question' : '\u2013';
  const yes = cp?.forecast_values?.[1];
  return typeof yes === 'number' ? formatPercent(yes) : 'hidden';
}

export function TournamentPage(props: { model: TournamentView; viewerId: number | null }) {
  const { tournament, questions, leaderboard } = props.model;
  return (
    <div class="stack">
      <div class="page-header">
        <h1>{tournament.title}</h1>
      </div>
      {tournament.description
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim().length > 0)
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      <dl class="tournament-facts card">
        <div>
          <dt>Runs</dt>
          <dd>
            {tournament.startTime ? formatDay(tournament.startTime) : 'open start'} –{' '}
            {tournament.closeTime ? formatDay(tournament.closeTime) : 'open end'}
          </dd>
        </div>
        <div>
          <dt>Leaderboard</dt>
          <dd>{SCORE_LABEL[tournament.scoreType] ?? tournament.scoreType}</dd>
        </div>
        <div>
          <dt>Prize pool</dt>
          <dd>
            {tournament.prizePool === null
              ? 'none'
              : `${tournament.prizePool} (minimum prize ${tournament.minimumPrizeAmount})`}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {tournament.isFinalized && tournament.finalizedAt
              ? `finalised ${formatDay(tournament.finalizedAt)}`
              : tournament.finalizeTime
                ? `final results on ${formatDay(tournament.finalizeTime)}`
                : 'in progress'}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="tournament-questions">
        <h2 id="tournament-questions">Questions</h2>
        {questions.length === 0 ? (
          <p class="empty-state">No questions yet.</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keyboard (WCAG 2.1.1)
          <section class="table-wrap" tabIndex={0} aria-label="Tournament questions">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col" class="number">
                    Weight
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col" class="number">
                    Community
                  </th>
                </tr>
              </thead>
              <tbody>
                {questions.map((question) => (
                  <tr key={question.id}>
                    <th scope="row">
                      <a href={questionPath(question)}>{question.title}</a>
                    </th>
                    <td class="number">{question.questionWeight}</td>
                    <td>
                      {question.status.replace('_', ' ')}
                      {question.resolution ? ` (${question.resolution})` : ''}
                    </td>
                    <td class="number">{cpText(question)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      <section aria-labelledby="tournament-board">
        <h2 id="tournament-board">Leaderboard</h2>
        {leaderboard.entries.length === 0 ? (
          <p class="empty-state">
            No resolved questions yet: the board fills as questions resolve.
          </p>
        ) : (
          <LeaderboardTable
            caption={`${tournament.title} leaderboard`}
            entries={leaderboard.entries}
            viewerId={props.viewerId}
            showPrizes={tournament.prizePool !== null || tournament.isFinalized}
          />
        )}
      </section>
    </div>
  );
}
