// Service records → API JSON (snake_case, RFC 3339) for articles, comments and the queue.

import { isRoleAtLeast, type Role } from '../../../domain/actor.ts';
import { type ArticleRecord, embeddedQuestionIds } from '../../../domain/discussion.ts';
import type { CommentView } from '../../../domain/view-models/discussion.ts';
import { articlePath } from '../../../services/articles/article-access.ts';
import type { ArticleRevision } from '../../../services/articles/list-articles.ts';
import { renderMarkdown } from '../../../services/markdown/render-markdown.ts';
import type { QueueItem } from '../../../services/moderation/moderation.ts';

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

export function presentArticleSummary(article: ArticleRecord) {
  return {
    id: article.id,
    slug: article.slug,
    url: articlePath(article),
    title: article.title,
    summary: article.summary,
    tags: article.tags,
    author: { id: article.authorId, username: article.authorUsername },
    status: article.status,
    published_at: iso(article.publishedAt),
  };
}

export function presentArticle(article: ArticleRecord, siteOrigin: string) {
  return {
    ...presentArticleSummary(article),
    body: article.body,
    html: renderMarkdown(article.body, {
      isTrustedAuthor: isRoleAtLeast(article.authorRole as Role, 'analyst'),
      siteOrigin,
    }),
    tournament_id: article.tournamentId,
    is_hidden: article.hiddenAt !== null,
    embedded_question_ids: embeddedQuestionIds(article.body),
    created_at: article.createdAt.toISOString(),
    updated_at: article.updatedAt.toISOString(),
  };
}

export function presentArticleRevision(revision: ArticleRevision) {
  return {
    id: revision.id,
    editor: revision.editorUsername,
    title: revision.title,
    summary: revision.summary,
    body: revision.body,
    tags: revision.tags,
    created_at: revision.createdAt.toISOString(),
  };
}

export function presentComment(view: CommentView) {
  return {
    id: view.id,
    target_type: view.targetType,
    target_id: view.targetId,
    parent_id: view.parentId,
    author: view.author,
    body: view.body,
    html: view.html,
    state: view.state,
    created_at: view.createdAt.toISOString(),
    edited_at: iso(view.editedAt),
    upvotes: view.upvotes,
    downvotes: view.downvotes,
    minds_changed: view.mindsChanged,
    my_vote: view.myVote,
    changed_my_mind: view.hasChangedMyMind,
    forecast_at_posting: view.forecastAtPosting,
    forecast_now: view.forecastNow,
    forecast_question: view.forecastQuestion,
  };
}

function flatten(views: CommentView[]): CommentView[] {
  return views.flatMap((view) => [view, ...flatten(view.replies)]).sort((a, b) => a.id - b.id);
}

/** A root comment with its whole thread as one flat list, oldest first. */
export function presentThread(view: CommentView) {
  return { ...presentComment(view), replies: flatten(view.replies).map(presentComment) };
}

export function presentQueueItem(item: QueueItem) {
  return {
    id: item.report.id,
    target_type: item.report.targetType,
    target_id: item.report.targetId,
    reason: item.report.reason,
    reporter: item.report.reporterUsername,
    created_at: item.report.createdAt.toISOString(),
    excerpt: item.excerpt,
    author: item.authorUsername,
    url: item.path,
    is_hidden: item.isHidden,
  };
}
