// Articles (/api/v1/articles…): list, read, write drafts, publish, revisions.
import { getArticleForActor } from '../../../services/articles/article-access.ts';
import { listArticleRevisions, listArticles } from '../../../services/articles/list-articles.ts';
import {
  createArticle,
  publishArticle,
  updateArticle,
} from '../../../services/articles/save-article.ts';
import type { Deps } from '../../../services/deps.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { presentPage } from '../kit/pagination.ts';
import { presentArticle, presentArticleRevision, presentArticleSummary } from './presenters.ts';
import {
  ARTICLE_TAGS,
  ArticleCreateSchema,
  ArticleKeyParamsSchema,
  ArticleListQuerySchema,
  ArticlePageSchema,
  ArticlePatchSchema,
  ArticleRevisionsSchema,
  ArticleSchema,
} from './schemas.ts';

export function registerArticleRoutes(app: App, deps: Deps): void {
  const origin = deps.config.baseUrl;

  app.get(
    '/api/v1/articles',
    {
      schema: {
        tags: ARTICLE_TAGS,
        summary: 'Published articles, newest first (or an author\u2019s own list with drafts)',
        querystring: ArticleListQuerySchema,
        response: { 200: ArticlePageSchema },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await listArticles(deps, {
        actor: request.actor,
        author: query.author,
        tag: query.tag,
        includeDrafts: query.include_drafts,
        limit: query.limit,
        cursor: query.cursor,
      });
      return presentPage(page, presentArticleSummary);
    },
  );

  app.post(
    '/api/v1/articles',
    {
      schema: {
        tags: ARTICLE_TAGS,
        summary: 'Write a draft article (analyst or above)',
        security: SIGNED_IN,
        body: ArticleCreateSchema,
        response: { 201: ArticleSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const article = await createArticle(deps, {
        actor: request.actor,
        title: body.title,
        slug: body.slug,
        summary: body.summary,
        body: body.body,
        tags: body.tags,
        tournamentId: body.tournament_id,
      });
      return reply.status(201).send(presentArticle(article, origin));
    },
  );

  app.get(
    '/api/v1/articles/:slug',
    {
      schema: {
        tags: ARTICLE_TAGS,
        summary: 'An article by slug or id (drafts: their author and moderators)',
        params: ArticleKeyParamsSchema,
        response: { 200: ArticleSchema },
      },
    },
    async (request) =>
      presentArticle(await getArticleForActor(deps, request.params.slug, request.actor), origin),
  );

  app.patch(
    '/api/v1/articles/:slug',
    {
      schema: {
        tags: ARTICLE_TAGS,
        summary: 'Edit an article (its author or a moderator); the old version is kept',
        security: SIGNED_IN,
        params: ArticleKeyParamsSchema,
        body: ArticlePatchSchema,
        response: { 200: ArticleSchema, ...errors(409) },
      },
    },
    async (request) => {
      const body = request.body;
      const article = await updateArticle(deps, {
        actor: request.actor,
        key: request.params.slug,
        title: body.title,
        slug: body.slug,
        summary: body.summary,
        body: body.body,
        tags: body.tags,
        tournamentId: body.tournament_id,
      });
      return presentArticle(article, origin);
    },
  );

  app.post(
    '/api/v1/articles/:slug/publish',
    {
      schema: {
        tags: ARTICLE_TAGS,
        summary: 'Publish a draft (its author or a moderator)',
        security: SIGNED_IN,
        params: ArticleKeyParamsSchema,
        response: { 200: ArticleSchema, ...errors(409) },
      },
    },
    async (request) =>
      presentArticle(
        await publishArticle(deps, { actor: request.actor, key: request.params.slug }),
        origin,
      ),
  );

  app.get(
    '/api/v1/articles/:slug/revisions',
    {
      schema: {
        tags: ARTICLE_TAGS,
        summary: 'Every saved version, newest first (its author and moderators)',
        security: SIGNED_IN,
        params: ArticleKeyParamsSchema,
        response: { 200: ArticleRevisionsSchema, ...errors(403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const items = await listArticleRevisions(deps, {
        actor: request.actor,
        key: request.params.slug,
      });
      return { items: items.map(presentArticleRevision) };
    },
  );
}
