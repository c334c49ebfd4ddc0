// Who may see a question's community prediction (docs/design.md "Question lifecycle", "forecast
// before you see the crowd"): nobody but admins before cp_reveal_time; on forecast-first
// questions, only users who have forecast. A user's own forecasts are always theirs to see.
import { type Actor, hasRole } from './actor.ts';
import type { QuestionRecord } from './question-record.ts';

export type CpVisibility =
  | { ok: true }
  | { ok: false; reason: 'before_reveal'; revealAt: Date }
  | { ok: false; reason: 'forecast_first' };

export function cpVisibility(
  question: Pick<QuestionRecord, 'cpRevealTime' | 'isForecastBeforeCrowd'>,
  actor: Actor | null,
  now: Date,
  hasForecast: boolean,
): CpVisibility {
  if (hasRole(actor, 'admin')) return { ok: true };
  if (question.cpRevealTime !== null && now.getTime() < question.cpRevealTime.getTime()) {
    return { ok: false, reason: 'before_reveal', revealAt: question.cpRevealTime };
  }
  if (question.isForecastBeforeCrowd && !hasForecast) {
    return { ok: false, reason: 'forecast_first' };
  }
  return { ok: true };
}

/** Whether the rule needs to know if the actor has forecast (saves a query when not). */
export function needsForecastCheck(
  question: Pick<QuestionRecord, 'isForecastBeforeCrowd'>,
  actor: Actor | null,
): boolean {
  return question.isForecastBeforeCrowd && actor?.kind === 'user' && !hasRole(actor, 'admin');
}
