// The question page (a first version: title, headline CP, criteria; the forecasting controls,
// charts and live updates come with the question-page work).
import type { QuestionPageModel } from '../../domain/view-models/question-page.ts';
import { TYPE_LABELS } from '../components/question-card.tsx';
import { cpHeadline, timeLeft } from '../format/question-headline.ts';

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim() !== '')
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
    </>
  );
}

export function QuestionPage({ model, now }: { model: QuestionPageModel; now: Date }) {
  const { question } = model;
  const headline = cpHeadline(question, model.communityPrediction);
  const closes = timeLeft(question.scheduledCloseTime, now);
  return (
    <article class="medium stack">
      <p class="meta muted">
        <span class="badge">{TYPE_LABELS[question.type]}</span> {question.status.replace('_', ' ')}
        {closes ? ` · ${closes}` : ''}
      </p>
      <h1>{question.title}</h1>
      <section class="card" aria-label="Community prediction">
        <p class="cp">{headline ?? 'Community prediction hidden or not yet formed'}</p>
        <p class="muted">
          {model.forecasterCount} {model.forecasterCount === 1 ? 'forecaster' : 'forecasters'}
        </p>
      </section>
      {question.description ? (
        <section>
          <h2>Background</h2>
          <Paragraphs text={question.description} />
        </section>
      ) : null}
      <section>
        <h2>Resolution criteria</h2>
        <Paragraphs text={question.resolutionCriteria} />
        {question.finePrint ? <Paragraphs text={question.finePrint} /> : null}
      </section>
    </article>
  );
}
