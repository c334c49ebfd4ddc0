// Reading the current CP and deciding whether the actor may see it (shared by every read path).
import type { AggregationMethod } from '../../core/types.ts';
import { selectLastEntry } from '../../db/repositories/cp-entry-repository.ts';
import { type Executor, userHasForecast } from '../../db/repositories/forecast-repository.ts';
import { type Actor, actorUserId } from '../../domain/actor.ts';
import { type CpVisibility, cpVisibility, needsForecastCheck } from '../../domain/cp-visibility.ts';
import { DomainError } from '../../domain/errors.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { type CpEntryView, cpEntryView } from './forecast-views.ts';

/** The CP now: the last stored entry while it is still open-ended, else null (all withdrawn). */
export async function currentCpView(
  db: Executor,
  question: QuestionRecord,
  method: AggregationMethod = 'recency_weighted',
): Promise<CpEntryView | null> {
  const last = await selectLastEntry(db, question.id, method);
  if (!last || last.endTime !== null) return null;
  return cpEntryView(question, last);
}

/** The visibility rule for this actor (one query on forecast-first questions). */
export async function visibilityFor(
  db: Executor,
  question: QuestionRecord,
  actor: Actor | null,
  now: Date,
): Promise<CpVisibility> {
  let hasForecast = false;
  if (needsForecastCheck(question, actor)) {
    hasForecast = await userHasForecast(db, question.id, actorUserId(actor) as number);
  }
  return cpVisibility(question, actor, now, hasForecast);
}

export function cpHiddenError(visibility: Exclude<CpVisibility, { ok: true }>): DomainError {
  switch (visibility.reason) {
    case 'before_reveal':
      return new DomainError(
        'CP_HIDDEN',
        'The community prediction is hidden until its reveal time.',
        { reason: 'before_reveal', cp_reveal_time: visibility.revealAt.toISOString() },
      );
    case 'forecast_first':
      return new DomainError(
        'CP_HIDDEN',
        'Forecast on this question first to see the community prediction.',
        { reason: 'forecast_first' },
      );
    default: {
      const unexpected: never = visibility;
      throw new RangeError(`unexpected visibility ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Throws CP_HIDDEN unless the actor may see the question's CP now. */
export async function requireCpVisible(
  db: Executor,
  question: QuestionRecord,
  actor: Actor | null,
  now: Date,
): Promise<void> {
  const visibility = await visibilityFor(db, question, actor, now);
  if (!visibility.ok) throw cpHiddenError(visibility);
}
