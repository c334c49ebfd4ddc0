// Comments (/api/v1/comments…), reports (/api/v1/reports) and moderation (/api/v1/admin/…).
import {
  deleteComment,
  editComment,
  getCommentRevisions,
  markChangedMind,
  voteOnComment,
} from '../../../services/comments/change-comment.ts';
import { getCommentView, listComments } from '../../../services/comments/list-comments.ts';
import { postComment } from '../../../services/comments/post-comment.ts';
import type { Deps } from '../../../services/deps.ts';
import {
  createReport,
  dismissReport,
  listModerationQueue,
  setContentHidden,
  setUserSuspension,
} from '../../../services/moderation/moderation.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { OPTIONAL_BODY } from '../kit/openapi.ts';
import { PageQuerySchema, presentPage } from '../kit/pagination.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { presentComment, presentQueueItem, presentThread } from './presenters.ts';
import {
  ChangedMindSchema,
  COMMENT_TAGS,
  CommentCreateSchema,
  CommentListQuerySchema,
  CommentPageSchema,
  CommentPatchSchema,
  CommentRevisionsSchema,
  CommentSchema,
  DismissedSchema,
  HiddenSchema,
  HideBodySchema,
  HideParamsSchema,
  MODERATION_TAGS,
  QueuePageSchema,
  ReportCreatedSchema,
  ReportCreateSchema,
  SuspensionBodySchema,
  SuspensionSchema,
  VoteSchema,
} from './schemas.ts';

export function registerCommentRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/comments',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'A page of root comments with their whole threads',
        description:
          'Sorts: minds_changed (default), top, newest, accurate (authors\u2019 mean peer score), disagree (forecast at posting far from the crowd). 403 FORECAST_FIRST on a forecast-first question until you have forecast.',
        querystring: CommentListQuerySchema,
        response: { 200: CommentPageSchema, ...errors(403, 404) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await listComments(deps, {
        actor: request.actor,
        targetType: query.target_type,
        targetId: query.target_id,
        sort: query.sort,
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        items: page.items.map(presentThread),
        next_cursor: page.nextCursor,
        sort: page.sort,
        total: page.total,
      };
    },
  );

  app.post(
    '/api/v1/comments',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'Comment, or reply with parent_id',
        description:
          'Stores your forecast on the question (an article: its first embedded question) as the comment\u2019s badge. 409 DUPLICATE_COMMENT for a repeat of one of your comments; 429 past the hourly comment limit (lower for new accounts).',
        security: SIGNED_IN,
        body: CommentCreateSchema,
        response: { 201: CommentSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const comment = await postComment(deps, {
        actor: request.actor,
        targetType: body.target_type,
        targetId: body.target_id,
        parentId: body.parent_id,
        body: body.body,
      });
      const view = await getCommentView(deps, { actor: request.actor, id: comment.id });
      return reply.status(201).send(presentComment(view));
    },
  );

  app.get(
    '/api/v1/comments/:id/revisions',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'Earlier versions of an edited comment, newest first',
        params: IdParamsSchema,
        response: { 200: CommentRevisionsSchema, ...errors(403) },
      },
    },
    async (request) => {
      const items = await getCommentRevisions(deps, {
        actor: request.actor,
        id: request.params.id,
      });
      return {
        items: items.map((item) => ({
          id: item.id,
          body: item.body,
          created_at: item.createdAt.toISOString(),
        })),
      };
    },
  );

  app.patch(
    '/api/v1/comments/:id',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'Edit your comment (the old text is kept)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        body: CommentPatchSchema,
        response: { 200: CommentSchema, ...errors(409) },
      },
    },
    async (request) => {
      await editComment(deps, {
        actor: request.actor,
        id: request.params.id,
        body: request.body.body,
      });
      return presentComment(
        await getCommentView(deps, { actor: request.actor, id: request.params.id }),
      );
    },
  );

  app.delete(
    '/api/v1/comments/:id',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'Delete a comment (its author or a moderator); replies stay under "[deleted]"',
        security: SIGNED_IN,
        params: IdParamsSchema,
        response: { 200: CommentSchema },
      },
    },
    async (request) => {
      await deleteComment(deps, { actor: request.actor, id: request.params.id });
      return presentComment(
        await getCommentView(deps, { actor: request.actor, id: request.params.id }),
      );
    },
  );

  app.post(
    '/api/v1/comments/:id/vote',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'Vote on a comment (1, -1; 0 clears); one vote per user, changeable',
        security: SIGNED_IN,
        params: IdParamsSchema,
        body: VoteSchema,
        response: { 200: CommentSchema, ...errors(409) },
      },
    },
    async (request) => {
      await voteOnComment(deps, {
        actor: request.actor,
        id: request.params.id,
        value: request.body.value,
      });
      return presentComment(
        await getCommentView(deps, { actor: request.actor, id: request.params.id }),
      );
    },
  );

  app.post(
    '/api/v1/comments/:id/changed-my-mind',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'Say this comment changed your mind (`{"changed": false}` takes it back)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        [OPTIONAL_BODY]: true,
        body: ChangedMindSchema,
        response: { 200: CommentSchema, ...errors(409) },
      },
    },
    async (request) => {
      await markChangedMind(deps, {
        actor: request.actor,
        id: request.params.id,
        isChanged: request.body?.changed ?? true,
      });
      return presentComment(
        await getCommentView(deps, { actor: request.actor, id: request.params.id }),
      );
    },
  );

  app.post(
    '/api/v1/reports',
    {
      schema: {
        tags: COMMENT_TAGS,
        summary: 'Report a comment or an article to the moderators',
        security: SIGNED_IN,
        body: ReportCreateSchema,
        response: { 201: ReportCreatedSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const report = await createReport(deps, {
        actor: request.actor,
        targetType: body.target_type,
        targetId: body.target_id,
        reason: body.reason,
      });
      return reply.status(201).send(report);
    },
  );

  app.get(
    '/api/v1/admin/moderation-queue',
    {
      schema: {
        tags: MODERATION_TAGS,
        summary: 'Open reports, oldest first (moderator)',
        security: SIGNED_IN,
        querystring: PageQuerySchema(50),
        response: { 200: QueuePageSchema, ...errors(403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const page = await listModerationQueue(deps, { actor: request.actor, ...request.query });
      return presentPage(page, presentQueueItem);
    },
  );

  for (const isHidden of [true, false]) {
    app.post(
      `/api/v1/admin/:target_type/:id/${isHidden ? 'hide' : 'restore'}`,
      {
        schema: {
          tags: MODERATION_TAGS,
          summary: isHidden
            ? 'Hide a comment or an article; closes its open reports (moderator, audit-logged)'
            : 'Restore a hidden comment or article (moderator, audit-logged)',
          security: SIGNED_IN,
          params: HideParamsSchema,
          [OPTIONAL_BODY]: true,
          body: HideBodySchema,
          response: { 200: HiddenSchema },
        },
      },
      async (request) => {
        const result = await setContentHidden(deps, {
          actor: request.actor,
          targetType: request.params.target_type === 'comments' ? 'comment' : 'article',
          targetId: request.params.id,
          isHidden,
          note: request.body?.note,
        });
        return { is_hidden: result.isHidden, reports_closed: result.reportsClosed };
      },
    );
  }

  app.post(
    '/api/v1/admin/reports/:id/dismiss',
    {
      schema: {
        tags: MODERATION_TAGS,
        summary: 'Dismiss a report and the other open reports of its item (moderator)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        response: { 200: DismissedSchema, ...errors(409) },
      },
    },
    async (request) => {
      const result = await dismissReport(deps, {
        actor: request.actor,
        reportId: request.params.id,
      });
      return { reports_closed: result.reportsClosed };
    },
  );

  app.put(
    '/api/v1/admin/users/:id/suspension',
    {
      schema: {
        tags: MODERATION_TAGS,
        summary: 'Suspend a user until a time: they can read, not write (moderator, audit-logged)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        body: SuspensionBodySchema,
        response: { 200: SuspensionSchema },
      },
    },
    async (request) => {
      const result = await setUserSuspension(deps, {
        actor: request.actor,
        userId: request.params.id,
        until: new Date(request.body.until),
        reason: request.body.reason,
      });
      return { suspended_until: result.suspendedUntil?.toISOString() ?? null };
    },
  );

  app.delete(
    '/api/v1/admin/users/:id/suspension',
    {
      schema: {
        tags: MODERATION_TAGS,
        summary: 'Lift a suspension (moderator, audit-logged)',
        security: SIGNED_IN,
        params: IdParamsSchema,
        response: { 200: SuspensionSchema },
      },
    },
    async (request) => {
      await setUserSuspension(deps, {
        actor: request.actor,
        userId: request.params.id,
        until: null,
      });
      return { suspended_until: null };
    },
  );
}
