// A moderator clarifies a question after approval: a dated, versioned note that may amend the
// description or the fine print (never the resolution criteria), keeping both texts for the diff.

import {
  type ClarificationRecord,
  type ClarifiedField,
  insertClarification,
  latestClarificationVersion,
  listClarifications,
} from '../../db/repositories/clarification-repository.ts';
import { updateQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalidField } from '../../domain/errors.ts';
import { MAX_LONG_TEXT_LENGTH } from '../../domain/question-fields.ts';
import { canClarify } from '../../domain/question-lifecycle.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import { recordQuestionEvent, transitionError } from './question-events.ts';

export type { ClarificationRecord, ClarifiedField };

export interface ClarifyQuestionInput {
  actor: Actor | null;
  questionId: number;
  body: string;
  field?: ClarifiedField | null;
  newText?: string | null;
}

export async function clarifyQuestion(
  deps: Deps,
  input: ClarifyQuestionInput,
): Promise<ClarificationRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'moderator' });
  const body = input.body.trim();
  const field = input.field ?? null;
  const newText = input.newText == null ? null : input.newText.trim();
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    const allowed = canClarify(question);
    if (!allowed.ok) throw transitionError(allowed);
    if (body.length === 0) throw invalidField('/body', 'must not be blank');
    if (body.length > MAX_LONG_TEXT_LENGTH) {
      throw invalidField('/body', `must be at most ${MAX_LONG_TEXT_LENGTH} characters`);
    }
    if (field === null && newText !== null) {
      throw invalidField('/field', 'is required with new_text');
    }
    if (field !== null && newText === null) {
      throw invalidField('/new_text', 'is required with field');
    }
    if (newText !== null && newText.length > MAX_LONG_TEXT_LENGTH) {
      throw invalidField('/new_text', `must be at most ${MAX_LONG_TEXT_LENGTH} characters`);
    }
    const previousText =
      field === 'description'
        ? question.description
        : field === 'fine_print'
          ? question.finePrint
          : null;
    const now = deps.clock.now();
    const version = (await latestClarificationVersion(tx, question.id)) + 1;
    await insertClarification(tx, {
      questionId: question.id,
      version,
      note: body,
      field,
      previousText,
      newText,
      authorId: user.userId,
      createdAt: now,
    });
    if (field === 'description') {
      await updateQuestion(tx, question.id, { description: newText ?? '', updated_at: now });
    } else if (field === 'fine_print') {
      await updateQuestion(tx, question.id, { fine_print: newText ?? '', updated_at: now });
    }
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.clarify',
      questionId: question.id,
      at: now,
      details: { version, field },
    });
    const stored = await listClarifications(tx, question.id);
    return stored[stored.length - 1];
  });
}
