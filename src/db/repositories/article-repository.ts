// SQL for articles and their revisions.
import type { Selectable } from 'kysely';
import type { ArticleRecord, ArticleStatus } from '../../domain/discussion.ts';
import type { ArticlesTable } from '../schema.ts';
import type { Executor } from './user-repository.ts';

type ArticleRow = Selectable<ArticlesTable> & { author_username: string; author_role: string };

function toRecord(row: ArticleRow): ArticleRecord {
  return {
    id: row.id,
    authorId: row.author_id,
    authorUsername: row.author_username,
    authorRole: row.author_role,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: row.tags,
    tournamentId: row.tournament_id,
    status: row.status as ArticleStatus,
    publishedAt: row.published_at,
    hiddenAt: row.hidden_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectArticles(db: Executor) {
  return db
    .selectFrom('articles')
    .innerJoin('users', 'users.id', 'articles.author_id')
    .selectAll('articles')
    .select(['users.username as author_username', 'users.role as author_role']);
}

export async function selectArticle(
  db: Executor,
  key: { id: number } | { slug: string },
): Promise<ArticleRecord | undefined> {
  const query = selectArticles(db);
  const row = await ('id' in key
    ? query.where('articles.id', '=', key.id)
    : query.where('articles.slug', '=', key.slug)
  ).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface ArticleContent {
  slug: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  tournamentId: number | null;
}

export async function insertArticle(
  db: Executor,
  input: ArticleContent & { authorId: number; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('articles')
    .values({
      author_id: input.authorId,
      slug: input.slug,
      title: input.title,
      summary: input.summary,
      body: input.body,
      tags: input.tags,
      tournament_id: input.tournamentId,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateArticleRow(
  db: Executor,
  id: number,
  changes: Partial<{
    slug: string;
    title: string;
    summary: string;
    body: string;
    tags: string[];
    tournament_id: number | null;
    status: ArticleStatus;
    published_at: Date | null;
    hidden_at: Date | null;
    updated_at: Date;
  }>,
): Promise<void> {
  await db.updateTable('articles').set(changes).where('id', '=', id).execute();
}

export async function insertArticleRevision(
  db: Executor,
  input: {
    articleId: number;
    editorId: number | null;
    title: string;
    summary: string;
    body: string;
    tags: string[];
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('article_revisions')
    .values({
      article_id: input.articleId,
      editor_id: input.editorId,
      title: input.title,
      summary: input.summary,
      body: input.body,
      tags: input.tags,
      created_at: input.now,
    })
    .execute();
}

export interface ArticleRevision {
  id: number;
  editorUsername: string | null;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  createdAt: Date;
}

export async function listArticleRevisions(
  db: Executor,
  articleId: number,
): Promise<ArticleRevision[]> {
  const rows = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.editor_id')
    .selectAll('article_revisions')
    .select('users.username as editor_username')
    .where('article_id', '=', articleId)
    .orderBy('article_revisions.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    editorUsername: row.editor_username,
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: row.tags,
    createdAt: row.created_at,
  }));
}

export interface ArticleListFilter {
  authorId?: number;
  tag?: string;
  /** Also drafts (of `authorId`) and hidden ones: an author's own list, or staff. */
  isOwnList?: boolean;
  before?: { publishedAt: Date; id: number } | null;
  afterId?: number | null;
  limit: number;
}

/** Published, visible articles newest first; an author's own list has drafts too (by id). */
export async function listArticleRows(
  db: Executor,
  filter: ArticleListFilter,
): Promise<ArticleRecord[]> {
  let query = selectArticles(db);
  if (filter.authorId !== undefined)
    query = query.where('articles.author_id', '=', filter.authorId);
  if (filter.tag !== undefined) {
    const tag = filter.tag;
    query = query.where((eb) => eb(eb.val(tag), '=', eb.fn.any('articles.tags')));
  }
  if (filter.isOwnList) {
    if (filter.afterId) query = query.where('articles.id', '<', filter.afterId);
    query = query.orderBy('articles.id', 'desc');
  } else {
    query = query
      .where('articles.status', '=', 'published')
      .where('articles.hidden_at', 'is', null);
    const before = filter.before;
    if (before) {
      query = query.where((eb) =>
        eb.or([
          eb('articles.published_at', '<', before.publishedAt),
          eb.and([
            eb('articles.published_at', '=', before.publishedAt),
            eb('articles.id', '<', before.id),
          ]),
        ]),
      );
    }
    query = query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc');
  }
  const rows = await query.limit(filter.limit).execute();
  return rows.map(toRecord);
}
