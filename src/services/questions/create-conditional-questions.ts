// Makes CHILD conditional on PARENT: one branch question per parent outcome. The author of both
// questions asks, and the branches wait in the review queue like any question; a moderator's
// branches are approved in the same step and follow the child's status at once.

import { branchExists, insertQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { branchContent, checkConditionalPair } from '../../domain/question-conditionals.ts';
import { canApproveQuestions, canMakeConditional } from '../../domain/question-permissions.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from './find-question.ts';
import { recordQuestionEvent, reloadQuestion, validationError } from './question-events.ts';

export interface CreateConditionalQuestionsInput {
  actor: Actor | null;
  parentId: number;
  childId: number;
}

export async function createConditionalQuestions(
  deps: Deps,
  input: CreateConditionalQuestionsInput,
): Promise<{ parent: QuestionRecord; child: QuestionRecord; branches: QuestionRecord[] }> {
  const user = requireUser(input.actor, { scope: 'write', role: 'analyst' });
  return deps.database.db.transaction().execute(async (tx) => {
    // Lock in id order so two requests on the same pair cannot deadlock.
    const [firstId, secondId] = [input.parentId, input.childId].sort((a, b) => a - b);
    const first = await lockQuestionForActor(tx, firstId, user);
    const second = secondId === firstId ? first : await lockQuestionForActor(tx, secondId, user);
    const parent = first.id === input.parentId ? first : second;
    const child = first.id === input.childId ? first : second;
    if (!canMakeConditional(parent, child, user)) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the author of both questions, or a moderator, can make them conditional.',
      );
    }
    const check = checkConditionalPair(parent, child);
    if (!check.ok) {
      switch (check.reason) {
        case 'invalid_pair':
          throw validationError(check.fields);
        case 'not_approved':
          throw new DomainError(
            'INVALID_TRANSITION',
            `Question ${check.questionId} must be scheduled or open to take part in a conditional.`,
            { question_id: check.questionId },
          );
        default: {
          const unexpected: never = check;
          throw new RangeError(`unexpected refusal ${JSON.stringify(unexpected)}`);
        }
      }
    }
    if (await branchExists(tx, parent.id, child.id)) {
      throw new DomainError('ALREADY_EXISTS', 'These questions are already conditional.', {
        parent_id: parent.id,
        child_id: child.id,
      });
    }
    const now = deps.clock.now();
    const status = canApproveQuestions(user) ? child.status : 'in_review';
    const branches: QuestionRecord[] = [];
    for (const outcome of check.outcomes) {
      const id = await insertQuestion(tx, {
        content: branchContent(parent, child, outcome),
        status,
        authorId: user.userId,
        optionsHistory: child.optionsHistory,
        conditionParentId: parent.id,
        conditionChildId: child.id,
        conditionOutcome: outcome,
        now,
      });
      await recordQuestionEvent(tx, {
        actor: user,
        action: 'question.create',
        questionId: id,
        at: now,
        details: { type: child.type, parent_id: parent.id, child_id: child.id, outcome, status },
      });
      branches.push(await reloadQuestion(tx, id));
    }
    return { parent, child, branches };
  });
}
