// A compact card for one question: type, headline community prediction, forecasters, time left.
import { inboundOutcomeCount } from '../../domain/forecast-values.ts';
import { splitBranchTitle } from '../../domain/question-conditionals.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { ForecastSummary } from '../../services/forecasts/get-forecast-summary.ts';
import { html, type SafeHtml } from '../html.ts';

const TYPE_LABELS: Record<QuestionRecord['type'], string> = {
  binary: 'Yes / no',
  multiple_choice: 'Scenarios',
  numeric: 'Numeric',
  date: 'Date',
  discrete: 'Discrete',
};

/** A no-break space keeps a number and its unit on one line. */
const NBSP = '\u00a0';

function percent(probability: number): string {
  return `${(probability * 100).toFixed(probability < 0.1 || probability > 0.9 ? 1 : 0)}${NBSP}%`;
}

function timeLeft(closeTime: Date | null, now: Date): string {
  if (!closeTime) return '';
  const days = Math.floor((closeTime.getTime() - now.getTime()) / 86_400_000);
  if (days > 1) return `closes in ${days} days`;
  if (days === 1) return 'closes tomorrow';
  return 'closes today';
}

/**
 * A discrete question's outcomes are the centres of its inbound steps (its range is padded by
 * half a step, docs/maths.md §6): the CDF's median falls between them (e.g. 1.05 meetings), so the
 * card names the nearest outcome, the answer a reader can picture.
 */
function nearestOutcome(question: QuestionRecord, value: number): string {
  const { rangeMin, rangeMax } = question;
  if (rangeMin === null || rangeMax === null) return value.toPrecision(3);
  const count = inboundOutcomeCount(question);
  const step = (rangeMax - rangeMin) / count;
  const index = Math.min(count - 1, Math.max(0, Math.round((value - rangeMin) / step - 0.5)));
  const outcome = rangeMin + step * (index + 0.5);
  return Number.isInteger(step) ? outcome.toFixed(0) : String(Number(outcome.toPrecision(6)));
}

/** The one number (or label) a reader wants first; text, so it never relies on colour. */
function headline(question: QuestionRecord, cp: Record<string, unknown> | null): string {
  if (!cp) return 'Community prediction hidden or not yet formed';
  const values = cp.forecast_values as Array<number | null> | undefined;
  switch (question.type) {
    case 'binary': {
      const yes = values?.[1];
      return typeof yes === 'number' ? `${percent(yes)} yes` : '—';
    }
    case 'multiple_choice': {
      // CP vectors are in all-options order, labelled by `options` (docs/maths.md §0).
      const labels = (cp.options as string[] | undefined) ?? [];
      let best: [string, number] | null = null;
      labels.forEach((label, index) => {
        const p = values?.[index];
        if (typeof p === 'number' && (!best || p > best[1])) best = [label, p];
      });
      const top = best as [string, number] | null;
      return top ? `${top[0]}: ${percent(top[1])}` : '—';
    }
    case 'date': {
      const median = (cp.scaled_quartiles as Array<number | null> | undefined)?.[1];
      return typeof median === 'number'
        ? `median ${new Date(median * 1000).toISOString().slice(0, 10)}`
        : '—';
    }
    case 'numeric':
    case 'discrete': {
      const median = (cp.scaled_quartiles as Array<number | null> | undefined)?.[1];
      const unit = question.unit ? `${NBSP}${question.unit}` : '';
      if (typeof median !== 'number') return '—';
      const shown =
        question.type === 'discrete' ? nearestOutcome(question, median) : median.toPrecision(3);
      return `median ${shown}${unit}`;
    }
  }
}

/** A conditional branch's long title shows its condition on a line of its own. */
function cardTitle(question: QuestionRecord): SafeHtml {
  const branch = question.conditionOutcome === null ? null : splitBranchTitle(question.title);
  if (!branch) return html`<h3>${question.title}</h3>`;
  const condition = branch.condition.charAt(0).toUpperCase() + branch.condition.slice(1);
  return html`<h3>${branch.subject}</h3>
<p class="condition">${condition}</p>`;
}

export function renderQuestionCard(
  question: QuestionRecord,
  summary: ForecastSummary,
  now: Date,
): SafeHtml {
  const forecasters = summary.forecaster_count;
  return html`<article class="card question-card">
<p class="muted"><span class="badge">${TYPE_LABELS[question.type]}</span> ${timeLeft(question.scheduledCloseTime, now)}</p>
${cardTitle(question)}
<p class="cp">${headline(question, summary.community_prediction)}</p>
<p class="muted">${forecasters} ${forecasters === 1 ? 'forecaster' : 'forecasters'} ·
<a href="/api/v1/questions/${question.id}" aria-label="Data for question ${question.id} (JSON)">data</a></p>
</article>`;
}
