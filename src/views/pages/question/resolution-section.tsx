// The question's resolution: the outcome (or the pending proposal) with its evidence, the dispute
// window and disputes, your scores next to the crowd's, and plain forms (no JavaScript) to propose
// (moderators), dispute (forecasters) and finalise or withdraw (admins).
import type {
  ProposalModel,
  ResolutionSectionModel,
  ScoreCell,
} from '../../../domain/view-models/resolution.ts';
import {
  FormAlert,
  PostForm,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/form-fields.tsx';
import { formatDayTime } from '../../format/dates.ts';
import { Paragraphs } from './text-blocks.tsx';

const SCORE_NAMES: Record<string, string> = {
  peer: 'Peer',
  baseline: 'Baseline',
  spot_peer: 'Spot peer',
  spot_baseline: 'Spot baseline',
  relative_legacy: 'Relative',
  brier: 'Brier',
  log: 'Log',
};

const STATUS_TEXT: Record<string, string> = {
  closed: 'Closed, awaiting a resolution',
  resolution_proposed: 'Resolution proposed',
  resolved: 'Resolved',
  annulled: 'Annulled',
  open: 'Open',
};

const KIND_TEXT: Record<ProposalModel['kind'], string> = {
  proposal: 'Proposed',
  re_resolution: 'Re-resolved',
  annulment: 'Annulled',
  conditional: 'Settled automatically',
};

export function outcomeLabel(resolution: string): string {
  if (resolution === 'yes') return 'Yes';
  if (resolution === 'no') return 'No';
  if (resolution === 'annulled') return 'Annulled';
  if (resolution === 'ambiguous') return 'Ambiguous';
  if (resolution === 'below_lower_bound') return 'Below the lower bound';
  if (resolution === 'above_upper_bound') return 'Above the upper bound';
  return resolution;
}

function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDayTime(date)}</time>;
}

function Evidence({ proposal }: { proposal: ProposalModel }) {
  if (proposal.evidence.length === 0 && !proposal.note) return null;
  return (
    <div class="resolution-evidence">
      {proposal.note ? <Paragraphs text={proposal.note} /> : null}
      {proposal.evidence.length > 0 ? (
        <>
          <h3>Evidence</h3>
          <ul>
            {proposal.evidence.map((item) => (
              <li key={item.url}>
                <a href={item.url} rel="nofollow noopener noreferrer">
                  {item.url}
                </a>
                {item.note ? ` — ${item.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Disputes({ proposal }: { proposal: ProposalModel }) {
  if (proposal.disputes.length === 0) return <p class="muted">No disputes.</p>;
  return (
    <>
      <h3>Disputes ({proposal.disputes.length})</h3>
      <ul class="resolution-disputes">
        {proposal.disputes.map((dispute) => (
          <li key={dispute.username}>
            <strong>{dispute.username}</strong> · <When date={dispute.createdAt} />
            <Paragraphs text={dispute.reason} />
          </li>
        ))}
      </ul>
    </>
  );
}

function formatScore(cell: ScoreCell | undefined, type: string): string {
  if (!cell) return '—';
  const digits = type === 'brier' || type === 'log' ? 3 : 1;
  return cell.score.toFixed(digits);
}

function ScoresTable({ model }: { model: ResolutionSectionModel }) {
  const scores = model.scores;
  if (!scores) return null;
  const rows: Array<[string, Partial<Record<string, ScoreCell>> | null]> = [];
  if (scores.mine) rows.push(['You', scores.mine]);
  rows.push(['Community prediction', scores.crowd]);
  return (
    <div class="resolution-scores">
      <h3 id="scores-heading">Scores</h3>
      <div class="scrollable-table">
        <table aria-labelledby="scores-heading">
          <thead>
            <tr>
              <th scope="col">Who</th>
              {scores.types.map((type) => (
                <th scope="col" key={type}>
                  {SCORE_NAMES[type] ?? type}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([who, values]) => (
              <tr key={who} data-score-row={who === 'You' ? 'mine' : 'crowd'}>
                <th scope="row">{who}</th>
                {scores.types.map((type) => (
                  <td key={type}>{formatScore(values?.[type], type)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">
        Peer and baseline scores are time-averaged over the question's life (higher is better);
        Brier and log score the forecast standing at the close.
        {scores.mine ? '' : ' You have no scores on this question.'}
      </p>
    </div>
  );
}

function ProposeForm({ model }: { model: ResolutionSectionModel }) {
  const form = model.form?.form === 'propose' ? model.form : null;
  const values = form?.values ?? {};
  const outcome = values.resolution ?? '';
  return (
    <PostForm
      action={model.actions.propose}
      class="form resolution-form"
      aria-label="Propose a resolution"
    >
      <h3>Propose a resolution</h3>
      <FormAlert message={form?.error} />
      {model.outcomeChoices ? (
        <SelectField
          name="resolution"
          label="Outcome"
          value={outcome}
          options={[...model.outcomeChoices, 'ambiguous', 'annulled'].map((choice) => ({
            value: choice,
            label: outcomeLabel(choice),
          }))}
          hint={model.outcomeHint}
        />
      ) : (
        <TextField
          name="resolution"
          label="Outcome"
          value={outcome}
          hint={model.outcomeHint}
          required
        />
      )}
      <TextField
        name="evidence_url"
        label="Evidence link"
        type="url"
        value={values.evidence_url ?? ''}
        required
      />
      <TextField
        name="evidence_note"
        label="What the link shows"
        value={values.evidence_note ?? ''}
      />
      <TextField
        name="evidence_url_2"
        label="Another evidence link (optional)"
        type="url"
        value={values.evidence_url_2 ?? ''}
      />
      <TextAreaField name="note" label="Note (optional)" rows={3} value={values.note ?? ''} />
      <TextField
        name="dispute_window_hours"
        label="Dispute window in hours"
        type="number"
        min="0"
        step="1"
        value={values.dispute_window_hours ?? String(model.disputeWindowHours)}
        hint="Forecasters may dispute until it ends; 0 finalises at once."
      />
      <button type="submit" class="button">
        Propose
      </button>
    </PostForm>
  );
}

function DisputeForm({ model }: { model: ResolutionSectionModel }) {
  const form = model.form?.form === 'dispute' ? model.form : null;
  return (
    <PostForm
      action={model.actions.dispute}
      class="form resolution-form"
      aria-label="Dispute the resolution"
    >
      <h3>Dispute this resolution</h3>
      <FormAlert message={form?.error} />
      <TextAreaField
        name="reason"
        label="Why is it wrong?"
        rows={3}
        value={form?.values.reason ?? ''}
        required
      />
      <button type="submit" class="button button-secondary">
        Dispute
      </button>
    </PostForm>
  );
}

function DecideForms({ model }: { model: ResolutionSectionModel }) {
  const form = model.form?.form === 'decide' ? model.form : null;
  return (
    <div class="resolution-decide">
      <FormAlert message={form?.error} />
      <PostForm action={model.actions.finalize} class="inline-form" aria-label="Finalise">
        <button type="submit" class="button">
          Finalise now
        </button>
      </PostForm>{' '}
      <PostForm action={model.actions.withdraw} class="inline-form" aria-label="Withdraw">
        <button type="submit" class="button button-secondary">
          Withdraw proposal
        </button>
      </PostForm>
    </div>
  );
}

export function ResolutionSection({ model }: { model: ResolutionSectionModel }) {
  const current = model.current;
  const isPending = current?.status === 'pending';
  return (
    <div class="resolution" data-resolution-status={model.status}>
      <p class="resolution-status">
        <strong>{STATUS_TEXT[model.status] ?? model.status}</strong>
        {model.resolution && !isPending ? (
          <>
            {': '}
            <span class="resolution-outcome" data-outcome={model.resolution}>
              {outcomeLabel(model.resolution)}
            </span>
          </>
        ) : null}
        {model.resolvedAt && !isPending ? (
          <>
            {' '}
            on <When date={model.resolvedAt} />
          </>
        ) : null}
      </p>
      {model.actualCloseTime ? (
        <p class="muted">
          Closed <When date={model.actualCloseTime} />
        </p>
      ) : null}
      {current ? (
        <div class="resolution-current">
          {isPending ? (
            <p>
              Proposed outcome:{' '}
              <strong class="resolution-outcome" data-outcome={current.resolution}>
                {outcomeLabel(current.resolution)}
              </strong>{' '}
              by {current.proposedBy ?? 'the system'} · <When date={current.proposedAt} />.{' '}
              {current.disputes.length > 0
                ? 'Disputed: an admin will decide.'
                : 'It becomes final when the dispute window ends'}{' '}
              {current.disputes.length > 0 ? null : (
                <>
                  (<When date={current.windowEndsAt} />
                  ).
                </>
              )}
            </p>
          ) : (
            <p class="muted">
              {KIND_TEXT[current.kind]} by {current.proposedBy ?? 'the system'} ·{' '}
              <When date={current.proposedAt} />
            </p>
          )}
          <Evidence proposal={current} />
          {current.kind === 'proposal' ? <Disputes proposal={current} /> : null}
        </div>
      ) : null}
      <ScoresTable model={model} />
      {model.can.hasDisputed ? <p class="muted">You have disputed this proposal.</p> : null}
      {model.can.dispute ? <DisputeForm model={model} /> : null}
      {model.can.decide ? <DecideForms model={model} /> : null}
      {model.can.propose ? <ProposeForm model={model} /> : null}
      {model.earlier.length > 0 ? (
        <details class="resolution-history">
          <summary>Earlier proposals ({model.earlier.length})</summary>
          <ul>
            {model.earlier.map((proposal) => (
              <li key={proposal.proposedAt.toISOString()}>
                {outcomeLabel(proposal.resolution)} · {KIND_TEXT[proposal.kind].toLowerCase()} by{' '}
                {proposal.proposedBy ?? 'the system'} · {proposal.status}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
