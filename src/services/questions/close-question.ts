// A moderator closes an open question early (the outcome is known): actual_close_time = now.
import type { Actor } from '../../domain/actor.ts';
import { closeEarly } from '../../domain/question-lifecycle.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import { applyClose, reloadQuestion, transitionError } from './question-events.ts';

export interface CloseQuestionInput {
  actor: Actor | null;
  questionId: number;
}

export async function closeQuestion(
  deps: Deps,
  input: CloseQuestionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'moderator' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    const now = deps.clock.now();
    const transition = closeEarly(question, now);
    if (!transition.ok) throw transitionError(transition);
    await applyClose(tx, question, transition.actualCloseTime, user, now, { early: true });
    return reloadQuestion(tx, question.id);
  });
}
