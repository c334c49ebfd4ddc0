// The author sends a draft for review: draft → in_review.

import { updateQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import { submitForReview } from '../../domain/question-lifecycle.ts';
import { isQuestionAuthor } from '../../domain/question-permissions.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import { recordQuestionEvent, reloadQuestion, transitionError } from './question-events.ts';

export interface SubmitQuestionInput {
  actor: Actor | null;
  questionId: number;
}

export async function submitQuestion(
  deps: Deps,
  input: SubmitQuestionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    if (!isQuestionAuthor(question, user)) {
      throw new DomainError('FORBIDDEN', 'Only the author can submit a question for review.');
    }
    const transition = submitForReview(question);
    if (!transition.ok) throw transitionError(transition);
    // Reviewers judge the resolution criteria above all; a draft without them is not ready.
    if (question.resolutionCriteria.trim().length === 0) {
      throw invalidField('/resolution_criteria', 'must be written before submitting for review');
    }
    const now = deps.clock.now();
    await updateQuestion(tx, question.id, { status: transition.status, updated_at: now });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.submit',
      questionId: question.id,
      at: now,
    });
    return reloadQuestion(tx, question.id);
  });
}
