// Reading one question: `findQuestion` (no visibility rules) and `getQuestionForActor` (404 when hidden).

import { type Executor, selectQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { canViewQuestion } from '../../domain/question-permissions.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { questionNotFound } from './question-events.ts';

export { questionAllOptions, toCoreQuestion } from '../../domain/question-core.ts';
export { canForecast } from '../../domain/question-lifecycle.ts';
export type { QuestionRecord } from '../../domain/question-record.ts';

/** The question, or undefined; no visibility check (callers decide who may see it). */
export async function findQuestion(deps: Deps, id: number): Promise<QuestionRecord | undefined> {
  return selectQuestion(deps.database.db, id);
}

/** The question if `actor` may see it; NOT_FOUND otherwise (drafts look like missing ids). */
export async function getQuestionForActor(
  deps: Deps,
  id: number,
  actor: Actor | null,
): Promise<QuestionRecord> {
  const question = await selectQuestion(deps.database.db, id);
  if (!question || !canViewQuestion(question, actor)) throw questionNotFound(id);
  return question;
}

/**
 * Inside a transaction: the question locked `FOR UPDATE` if `actor` may see it, else NOT_FOUND.
 * Forecast and resolution use cases lock the question this way (docs/architecture.md §6).
 */
export async function lockQuestionForActor(
  tx: Executor,
  id: number,
  actor: Actor | null,
): Promise<QuestionRecord> {
  const question = await selectQuestion(tx, id, { forUpdate: true });
  if (!question || !canViewQuestion(question, actor)) throw questionNotFound(id);
  return question;
}
