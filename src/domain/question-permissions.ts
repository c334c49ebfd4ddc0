// Who may see and change a question, by role and authorship (services enforce these).
import { type Actor, actorUserId, hasRole } from './actor.ts';
import { isPublicStatus, type QuestionRecord } from './question-record.ts';

type Authored = Pick<QuestionRecord, 'status' | 'authorId'>;

export function isQuestionAuthor(
  question: Pick<QuestionRecord, 'authorId'>,
  actor: Actor | null,
): boolean {
  const userId = actorUserId(actor);
  return userId !== null && userId === question.authorId;
}

/** Drafts and questions in review are visible to their author and to moderators only. */
export function canViewQuestion(question: Authored, actor: Actor | null): boolean {
  if (isPublicStatus(question.status)) return true;
  return isQuestionAuthor(question, actor) || hasRole(actor, 'moderator');
}

/** Drafts are edited by their author, or by a moderator helping out. */
export function canEditQuestion(question: Authored, actor: Actor | null): boolean {
  return isQuestionAuthor(question, actor) || hasRole(actor, 'moderator');
}

/**
 * A pair is made conditional by whoever wrote both questions, or by a moderator: the branches
 * speak for both questions, so an analyst may not pair someone else's.
 */
export function canMakeConditional(
  parent: Authored,
  child: Authored,
  actor: Actor | null,
): boolean {
  return (
    (isQuestionAuthor(parent, actor) && isQuestionAuthor(child, actor)) ||
    hasRole(actor, 'moderator')
  );
}

/** Moderators approve questions, so branches they create need no separate review. */
export function canApproveQuestions(actor: Actor | null): boolean {
  return hasRole(actor, 'moderator');
}
