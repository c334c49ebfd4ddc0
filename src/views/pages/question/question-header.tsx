// The top of the question page: type and status, the title (the page's h1), the key dates with
// the time left, and the number of forecasters.

import type { QuestionRecord } from '../../../domain/question-record.ts';
import type { QuestionPageModel } from '../../../domain/view-models/question-page.ts';
import { FollowButton } from '../../components/follow-button.tsx';
import { TYPE_LABELS } from '../../components/question-card.tsx';
import { formatDay, formatDayTime } from '../../format/dates.ts';
import { timeLeft } from '../../format/question-headline.ts';

const STATUS_LABELS: Record<QuestionRecord['status'], string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  open: 'Open',
  closed: 'Closed',
  resolution_proposed: 'Resolution proposed',
  resolved: 'Resolved',
  annulled: 'Annulled',
};

function DateItem(props: { label: string; date: Date | null; note?: string }) {
  if (!props.date) return null;
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>
        <time dateTime={props.date.toISOString()} title={formatDayTime(props.date)}>
          {formatDay(props.date)}
        </time>
        {props.note ? <span class="muted"> ({props.note})</span> : null}
      </dd>
    </div>
  );
}

export function QuestionHeader({ model }: { model: QuestionPageModel }) {
  const { question, now } = model;
  const closes = question.actualCloseTime ?? question.scheduledCloseTime;
  const left = question.status === 'open' ? timeLeft(question.scheduledCloseTime, now) : '';
  const reveal =
    question.cpRevealTime && question.cpRevealTime.getTime() > now.getTime()
      ? question.cpRevealTime
      : null;
  return (
    <header class="question-header">
      <p class="question-badges">
        <span class="badge">{TYPE_LABELS[question.type]}</span>
        <span class={`badge badge-status status-${question.status}`}>
          {STATUS_LABELS[question.status]}
        </span>
        {question.isForecastBeforeCrowd ? (
          <span class="badge badge-neutral">Forecast before you see the crowd</span>
        ) : null}
        {model.follow ? <FollowButton model={model.follow} /> : null}
      </p>
      <h1>{question.title}</h1>
      <dl class="question-facts">
        <DateItem label="Opens" date={question.openTime} />
        <DateItem
          label={question.actualCloseTime ? 'Closed' : 'Closes'}
          date={closes}
          note={left}
        />
        <DateItem label="Resolves" date={question.scheduledResolveTime} />
        <DateItem label="Crowd shown" date={reveal} />
        <div>
          <dt>Forecasters</dt>
          {/* The forecast panel keeps this in step with the live CP. */}
          <dd data-live-forecasters={String(question.id)}>{model.forecasterCount}</dd>
        </div>
      </dl>
    </header>
  );
}
