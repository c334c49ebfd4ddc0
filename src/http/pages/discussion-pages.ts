// Article and discussion pages, and the plain forms behind them (no JavaScript needed):
//   GET /articles, /articles/{id}-{slug}, /articles/new, /articles/{id}/edit, /moderation
//   POST /articles/new, /articles/{id}/edit (intent: preview | save | publish)
//   POST /comments, /comments/{id}/vote|changed-my-mind|edit|delete, /reports,
//        /moderation/{comments|articles}/{id}/hide|restore, /moderation/reports/{id}/dismiss
// Forms call the same services as the API and redirect back (303) to the page they came from.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { hasRole, type Role } from '../../domain/actor.ts';
import { COMMENT_SORTS, type CommentSort } from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import { articlePath, getArticleForActor } from '../../services/articles/article-access.ts';
import { listArticles } from '../../services/articles/list-articles.ts';
import {
  createArticle,
  publishArticle,
  updateArticle,
} from '../../services/articles/save-article.ts';
import {
  deleteComment,
  editComment,
  markChangedMind,
  voteOnComment,
} from '../../services/comments/change-comment.ts';
import { postComment } from '../../services/comments/post-comment.ts';
import type { Deps } from '../../services/deps.ts';
import {
  createReport,
  dismissReport,
  listModerationQueue,
  setContentHidden,
} from '../../services/moderation/moderation.ts';
import { getArticlePage, renderArticleBlocks } from '../../services/pages/get-article-page.ts';
import {
  type ArticleEditorModel,
  ArticleEditorPage,
  ArticleListPage,
  ArticlePage,
  ModerationPage,
} from '../../views/pages/article-pages.tsx';
import type { App } from '../app-type.ts';
import { formFailure, safeNext } from './form-errors.ts';
import { sendPage } from './render.ts';

type Form = Record<string, string | undefined>;

function articleKey(segment: string): string {
  const match = /^(\d{1,15})(?:-|$)/.exec(segment);
  if (!match) throw new DomainError('NOT_FOUND', 'There is no such article.');
  return match[1] as string;
}

function sortOf(value: unknown): CommentSort | undefined {
  return COMMENT_SORTS.includes(value as CommentSort) ? (value as CommentSort) : undefined;
}

function positiveId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('NOT_FOUND', 'Not found.');
  return id;
}

/** Where a form goes back to: an article or question page (or the queue), else `fallback`. */
function back(body: Form, fallback: string): string {
  const next = safeNext(body.return_to);
  return /^\/(articles|questions|moderation)(\/|$|#|\?)/.test(next) ? next : fallback;
}

function redirectGuest(request: FastifyRequest, reply: FastifyReply, to: string) {
  if (request.actor?.kind === 'user') return null;
  return reply.redirect(`/login?next=${encodeURIComponent(to)}`, 303);
}

function tagsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

export function registerDiscussionPages(app: App, deps: Deps): void {
  app.get<{ Querystring: { cursor?: string; tag?: string; author?: string } }>(
    '/articles',
    { schema: { hide: true } },
    async (request, reply) => {
      const query = request.query;
      const tag =
        typeof query.tag === 'string' && query.tag !== '' ? query.tag.slice(0, 40) : undefined;
      const author =
        typeof query.author === 'string' && query.author !== ''
          ? query.author.slice(0, 30)
          : undefined;
      const page = await listArticles(deps, {
        actor: request.actor,
        tag,
        author,
        includeDrafts: author !== undefined,
        cursor: typeof query.cursor === 'string' ? query.cursor : undefined,
        limit: 20,
      });
      return sendPage(request, reply, {
        title: author ? `Articles by ${author}` : 'Articles',
        body: h(ArticleListPage, {
          model: {
            items: page.items.map((article) => ({ ...article, path: articlePath(article) })),
            nextCursor: page.nextCursor,
            canWrite: hasRole(request.actor, 'analyst'),
            tag: tag ?? null,
          },
        }),
      });
    },
  );

  async function sendEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    model: ArticleEditorModel,
    status = 200,
  ) {
    return sendPage(request, reply, {
      status,
      title: model.articleId === null ? 'Write an article' : `Edit: ${model.values.title}`,
      isPrivate: true,
      body: h(ArticleEditorPage, { model }),
    });
  }

  function requireAnalyst(request: FastifyRequest) {
    if (!hasRole(request.actor, 'analyst')) {
      throw new DomainError('FORBIDDEN', 'Only analysts and above write articles.');
    }
  }

  app.get('/articles/new', { schema: { hide: true } }, async (request, reply) => {
    const guest = redirectGuest(request, reply, '/articles/new');
    if (guest) return guest;
    requireAnalyst(request);
    return sendEditor(request, reply, {
      articleId: null,
      status: null,
      values: { title: '', slug: '', summary: '', body: '', tags: '' },
      errors: {},
      preview: null,
      path: null,
    });
  });

  app.get<{ Params: { segment: string } }>(
    '/articles/:segment/edit',
    { schema: { hide: true } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, request.url);
      if (guest) return guest;
      const article = await getArticleForActor(
        deps,
        articleKey(request.params.segment),
        request.actor,
      );
      if (
        article.authorId !== (request.actor?.kind === 'user' ? request.actor.userId : -1) &&
        !hasRole(request.actor, 'moderator')
      ) {
        throw new DomainError('FORBIDDEN', 'Only the author or a moderator can edit this article.');
      }
      return sendEditor(request, reply, {
        articleId: article.id,
        status: article.status,
        values: {
          title: article.title,
          slug: article.slug,
          summary: article.summary,
          body: article.body,
          tags: article.tags.join(', '),
        },
        errors: {},
        preview: null,
        path: articlePath(article),
      });
    },
  );

  async function saveFromForm(
    request: FastifyRequest<{ Body: Form }>,
    reply: FastifyReply,
    articleId: number | null,
  ) {
    const body = request.body ?? {};
    const guest = redirectGuest(
      request,
      reply,
      articleId === null ? '/articles/new' : `/articles/${articleId}/edit`,
    );
    if (guest) return guest;
    requireAnalyst(request);
    const values = {
      title: body.title ?? '',
      slug: body.slug ?? '',
      summary: body.summary ?? '',
      body: body.body ?? '',
      tags: body.tags ?? '',
    };
    const existing =
      articleId === null ? null : await getArticleForActor(deps, articleId, request.actor);
    const base: ArticleEditorModel = {
      articleId,
      status: existing?.status ?? null,
      values,
      errors: {},
      preview: null,
      path: existing ? articlePath(existing) : null,
    };
    if (body.intent === 'preview') {
      const preview = await renderArticleBlocks(deps, values.body, {
        actor: request.actor,
        authorRole: (request.actor?.role ?? 'reader') as Role,
        isAuthorView: true,
      });
      return sendEditor(request, reply, { ...base, preview });
    }
    const fields = {
      title: values.title,
      slug: values.slug.trim() === '' ? undefined : values.slug.trim(),
      summary: values.summary,
      body: values.body,
      tags: tagsOf(values.tags),
    };
    try {
      const saved =
        articleId === null
          ? await createArticle(deps, { actor: request.actor, ...fields })
          : await updateArticle(deps, { actor: request.actor, key: articleId, ...fields });
      const final =
        body.intent === 'publish' && saved.status === 'draft'
          ? await publishArticle(deps, { actor: request.actor, key: saved.id })
          : saved;
      return reply.redirect(
        body.intent === 'publish' ? articlePath(final) : `/articles/${final.id}/edit`,
        303,
      );
    } catch (error) {
      const failure = formFailure(error);
      return sendEditor(
        request,
        reply,
        { ...base, errors: failure.fields, formError: failure.formError },
        failure.status,
      );
    }
  }

  app.post<{ Body: Form }>('/articles/new', { schema: { hide: true } }, (request, reply) =>
    saveFromForm(request, reply, null),
  );

  app.post<{ Params: { segment: string }; Body: Form }>(
    '/articles/:segment/edit',
    { schema: { hide: true } },
    (request, reply) => saveFromForm(request, reply, Number(articleKey(request.params.segment))),
  );

  app.get<{ Params: { segment: string }; Querystring: { sort?: string; cursor?: string } }>(
    '/articles/:segment',
    { schema: { hide: true } },
    async (request, reply) => {
      const key = articleKey(request.params.segment);
      const article = await getArticleForActor(deps, key, request.actor);
      const canonical = articlePath(article);
      if (canonical !== `/articles/${request.params.segment}`) {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        return reply.redirect(canonical + query, 301);
      }
      const model = await getArticlePage(deps, {
        actor: request.actor,
        key,
        sort: sortOf(request.query.sort),
        cursor: typeof request.query.cursor === 'string' ? request.query.cursor : undefined,
      });
      return sendPage(request, reply, {
        title: article.title,
        description: article.summary.slice(0, 160),
        body: h(ArticlePage, { model }),
      });
    },
  );

  app.get<{ Querystring: { cursor?: string } }>(
    '/moderation',
    { schema: { hide: true } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, '/moderation');
      if (guest) return guest;
      const page = await listModerationQueue(deps, {
        actor: request.actor,
        cursor: typeof request.query.cursor === 'string' ? request.query.cursor : undefined,
      });
      return sendPage(request, reply, {
        title: 'Moderation queue',
        isPrivate: true,
        body: h(ModerationPage, { items: page.items, nextCursor: page.nextCursor }),
      });
    },
  );

  // --- plain forms -------------------------------------------------------------------------

  app.post<{ Body: Form }>('/comments', { schema: { hide: true } }, async (request, reply) => {
    const body = request.body ?? {};
    const to = back(body, '/articles');
    const guest = redirectGuest(request, reply, to);
    if (guest) return guest;
    const targetType = body.target_type === 'question' ? 'question' : 'article';
    const comment = await postComment(deps, {
      actor: request.actor,
      targetType,
      targetId: positiveId(body.target_id),
      parentId: body.parent_id ? positiveId(body.parent_id) : null,
      body: body.body ?? '',
    });
    return reply.redirect(`${to.split('#')[0]}#comment-${comment.id}`, 303);
  });

  const commentActions: Array<
    [string, (request: FastifyRequest<{ Body: Form }>, id: number) => Promise<unknown>]
  > = [
    [
      'vote',
      (request, id) => {
        const value = Number(request.body?.value);
        return voteOnComment(deps, {
          actor: request.actor,
          id,
          value: value === 1 ? 1 : value === -1 ? -1 : 0,
        });
      },
    ],
    [
      'changed-my-mind',
      (request, id) =>
        markChangedMind(deps, {
          actor: request.actor,
          id,
          isChanged: request.body?.changed !== 'false',
        }),
    ],
    [
      'edit',
      (request, id) =>
        editComment(deps, { actor: request.actor, id, body: request.body?.body ?? '' }),
    ],
    ['delete', (request, id) => deleteComment(deps, { actor: request.actor, id })],
  ];
  for (const [action, run] of commentActions) {
    app.post<{ Params: { id: string }; Body: Form }>(
      `/comments/:id/${action}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const body = request.body ?? {};
        const to = back(body, '/articles');
        const guest = redirectGuest(request, reply, to);
        if (guest) return guest;
        const id = positiveId(request.params.id);
        await run(request, id);
        return reply.redirect(`${to.split('#')[0]}#comment-${id}`, 303);
      },
    );
  }

  app.post<{ Body: Form }>('/reports', { schema: { hide: true } }, async (request, reply) => {
    const body = request.body ?? {};
    const to = back(body, '/articles');
    const guest = redirectGuest(request, reply, to);
    if (guest) return guest;
    try {
      await createReport(deps, {
        actor: request.actor,
        targetType: body.target_type === 'article' ? 'article' : 'comment',
        targetId: positiveId(body.target_id),
        reason: body.reason ?? '',
      });
    } catch (error) {
      // A second report of the same item is already in the queue: nothing to add.
      if (!(error instanceof DomainError) || error.code !== 'ALREADY_EXISTS') throw error;
    }
    const [path, hash] = to.split('#');
    return reply.redirect(
      `${path}${path?.includes('?') ? '&' : '?'}reported=1${hash ? `#${hash}` : ''}`,
      303,
    );
  });

  for (const isHidden of [true, false]) {
    app.post<{ Params: { type: string; id: string }; Body: Form }>(
      `/moderation/:type/:id/${isHidden ? 'hide' : 'restore'}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const body = request.body ?? {};
        const to = back(body, '/moderation');
        const guest = redirectGuest(request, reply, to);
        if (guest) return guest;
        const type = request.params.type;
        if (type !== 'comments' && type !== 'articles') {
          throw new DomainError('NOT_FOUND', 'Not found.');
        }
        const id = positiveId(request.params.id);
        await setContentHidden(deps, {
          actor: request.actor,
          targetType: type === 'comments' ? 'comment' : 'article',
          targetId: id,
          isHidden,
        });
        return reply.redirect(
          type === 'comments' && !to.startsWith('/moderation')
            ? `${to.split('#')[0]}#comment-${id}`
            : to,
          303,
        );
      },
    );
  }

  app.post<{ Params: { id: string }; Body: Form }>(
    '/moderation/reports/:id/dismiss',
    { schema: { hide: true } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, '/moderation');
      if (guest) return guest;
      await dismissReport(deps, { actor: request.actor, reportId: positiveId(request.params.id) });
      return reply.redirect('/moderation', 303);
    },
  );
}
