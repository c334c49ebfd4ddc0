// A moderator clarifies a question after approval: a dated, versioned note that may amend the
// description or the fine print (never the resolution criteria), keeping both texts for the diff.
// The question's conditional branches (create-conditional-questions.ts) get it too, in the same
// transaction, with their own version and audit entry: a branch copies its child's description
// and fine print, so a child's amendment amends the branch alike, and a note on either the child
// or the condition (the parent) concerns the branch's forecasters as well. Branches that can no
// longer be clarified (closed, resolved) keep their texts.

import {
  type ClarificationRecord,
  type ClarifiedField,
  insertClarification,
  latestClarificationVersion,
  listClarifications,
} from '../../db/repositories/clarification-repository.ts';
import {
  type Executor,
  notifyQuestionChanged,
  selectBranchesOf,
  updateQuestion,
} from '../../db/repositories/question-repository.ts';
import type { Actor, UserActor } from '../../domain/actor.ts';
import { invalidField } from '../../domain/errors.ts';
import { MAX_LONG_TEXT_LENGTH } from '../../domain/question-fields.ts';
import { canClarify } from '../../domain/question-lifecycle.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
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
    const now = deps.clock.now();
    await addClarification(tx, question, { note: body, field, newText, user, now });
    for (const branch of await selectBranchesOf(tx, question.id, {
      ofParentToo: true,
      forUpdate: true,
    })) {
      if (!canClarify(branch).ok) continue;
      const isChildOf = branch.conditionChildId === question.id;
      const note = isChildOf
        ? `Clarification of question ${question.id}: ${body}`
        : `Clarification of the condition, question ${question.id}: ${body}`;
      await addClarification(tx, branch, {
        note,
        field: isChildOf ? field : null,
        newText: isChildOf ? newText : null,
        user,
        now,
        fromQuestionId: question.id,
      });
    }
    const stored = await listClarifications(tx, question.id);
    return stored[stored.length - 1];
  });
}

interface Clarification {
  note: string;
  field: ClarifiedField | null;
  newText: string | null;
  user: UserActor;
  now: Date;
  /** The question whose clarification this copies (on a conditional branch). */
  fromQuestionId?: number;
}

/** Stores the next version of the question's clarifications, its amendment and audit entry. */
async function addClarification(
  tx: Executor,
  question: QuestionRecord,
  clarification: Clarification,
): Promise<void> {
  const { note, field, newText, user, now } = clarification;
  const previousText =
    field === 'description'
      ? question.description
      : field === 'fine_print'
        ? question.finePrint
        : null;
  const version = (await latestClarificationVersion(tx, question.id)) + 1;
  // A note alone changes no question column: its pages are told here.
  await notifyQuestionChanged(tx, question.id);
  await insertClarification(tx, {
    questionId: question.id,
    version,
    note,
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
  const details: Record<string, unknown> = { version, field };
  if (clarification.fromQuestionId !== undefined) {
    details.from_question_id = clarification.fromQuestionId;
  }
  await recordQuestionEvent(tx, {
    actor: user,
    action: 'question.clarify',
    questionId: question.id,
    at: now,
    details,
  });
}
