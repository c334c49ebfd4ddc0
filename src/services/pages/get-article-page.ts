// The article page: its markdown rendered and sanitised, each shortcode replaced by a live
// question card (the forecast panel: your forecast, the crowd or "hidden until …", and the
// control), and the discussion. Unknown or unpublished ids show a placeholder to the author
// and nothing to readers.
import { type Actor, hasRole, isRoleAtLeast, type Role } from '../../domain/actor.ts';
import { type ArticleRecord, type CommentSort, splitShortcodes } from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import { canViewQuestion } from '../../domain/question-permissions.ts';
import { isPublicStatus } from '../../domain/question-record.ts';
import type {
  ArticleBlock,
  ArticleHeaderModel,
  ArticlePageModel,
  DiscussionModel,
} from '../../domain/view-models/discussion.ts';
import { articlePath, canEditArticle, getArticleForActor } from '../articles/article-access.ts';
import { getCommentTarget } from '../comments/comment-target.ts';
import { listComments } from '../comments/list-comments.ts';
import type { Deps } from '../deps.ts';
import { visibilityFor } from '../forecasts/cp-access.ts';
import { getForecastSummary } from '../forecasts/get-forecast-summary.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { findQuestion } from '../questions/find-question.ts';
import { buildForecastPanel } from './forecast-panel-model.ts';

export function articleHeader(article: ArticleRecord): ArticleHeaderModel {
  return {
    id: article.id,
    title: article.title,
    summary: article.summary,
    authorUsername: article.authorUsername,
    status: article.status,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    tags: article.tags,
    path: articlePath(article),
    isHidden: article.hiddenAt !== null,
  };
}

/** The body as blocks; `isAuthorView` shows placeholders for cards readers would not see. */
export async function renderArticleBlocks(
  deps: Deps,
  body: string,
  options: { actor: Actor | null; authorRole: Role; isAuthorView: boolean },
): Promise<ArticleBlock[]> {
  const blocks: ArticleBlock[] = [];
  const now = deps.clock.now();
  for (const segment of splitShortcodes(body)) {
    if (segment.kind === 'markdown') {
      blocks.push({
        kind: 'html',
        html: renderMarkdown(segment.source, {
          isTrustedAuthor: isRoleAtLeast(options.authorRole, 'analyst'),
          siteOrigin: deps.config.baseUrl,
        }),
      });
      continue;
    }
    const question = await findQuestion(deps, segment.questionId);
    const isShown =
      question !== undefined &&
      isPublicStatus(question.status) &&
      canViewQuestion(question, options.actor) &&
      (segment.shortcode === 'question' || question.type === 'multiple_choice');
    if (!question || !isShown) {
      if (options.isAuthorView) {
        const why = !question
          ? 'no question has this id'
          : !isPublicStatus(question.status)
            ? 'the question is not published yet'
            : 'a scenarios card needs a multiple-choice question';
        blocks.push({
          kind: 'card',
          card: {
            questionId: segment.questionId,
            shortcode: segment.shortcode,
            panel: null,
            placeholder: `${segment.source}: readers will not see this card (${why}).`,
          },
        });
      }
      continue;
    }
    const summary = await getForecastSummary(deps, question, options.actor);
    const visibility = await visibilityFor(deps.database.db, question, options.actor, now);
    blocks.push({
      kind: 'card',
      card: {
        questionId: question.id,
        shortcode: segment.shortcode,
        panel: buildForecastPanel({
          question,
          summary,
          visibility,
          actor: options.actor,
          now,
          isCompact: true,
        }),
        placeholder: null,
      },
    });
  }
  return blocks;
}

export async function getDiscussion(
  deps: Deps,
  input: {
    actor: Actor | null;
    targetType: 'question' | 'article';
    targetId: number;
    returnTo: string;
    sort?: CommentSort;
    cursor?: string;
    rationalePoints?: number | null;
  },
): Promise<DiscussionModel> {
  const target = await getCommentTarget(deps, input.targetType, input.targetId, input.actor);
  const sort = input.sort ?? 'minds_changed';
  let page: DiscussionModel['page'] = null;
  let isWithheld = false;
  try {
    page = await listComments(deps, {
      actor: input.actor,
      targetType: input.targetType,
      targetId: input.targetId,
      sort,
      cursor: input.cursor,
      limit: 20,
    });
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'FORECAST_FIRST') throw error;
    isWithheld = true;
  }
  return {
    targetType: input.targetType,
    targetId: input.targetId,
    page,
    isWithheld,
    sort,
    returnTo: input.returnTo,
    forecastQuestionTitle: target.forecastQuestion?.title ?? null,
    rationalePoints: input.rationalePoints ?? null,
    canModerate: hasRole(input.actor, 'moderator'),
  };
}

export async function getArticlePage(
  deps: Deps,
  input: { actor: Actor | null; key: string | number; sort?: CommentSort; cursor?: string },
): Promise<ArticlePageModel> {
  const article = await getArticleForActor(deps, input.key, input.actor);
  const canEdit = canEditArticle(article, input.actor);
  const header = articleHeader(article);
  return {
    article: header,
    blocks: await renderArticleBlocks(deps, article.body, {
      actor: input.actor,
      authorRole: article.authorRole as Role,
      isAuthorView: canEdit,
    }),
    canEdit,
    discussion:
      article.status === 'published'
        ? await getDiscussion(deps, {
            actor: input.actor,
            targetType: 'article',
            targetId: article.id,
            returnTo: header.path,
            sort: input.sort,
            cursor: input.cursor,
          })
        : null,
  };
}
