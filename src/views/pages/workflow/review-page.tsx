// The moderators' review queue: each question in review with its full content, an approve form
// that fixes its times (UTC) and a reject form that sends it back to its author with a note.
import { questionPath } from '../../../domain/question-path.ts';
import type { QuestionRecord } from '../../../domain/question-record.ts';
import type { ReviewItemModel, ReviewQueueModel } from '../../../domain/view-models/workflow.ts';
import { FormAlert, PostForm, TextAreaField, TextField } from '../../components/form-fields.tsx';
import { TYPE_LABELS } from '../../components/question-card.tsx';
import { formatDay, formatDayTime } from '../../format/dates.ts';
import { Paragraphs } from '../question/text-blocks.tsx';

function formatRangeValue(question: QuestionRecord, value: number): string {
  if (question.type === 'date') return formatDay(new Date(value * 1000));
  return question.unit ? `${value} ${question.unit}` : String(value);
}

/** What forecasters will answer with: the options, or the range and its bounds. */
function Answers({ question }: { question: QuestionRecord }) {
  if (question.type === 'binary') return <dd>Yes or no</dd>;
  if (question.options) {
    return (
      <dd>
        <ol class="compact-list">
          {question.options.map((option) => (
            <li key={option.label}>
              {option.label}
              {option.description ? <span class="muted"> — {option.description}</span> : null}
            </li>
          ))}
        </ol>
      </dd>
    );
  }
  if (question.rangeMin === null || question.rangeMax === null) return <dd>—</dd>;
  const pad = question.type === 'discrete' ? 0.5 : 0;
  const bounds = [
    question.openLowerBound ? 'open below' : 'closed below',
    question.openUpperBound ? 'open above' : 'closed above',
  ].join(', ');
  return (
    <dd>
      {formatRangeValue(question, question.rangeMin + pad)} to{' '}
      {formatRangeValue(question, question.rangeMax - pad)} ({bounds}
      {question.zeroPoint !== null ? `, log scale from ${question.zeroPoint}` : ''})
    </dd>
  );
}

function ProposedTime({ label, date }: { label: string; date: Date | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{date ? formatDayTime(date) : <span class="muted">not proposed</span>}</dd>
    </>
  );
}

function ReviewItem({ item }: { item: ReviewItemModel }) {
  const { question, approve, reject } = item;
  const prefix = `q${question.id}`;
  const headingId = `review-${question.id}-title`;
  return (
    <article class="card review-item" aria-labelledby={headingId} id={`review-${question.id}`}>
      <p class="item-meta">
        <span class="badge">{TYPE_LABELS[question.type]}</span>
        <span>
          by{' '}
          <a href={`/users/${encodeURIComponent(question.authorUsername)}`}>
            {question.authorUsername}
          </a>
        </span>
        <span>submitted {formatDayTime(question.updatedAt)}</span>
      </p>
      <h2 id={headingId} class="review-title">
        {question.title}
      </h2>
      <div class="review-content">
        {question.description ? (
          <>
            <h3>Background</h3>
            <Paragraphs text={question.description} />
          </>
        ) : null}
        <h3>Resolution criteria</h3>
        <Paragraphs text={question.resolutionCriteria} />
        {question.finePrint ? (
          <>
            <h3>Fine print</h3>
            <Paragraphs text={question.finePrint} />
          </>
        ) : null}
        <dl class="facts">
          <dt>Answers</dt>
          <Answers question={question} />
          <ProposedTime label="Opens" date={question.openTime} />
          <ProposedTime label="Closes" date={question.scheduledCloseTime} />
          <ProposedTime label="Resolves" date={question.scheduledResolveTime} />
          {question.tags.length > 0 ? (
            <>
              <dt>Tags</dt>
              <dd>{question.tags.join(', ')}</dd>
            </>
          ) : null}
          {question.sources.length > 0 ? (
            <>
              <dt>Sources</dt>
              <dd>
                <ul class="compact-list">
                  {question.sources.map((source) => (
                    <li key={source.url}>
                      <a href={source.url} rel="nofollow noopener">
                        {source.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        <p>
          <a href={questionPath(question)}>Preview the question page</a>
        </p>
      </div>
      <div class="review-decisions">
        <PostForm
          action={`/review/${question.id}/approve`}
          class="form review-form"
          aria-label={`Approve “${question.title}”`}
        >
          <h3>Approve</h3>
          <FormAlert message={approve.errors.form} />
          <p class="hint">Times in UTC. An opening time now or past opens the question at once.</p>
          <TextField
            name={`${prefix}-open_time`}
            label="Opens"
            type="datetime-local"
            value={approve.values.open_time}
            error={approve.errors.open_time}
          />
          <TextField
            name={`${prefix}-scheduled_close_time`}
            label="Closes"
            type="datetime-local"
            value={approve.values.scheduled_close_time}
            error={approve.errors.scheduled_close_time}
          />
          <TextField
            name={`${prefix}-scheduled_resolve_time`}
            label="Resolves"
            type="datetime-local"
            value={approve.values.scheduled_resolve_time}
            error={approve.errors.scheduled_resolve_time}
          />
          <div>
            <button type="submit" class="primary">
              Approve
            </button>
          </div>
        </PostForm>
        <PostForm
          action={`/review/${question.id}/reject`}
          class="form review-form"
          aria-label={`Send “${question.title}” back`}
        >
          <h3>Send back</h3>
          <TextAreaField
            name={`${prefix}-note`}
            label="Note to the author"
            rows={4}
            value={reject.note}
            hint="What to change before it can be approved."
            error={reject.error ?? undefined}
          />
          <div>
            <button type="submit" class="danger">
              Send back to the author
            </button>
          </div>
        </PostForm>
      </div>
    </article>
  );
}

export function ReviewPage({ model }: { model: ReviewQueueModel }) {
  const count = model.items.length;
  return (
    <div class="stack">
      <div class="page-header">
        <div>
          <h1>Review queue</h1>
          <p class="lead">
            {count === 0
              ? 'Nothing is waiting for review.'
              : `${count} ${count === 1 ? 'question is' : 'questions are'} waiting, oldest first.`}
          </p>
        </div>
      </div>
      {model.notice ? (
        <div class="alert alert-success" role="status">
          {model.notice}
        </div>
      ) : null}
      {count === 0 ? (
        <div class="card empty-state">
          <p>When an analyst submits a draft for review, it appears here.</p>
        </div>
      ) : (
        model.items.map((item) => <ReviewItem item={item} key={item.question.id} />)
      )}
    </div>
  );
}
