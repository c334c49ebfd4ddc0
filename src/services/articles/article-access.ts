// Who may see and change an article: published, visible articles are public; drafts and hidden
// articles are seen by their author and moderators; the author (or a moderator) edits.
import { selectArticle } from '../../db/repositories/article-repository.ts';
import { type Actor, actorUserId, hasRole } from '../../domain/actor.ts';
import type { ArticleRecord } from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';

export function isArticleAuthor(article: ArticleRecord, actor: Actor | null): boolean {
  const userId = actorUserId(actor);
  return userId !== null && userId === article.authorId;
}

export function canViewArticle(article: ArticleRecord, actor: Actor | null): boolean {
  if (article.status === 'published' && article.hiddenAt === null) return true;
  return isArticleAuthor(article, actor) || hasRole(actor, 'moderator');
}

export function canEditArticle(article: ArticleRecord, actor: Actor | null): boolean {
  return isArticleAuthor(article, actor) || hasRole(actor, 'moderator');
}

export function articleNotFound(key: string | number): DomainError {
  return new DomainError('NOT_FOUND', `No article ${JSON.stringify(String(key))}.`);
}

/** `key` is an id ("12") or a slug; NOT_FOUND when missing or not visible to the actor. */
export async function getArticleForActor(
  deps: Deps,
  key: string | number,
  actor: Actor | null,
): Promise<ArticleRecord> {
  const text = String(key);
  const article = await selectArticle(
    deps.database.db,
    /^\d{1,15}$/.test(text) ? { id: Number(text) } : { slug: text },
  );
  if (!article || !canViewArticle(article, actor)) throw articleNotFound(key);
  return article;
}

/** The path of an article's page: /articles/{id}-{slug}. */
export function articlePath(article: Pick<ArticleRecord, 'id' | 'slug'>): string {
  return `/articles/${article.id}-${article.slug}`;
}
