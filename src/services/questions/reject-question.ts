// A moderator sends a question in review back to draft with a note: in_review → draft.

import { updateQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalidField } from '../../domain/errors.ts';
import { reject } from '../../domain/question-lifecycle.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import { recordQuestionEvent, reloadQuestion, transitionError } from './question-events.ts';

export const MAX_REVIEW_NOTE_LENGTH = 5000;

export interface RejectQuestionInput {
  actor: Actor | null;
  questionId: number;
  note: string;
}

export async function rejectQuestion(
  deps: Deps,
  input: RejectQuestionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'moderator' });
  const note = input.note.trim();
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    const transition = reject(question);
    if (!transition.ok) throw transitionError(transition);
    if (note.length === 0) throw invalidField('/note', 'must not be blank');
    if (note.length > MAX_REVIEW_NOTE_LENGTH) {
      throw invalidField('/note', `must be at most ${MAX_REVIEW_NOTE_LENGTH} characters`);
    }
    const now = deps.clock.now();
    await updateQuestion(tx, question.id, {
      status: transition.status,
      review_note: note,
      updated_at: now,
    });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.reject',
      questionId: question.id,
      at: now,
      details: { note },
    });
    return reloadQuestion(tx, question.id);
  });
}
