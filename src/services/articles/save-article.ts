// Analysts write articles: create a draft, edit it (every saved version is kept as a revision),
// publish it. Moderators may edit anyone's article; every other change is the author's.
import {
  type ArticleContent,
  insertArticle,
  insertArticleRevision,
  selectArticle,
  slugTaken,
  updateArticleRow,
} from '../../db/repositories/article-repository.ts';
import { tournamentExists } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import {
  type ArticleRecord,
  isValidSlug,
  MAX_ARTICLE_LENGTH,
  slugify,
} from '../../domain/discussion.ts';
import { DomainError, type FieldProblem } from '../../domain/errors.ts';
import { requireUser } from '../auth/require-user.ts';
import { requireWriter } from '../comments/discussion-access.ts';
import type { Deps } from '../deps.ts';
import { cleanText } from '../markdown/render-markdown.ts';
import { articleNotFound, canEditArticle, getArticleForActor } from './article-access.ts';

export interface ArticleFields {
  title?: string;
  slug?: string;
  summary?: string;
  body?: string;
  tags?: string[];
  tournamentId?: number | null;
}

function checkFields(fields: ArticleFields, isNew: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (isNew || fields.title !== undefined) {
    const title = (fields.title ?? '').trim();
    if (title.length < 3 || title.length > 200) {
      problems.push({ path: '/title', message: 'must be 3 to 200 characters' });
    }
  }
  if (fields.slug !== undefined && !isValidSlug(fields.slug)) {
    problems.push({
      path: '/slug',
      message: 'must be lower-case letters, digits and single hyphens, with a letter',
    });
  }
  if ((fields.summary ?? '').length > 500) {
    problems.push({ path: '/summary', message: 'must be at most 500 characters' });
  }
  if ((fields.body ?? '').length > MAX_ARTICLE_LENGTH) {
    problems.push({ path: '/body', message: `must be at most ${MAX_ARTICLE_LENGTH} characters` });
  }
  for (const [index, tag] of (fields.tags ?? []).entries()) {
    if (!/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u.test(tag)) {
      problems.push({ path: `/tags/${index}`, message: 'must be 1 to 40 letters, digits or - _' });
    }
  }
  return problems;
}

function invalid(problems: FieldProblem[]): DomainError {
  const first = problems[0];
  return new DomainError('VALIDATION_FAILED', `${first?.path}: ${first?.message}`, {
    fields: problems,
  });
}

export interface CreateArticleInput extends ArticleFields {
  actor: Actor | null;
  title: string;
}

export async function createArticle(deps: Deps, input: CreateArticleInput): Promise<ArticleRecord> {
  requireUser(input.actor, { scope: 'write', role: 'analyst' });
  const user = await requireWriter(deps, input.actor);
  const problems = checkFields(input, true);
  if (problems.length > 0) throw invalid(problems);
  const now = deps.clock.now();
  const content: ArticleContent = {
    title: cleanText(input.title.trim()),
    slug: input.slug ?? slugify(input.title),
    summary: cleanText(input.summary ?? ''),
    body: cleanText(input.body ?? ''),
    tags: [...new Set(input.tags ?? [])],
    tournamentId: input.tournamentId ?? null,
  };
  const id = await deps.database.db.transaction().execute(async (tx) => {
    if (content.tournamentId !== null && !(await tournamentExists(tx, content.tournamentId))) {
      throw invalid([{ path: '/tournament_id', message: 'no such tournament' }]);
    }
    if (await slugTaken(tx, content.slug)) {
      if (input.slug !== undefined) {
        throw new DomainError('ALREADY_EXISTS', 'Another article has this slug.', {
          fields: [{ path: '/slug', message: 'is taken' }],
        });
      }
      content.slug = `${content.slug.slice(0, 70)}-${now.getTime().toString(36)}`;
    }
    const articleId = await insertArticle(tx, { ...content, authorId: user.userId, now });
    await insertArticleRevision(tx, { articleId, editorId: user.userId, ...content, now });
    return articleId;
  });
  return (await selectArticle(deps.database.db, { id })) as ArticleRecord;
}

export interface UpdateArticleInput extends ArticleFields {
  actor: Actor | null;
  key: string | number;
}

export async function updateArticle(deps: Deps, input: UpdateArticleInput): Promise<ArticleRecord> {
  const user = await requireWriter(deps, input.actor);
  const article = await getArticleForActor(deps, input.key, input.actor);
  if (!canEditArticle(article, input.actor)) {
    throw new DomainError('FORBIDDEN', 'Only the author or a moderator can edit this article.');
  }
  const problems = checkFields(input, false);
  if (problems.length > 0) throw invalid(problems);
  const now = deps.clock.now();
  const next: ArticleContent = {
    title: input.title === undefined ? article.title : cleanText(input.title.trim()),
    slug: input.slug ?? article.slug,
    summary: input.summary === undefined ? article.summary : cleanText(input.summary),
    body: input.body === undefined ? article.body : cleanText(input.body),
    tags: input.tags === undefined ? article.tags : [...new Set(input.tags)],
    tournamentId: input.tournamentId === undefined ? article.tournamentId : input.tournamentId,
  };
  await deps.database.db.transaction().execute(async (tx) => {
    if (
      next.tournamentId !== null &&
      next.tournamentId !== article.tournamentId &&
      !(await tournamentExists(tx, next.tournamentId))
    ) {
      throw invalid([{ path: '/tournament_id', message: 'no such tournament' }]);
    }
    if (next.slug !== article.slug && (await slugTaken(tx, next.slug, article.id))) {
      throw new DomainError('ALREADY_EXISTS', 'Another article has this slug.', {
        fields: [{ path: '/slug', message: 'is taken' }],
      });
    }
    await updateArticleRow(tx, article.id, {
      title: next.title,
      slug: next.slug,
      summary: next.summary,
      body: next.body,
      tags: next.tags,
      tournament_id: next.tournamentId,
      updated_at: now,
    });
    await insertArticleRevision(tx, { articleId: article.id, editorId: user.userId, ...next, now });
  });
  const updated = await selectArticle(deps.database.db, { id: article.id });
  if (!updated) throw articleNotFound(article.id);
  return updated;
}

export async function publishArticle(
  deps: Deps,
  input: { actor: Actor | null; key: string | number },
): Promise<ArticleRecord> {
  await requireWriter(deps, input.actor);
  const article = await getArticleForActor(deps, input.key, input.actor);
  if (!canEditArticle(article, input.actor)) {
    throw new DomainError('FORBIDDEN', 'Only the author or a moderator can publish this article.');
  }
  if (article.status === 'published') {
    throw new DomainError('INVALID_TRANSITION', 'This article is already published.');
  }
  if (article.body.trim() === '') {
    throw invalid([{ path: '/body', message: 'an article needs a body before publishing' }]);
  }
  await updateArticleRow(deps.database.db, article.id, {
    status: 'published',
    published_at: deps.clock.now(),
    updated_at: deps.clock.now(),
  });
  return (await selectArticle(deps.database.db, { id: article.id })) as ArticleRecord;
}
