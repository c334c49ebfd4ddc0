// What a comment hangs on: a visible question or a published article, and the question whose
// forecast the comment's badge shows (the question itself, or the article's first embedded
// question). On forecast-first questions, readers who have not forecast see no discussion.
import { userHasForecast } from '../../db/repositories/forecast-repository.ts';
import { type Actor, actorUserId, hasRole } from '../../domain/actor.ts';
import {
  type ArticleRecord,
  type CommentTargetType,
  embeddedQuestionIds,
} from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import { canViewQuestion } from '../../domain/question-permissions.ts';
import { isPublicStatus, type QuestionRecord } from '../../domain/question-record.ts';
import { getArticleForActor } from '../articles/article-access.ts';
import type { Deps } from '../deps.ts';
import { findQuestion, getQuestionForActor } from '../questions/find-question.ts';

export interface CommentTarget {
  type: CommentTargetType;
  id: number;
  question: QuestionRecord | null;
  article: ArticleRecord | null;
  /** The question whose forecasts the badges show, or null (an article: its first one). */
  forecastQuestion: QuestionRecord | null;
  /** Every question a badge may show: the question itself, or an article's embedded ones. */
  forecastQuestions: QuestionRecord[];
}

export async function getCommentTarget(
  deps: Deps,
  type: CommentTargetType,
  id: number,
  actor: Actor | null,
): Promise<CommentTarget> {
  if (type === 'question') {
    const question = await getQuestionForActor(deps, id, actor);
    return {
      type,
      id,
      question,
      article: null,
      forecastQuestion: question,
      forecastQuestions: [question],
    };
  }
  const article = await getArticleForActor(deps, id, actor);
  if (article.status !== 'published') {
    throw new DomainError('NOT_FOUND', 'Drafts have no discussion.');
  }
  const embedded: QuestionRecord[] = [];
  for (const questionId of embeddedQuestionIds(article.body).slice(0, 20)) {
    const found = await findQuestion(deps, questionId);
    if (found && isPublicStatus(found.status) && canViewQuestion(found, actor))
      embedded.push(found);
  }
  return {
    type,
    id: article.id,
    question: null,
    article,
    forecastQuestion: embedded[0] ?? null,
    forecastQuestions: embedded,
  };
}

/** FORECAST_FIRST when the target is a forecast-first question the actor has not forecast. */
export async function requireDiscussionVisible(
  deps: Deps,
  target: CommentTarget,
  actor: Actor | null,
): Promise<void> {
  const question = target.question;
  if (!question?.isForecastBeforeCrowd || hasRole(actor, 'admin')) return;
  const userId = actorUserId(actor);
  if (userId !== null && (await userHasForecast(deps.database.db, question.id, userId))) return;
  throw new DomainError(
    'FORECAST_FIRST',
    'Forecast on this question first: its discussion and community prediction show after your first forecast.',
    { question_id: question.id },
  );
}
