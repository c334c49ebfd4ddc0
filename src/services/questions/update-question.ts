// Editing a draft (its author, or a moderator): the patch is merged and the whole re-checked.

import {
  contentColumns,
  tournamentExists,
  updateQuestion as updateQuestionRow,
} from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import {
  checkQuestionContent,
  type QuestionInput,
  questionToInput,
  TYPE_SPECIFIC_INPUT_KEYS,
} from '../../domain/question-fields.ts';
import { canEdit } from '../../domain/question-lifecycle.ts';
import { canEditQuestion } from '../../domain/question-permissions.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import {
  recordQuestionEvent,
  reloadQuestion,
  transitionError,
  validationError,
} from './question-events.ts';

export interface UpdateQuestionInput {
  actor: Actor | null;
  questionId: number;
  /** Only the keys present change; null clears an optional field. */
  patch: Partial<QuestionInput>;
}

export async function updateQuestion(
  deps: Deps,
  input: UpdateQuestionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write' });
  return deps.database.db.transaction().execute(async (tx) => {
    const question = await lockQuestionForActor(tx, input.questionId, user);
    if (!canEditQuestion(question, user)) {
      throw new DomainError('FORBIDDEN', 'Only the author or a moderator can edit this question.');
    }
    const editable = canEdit(question);
    if (!editable.ok) throw transitionError(editable);

    const base: Partial<QuestionInput> = questionToInput(question);
    if (input.patch.type !== undefined && input.patch.type !== question.type) {
      for (const key of TYPE_SPECIFIC_INPUT_KEYS) delete base[key];
    }
    const merged = { ...base } as QuestionInput;
    const changed: string[] = [];
    for (const [key, value] of Object.entries(input.patch)) {
      if (value === undefined) continue;
      (merged as unknown as Record<string, unknown>)[key] = value;
      changed.push(key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    }
    const check = checkQuestionContent(merged);
    if (!check.ok) throw validationError(check.fields);
    const content = check.content;
    if (
      content.tournamentId !== null &&
      content.tournamentId !== question.tournamentId &&
      !(await tournamentExists(tx, content.tournamentId))
    ) {
      throw invalidField('/tournament_id', 'no such tournament');
    }
    const now = deps.clock.now();
    const labels = content.options?.map((option) => option.label) ?? null;
    const previousLabels = question.options?.map((option) => option.label) ?? null;
    const optionsChanged = JSON.stringify(labels) !== JSON.stringify(previousLabels);
    await updateQuestionRow(tx, question.id, {
      ...contentColumns(content),
      // A draft has taken no forecasts, so its option history is simply its current list.
      ...(optionsChanged
        ? { options_history: labels ? JSON.stringify([[now.toISOString(), labels]]) : null }
        : {}),
      updated_at: now,
    });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.update',
      questionId: question.id,
      at: now,
      details: { fields: changed },
    });
    return reloadQuestion(tx, question.id);
  });
}
