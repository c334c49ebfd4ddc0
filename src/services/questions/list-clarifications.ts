// A question's clarifications, oldest first, each with the line diff of the text it amended.

import {
  type ClarificationRecord,
  listClarifications as selectClarifications,
} from '../../db/repositories/clarification-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { type DiffLine, lineDiff } from '../../domain/question-text-diff.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from './find-question.ts';

export interface ClarificationVersion extends ClarificationRecord {
  /** null for a note that changed no text */
  diff: DiffLine[] | null;
}

export interface ListClarificationsInput {
  actor: Actor | null;
  questionId: number;
  /** The question, when the caller has already read it for this actor (saves a read). */
  question?: QuestionRecord;
}

export async function listClarifications(
  deps: Deps,
  input: ListClarificationsInput,
): Promise<ClarificationVersion[]> {
  const question =
    input.question?.id === input.questionId
      ? input.question
      : await getQuestionForActor(deps, input.questionId, input.actor);
  const clarifications = await selectClarifications(deps.database.db, question.id);
  return clarifications.map((clarification) => ({
    ...clarification,
    diff:
      clarification.field === null
        ? null
        : lineDiff(clarification.previousText ?? '', clarification.newText ?? ''),
  }));
}
