// The moderators' resolution queue: questions past their scheduled resolve time with no proposal,
// and proposals waiting for their window or, when disputed, for an admin.
import type { ResolutionQueueItem } from '../../domain/view-models/resolution.ts';
import { formatDayTime } from '../format/dates.ts';
import { outcomeLabel } from './question/resolution-section.tsx';

function When({ date }: { date: Date | null }) {
  return date ? <time dateTime={date.toISOString()}>{formatDayTime(date)}</time> : <>—</>;
}

function Row({ item, now }: { item: ResolutionQueueItem; now: Date }) {
  const proposal = item.proposal;
  let state = 'Needs a resolution';
  if (proposal) {
    state =
      proposal.disputeCount > 0
        ? `Disputed (${proposal.disputeCount}): an admin decides`
        : proposal.windowEndsAt.getTime() <= now.getTime()
          ? 'Window over: finalising'
          : 'In its dispute window';
  }
  return (
    <tr data-queue-question={item.questionId}>
      <th scope="row">
        <a href={`${item.path}#resolution`}>{item.title}</a>
      </th>
      <td>
        <When date={item.scheduledResolveTime} />
      </td>
      <td>{proposal ? outcomeLabel(proposal.resolution) : '—'}</td>
      <td>{proposal ? <When date={proposal.windowEndsAt} /> : '—'}</td>
      <td>{state}</td>
    </tr>
  );
}

export function ResolutionQueuePage({ items, now }: { items: ResolutionQueueItem[]; now: Date }) {
  const waiting = items.filter((item) => item.proposal === null);
  const proposed = items.filter((item) => item.proposal !== null);
  const table = (rows: ResolutionQueueItem[], caption: string, id: string) => (
    <section aria-labelledby={id} class="queue-section">
      <h2 id={id}>{caption}</h2>
      {rows.length === 0 ? (
        <p class="muted">Nothing here.</p>
      ) : (
        <div class="scrollable-table">
          <table>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Scheduled resolution</th>
                <th scope="col">Proposed outcome</th>
                <th scope="col">Window ends</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <Row item={item} now={now} key={item.questionId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
  return (
    <article class="resolution-queue">
      <h1>Resolution queue</h1>
      {table(waiting, `Past their resolve time (${waiting.length})`, 'queue-waiting')}
      {table(proposed, `Proposals awaiting finalisation (${proposed.length})`, 'queue-proposed')}
    </article>
  );
}
