// A new draft question (analyst or above).

import { insertQuestion, tournamentExists } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalidField } from '../../domain/errors.ts';
import { checkQuestionContent, type QuestionInput } from '../../domain/question-fields.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { recordQuestionEvent, reloadQuestion, validationError } from './question-events.ts';

export interface CreateQuestionInput {
  actor: Actor | null;
  question: QuestionInput;
}

export async function createQuestion(
  deps: Deps,
  input: CreateQuestionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'analyst' });
  const check = checkQuestionContent(input.question);
  if (!check.ok) throw validationError(check.fields);
  const content = check.content;
  return deps.database.db.transaction().execute(async (tx) => {
    if (content.tournamentId !== null && !(await tournamentExists(tx, content.tournamentId))) {
      throw invalidField('/tournament_id', 'no such tournament');
    }
    const now = deps.clock.now();
    const id = await insertQuestion(tx, {
      content,
      status: 'draft',
      authorId: user.userId,
      optionsHistory: content.options
        ? [[now.toISOString(), content.options.map((option) => option.label)]]
        : null,
      now,
    });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.create',
      questionId: id,
      at: now,
      details: { type: content.type },
    });
    return reloadQuestion(tx, id);
  });
}
