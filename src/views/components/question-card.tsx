// A compact card for one question: type, time left, title (the link to its page), headline
// community prediction, the week's move and the number of forecasters.

import { splitBranchTitle } from '../../domain/question-conditionals.ts';
import { questionPath } from '../../domain/question-path.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { QuestionCardModel } from '../../domain/view-models/home-feed.ts';
import { cpHeadline, formatWeekMove, timeLeft } from '../format/question-headline.ts';

export const TYPE_LABELS: Record<QuestionRecord['type'], string> = {
  binary: 'Yes / no',
  multiple_choice: 'Scenarios',
  numeric: 'Numeric',
  date: 'Date',
  discrete: 'Discrete',
};

/** A conditional branch's long title shows its condition on a line of its own. */
function CardTitle({ question }: { question: QuestionRecord }) {
  const branch = question.conditionOutcome === null ? null : splitBranchTitle(question.title);
  const href = questionPath(question);
  if (!branch) {
    return (
      <h3>
        <a href={href}>{question.title}</a>
      </h3>
    );
  }
  const condition = branch.condition.charAt(0).toUpperCase() + branch.condition.slice(1);
  return (
    <>
      <h3>
        <a href={href}>{branch.subject}</a>
      </h3>
      <p class="condition">{condition}</p>
    </>
  );
}

export function QuestionCard({ card, now }: { card: QuestionCardModel; now: Date }) {
  const { question, forecasterCount } = card;
  const headline = cpHeadline(question, card.communityPrediction);
  const move = formatWeekMove(question, card.weekMove);
  const closes = timeLeft(question.scheduledCloseTime, now);
  return (
    <article class="card question-card">
      <p class="meta">
        <span class="badge">{TYPE_LABELS[question.type]}</span>
        {closes ? <span>{closes}</span> : null}
      </p>
      <CardTitle question={question} />
      {headline ? (
        <p class="cp">{headline}</p>
      ) : (
        <p class="cp hidden-cp">Community prediction hidden or not yet formed</p>
      )}
      <p class="meta card-footer">
        <span>
          {forecasterCount} {forecasterCount === 1 ? 'forecaster' : 'forecasters'}
        </span>
        {move ? <span class="move">{move}</span> : null}
      </p>
    </article>
  );
}
