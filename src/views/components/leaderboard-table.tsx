// A ranked board as a table: rank, forecaster (the CP row unranked), score, coverage, questions,
// prize and medal. The viewer's own row is marked in words ("you") and by a border, never by
// colour alone.
import type { StoredEntryWithUser } from '../../domain/view-models/standings.ts';

const MEDAL_LABEL = { gold: 'Gold', silver: 'Silver', bronze: 'Bronze' } as const;

export function formatScore(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text.replace('-', '\u2212');
}

function who(entry: StoredEntryWithUser) {
  if (entry.userId === null) return <span>Community prediction</span>;
  const name = entry.displayName ?? entry.username ?? `user ${entry.userId}`;
  return <a href={`/users/${encodeURIComponent(entry.username ?? '')}`}>{name}</a>;
}

export function LeaderboardTable(props: {
  caption: string;
  entries: StoredEntryWithUser[];
  viewerId: number | null;
  showPrizes: boolean;
  showTake?: boolean;
}) {
  const { entries, viewerId, showPrizes } = props;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={props.caption}>
      <table class="data leaderboard">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Forecaster</th>
            <th scope="col" class="number">
              Score
            </th>
            <th scope="col" class="number">
              Coverage
            </th>
            <th scope="col" class="number">
              Questions
            </th>
            {showPrizes ? (
              <>
                <th scope="col" class="number">
                  Prize
                </th>
                <th scope="col">Medal</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const isMe = viewerId !== null && entry.userId === viewerId;
            const isCp = entry.userId === null;
            return (
              <tr
                key={entry.position}
                class={isMe ? 'is-me' : isCp ? 'is-cp' : undefined}
                aria-current={isMe ? 'true' : undefined}
              >
                <td>{entry.exclusionStatus >= 2 ? '\u2013' : entry.rank}</td>
                <th scope="row">
                  {who(entry)}
                  {isMe ? <span class="badge you-badge">you</span> : null}
                  {isCp ? <span class="muted"> (not ranked)</span> : null}
                </th>
                <td class="number">{formatScore(entry.score)}</td>
                <td class="number">{formatScore(entry.coverage)}</td>
                <td class="number">{entry.contributionCount}</td>
                {showPrizes ? (
                  <>
                    <td class="number">
                      {entry.prize === null ? '\u2013' : formatScore(entry.prize)}
                    </td>
                    <td>{entry.medal ? MEDAL_LABEL[entry.medal] : ''}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
