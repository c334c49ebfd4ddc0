// The one number (or label) a reader wants first about a question's community prediction, as
// text (never colour alone), plus the small formatters cards and pages share.
import { inboundOutcomeCount } from '../../domain/forecast-values.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';

/** A no-break space keeps a number and its unit on one line. */
export const NBSP = '\u00a0';

export function formatPercent(probability: number): string {
  return `${(probability * 100).toFixed(probability < 0.1 || probability > 0.9 ? 1 : 0)}${NBSP}%`;
}

/** "closes in 5 days" etc., relative to `now`; '' without a close time. */
export function timeLeft(closeTime: Date | null, now: Date): string {
  if (!closeTime) return '';
  const ms = closeTime.getTime() - now.getTime();
  if (ms < 0) return 'closed';
  const days = Math.floor(ms / 86_400_000);
  if (days > 1) return `closes in ${days} days`;
  if (days === 1) return 'closes tomorrow';
  return 'closes today';
}

/**
 * A discrete question's outcomes are the centres of its inbound steps (its range is padded by
 * half a step, docs/maths.md §6): the CDF's median falls between them (e.g. 1.05 meetings), so
 * the headline names the nearest outcome, the answer a reader can picture.
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

/** The headline of a CP entry as the API presents it; null when there is none to show. */
export function cpHeadline(
  question: QuestionRecord,
  cp: Record<string, unknown> | null,
): string | null {
  if (!cp) return null;
  const values = cp.forecast_values as Array<number | null> | undefined;
  switch (question.type) {
    case 'binary': {
      const yes = values?.[1];
      return typeof yes === 'number' ? `${formatPercent(yes)} yes` : null;
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
      return top ? `${top[0]}: ${formatPercent(top[1])}` : null;
    }
    case 'date': {
      const median = (cp.scaled_quartiles as Array<number | null> | undefined)?.[1];
      return typeof median === 'number'
        ? `median ${new Date(median * 1000).toISOString().slice(0, 10)}`
        : null;
    }
    case 'numeric':
    case 'discrete': {
      const median = (cp.scaled_quartiles as Array<number | null> | undefined)?.[1];
      const unit = question.unit ? `${NBSP}${question.unit}` : '';
      if (typeof median !== 'number') return null;
      const shown =
        question.type === 'discrete' ? nearestOutcome(question, median) : median.toPrecision(3);
      return `median ${shown}${unit}`;
    }
  }
}

/** "▲ 12 pts" style text for a binary CP move; words and sign, not colour, carry the meaning. */
export function formatWeekMove(question: QuestionRecord, move: number | null): string | null {
  if (move === null || question.type !== 'binary') return null;
  const points = Math.round(move * 100);
  if (points === 0) return 'no change this week';
  return `${points > 0 ? 'up' : 'down'} ${Math.abs(points)}${NBSP}pts this week`;
}
