// A moderator adds an option to an approved multiple-choice question, just before the catch-all;
// options_history records the new list so forecasts keep their all-options order (docs/maths.md §0).

import { updateQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import { questionAllOptions } from '../../domain/question-core.ts';
import {
  MAX_OPTION_DESCRIPTION_LENGTH,
  MAX_OPTION_LABEL_LENGTH,
  MAX_OPTIONS,
} from '../../domain/question-fields.ts';
import { canAddOption } from '../../domain/question-lifecycle.ts';
import type { QuestionOptionsHistory, QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import { recordQuestionEvent, reloadQuestion, transitionError } from './question-events.ts';

export interface AddQuestionOptionInput {
  actor: Actor | null;
  questionId: number;
  label: string;
  description?: string;
}

export async function addQuestionOption(
  deps: Deps,
  input: AddQuestionOptionInput,
): Promise<QuestionRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'moderator' });
  const label = input.label.trim();
  const description = (input.description ?? '').trim();
  return deps.database.db.transaction().execute(async (tx) => {
    // Locked like a forecast locks it: no forecast sees half an option change.
    const question = await lockQuestionForActor(tx, input.questionId, user);
    if (question.type !== 'multiple_choice' || !question.options) {
      throw new DomainError('CONFLICT', 'Only multiple-choice questions have options.', {
        type: question.type,
      });
    }
    const allowed = canAddOption(question);
    if (!allowed.ok) throw transitionError(allowed);
    if (label.length === 0) throw invalidField('/label', 'must not be blank');
    if (label.length > MAX_OPTION_LABEL_LENGTH) {
      throw invalidField('/label', `must be at most ${MAX_OPTION_LABEL_LENGTH} characters`);
    }
    if (description.length > MAX_OPTION_DESCRIPTION_LENGTH) {
      throw invalidField(
        '/description',
        `must be at most ${MAX_OPTION_DESCRIPTION_LENGTH} characters`,
      );
    }
    // Labels ever listed stay reserved: forecasts index them by label.
    const everListed = questionAllOptions(question).map((existing) => existing.toLowerCase());
    if (everListed.includes(label.toLowerCase())) {
      throw invalidField('/label', 'is already an option of this question');
    }
    if (question.options.length >= MAX_OPTIONS) {
      throw invalidField('/label', `a question has at most ${MAX_OPTIONS} options`);
    }
    const now = deps.clock.now();
    const catchAll = question.options[question.options.length - 1];
    const options = [...question.options.slice(0, -1), { label, description }, catchAll];
    const labels = options.map((option) => option.label);
    const history: QuestionOptionsHistory = question.optionsHistory
      ? [...question.optionsHistory, [now.toISOString(), labels]]
      : [
          [question.createdAt.toISOString(), question.options.map((option) => option.label)],
          [now.toISOString(), labels],
        ];
    await updateQuestion(tx, question.id, {
      options: JSON.stringify(options),
      options_history: JSON.stringify(history),
      updated_at: now,
    });
    await recordQuestionEvent(tx, {
      actor: user,
      action: 'question.add_option',
      questionId: question.id,
      at: now,
      details: { label },
    });
    return reloadQuestion(tx, question.id);
  });
}
