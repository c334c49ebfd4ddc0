// Published articles newest first (`?tag=&author=`), or an author's own list with drafts.
import {
  type ArticleRevision,
  listArticleRows,
  listArticleRevisions as selectRevisions,
} from '../../db/repositories/article-repository.ts';
import { findUserByUsername } from '../../db/repositories/user-repository.ts';
import { type Actor, actorUserId, hasRole } from '../../domain/actor.ts';
import type { ArticleRecord } from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../users/id-cursor.ts';
import { canEditArticle, getArticleForActor } from './article-access.ts';

/** A past version of an article, as the API lists it. */
export type { ArticleRevision };
export interface ListArticlesInput {
  actor: Actor | null;
  author?: string;
  tag?: string;
  /** The author's own list (drafts too): only for the author or a moderator. */
  includeDrafts?: boolean;
  limit?: number;
  cursor?: string;
}

function badCursor(): DomainError {
  return new DomainError('VALIDATION_FAILED', 'querystring/cursor: is not a valid cursor', {
    fields: [{ path: 'querystring/cursor', message: 'is not a valid cursor' }],
  });
}

function decode(cursor: string | undefined): { publishedAt: Date; id: number } | null {
  if (!cursor) return null;
  const match = /^p:(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badCursor();
  return { publishedAt: new Date(Number(match[1])), id: Number(match[2]) };
}

function encode(article: ArticleRecord): string {
  const key = article.publishedAt?.getTime() ?? 0;
  return Buffer.from(`p:${key}:${article.id}`).toString('base64url');
}

export async function listArticles(
  deps: Deps,
  input: ListArticlesInput,
): Promise<{ items: ArticleRecord[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  let authorId: number | undefined;
  if (input.author !== undefined) {
    const author = await findUserByUsername(deps.database.db, input.author);
    if (!author) return { items: [], nextCursor: null };
    authorId = author.id;
  }
  const isOwnList =
    input.includeDrafts === true &&
    authorId !== undefined &&
    (actorUserId(input.actor) === authorId || hasRole(input.actor, 'moderator'));
  if (isOwnList) {
    const afterMatch = input.cursor
      ? /^i:(\d{1,15})$/.exec(Buffer.from(input.cursor, 'base64url').toString())
      : null;
    if (input.cursor && !afterMatch) throw badCursor();
    const rows = await listArticleRows(deps.database.db, {
      authorId,
      tag: input.tag,
      isOwnList: true,
      afterId: afterMatch ? Number(afterMatch[1]) : null,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? Buffer.from(`i:${last.id}`).toString('base64url') : null,
    };
  }
  const rows = await listArticleRows(deps.database.db, {
    authorId,
    tag: input.tag,
    before: decode(input.cursor),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encode(last) : null };
}

/** Every saved version of an article, newest first (its author and moderators). */
export async function listArticleRevisions(
  deps: Deps,
  input: { actor: Actor | null; key: string | number },
): Promise<ArticleRevision[]> {
  const article = await getArticleForActor(deps, input.key, input.actor);
  if (!canEditArticle(article, input.actor)) {
    throw new DomainError('FORBIDDEN', 'Only the author or a moderator can see the revisions.');
  }
  return selectRevisions(deps.database.db, article.id);
}
