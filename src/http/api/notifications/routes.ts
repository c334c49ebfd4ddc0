// The signed-in user's follows, notifications and notification settings (/api/v1/me/…).
import type { Deps } from '../../../services/deps.ts';
import {
  follow,
  getFollowState,
  listMyFollows,
  unfollow,
} from '../../../services/notifications/follows.ts';
import {
  countMyUnread,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationView,
} from '../../../services/notifications/notification-list.ts';
import {
  getMyNotificationPreferences,
  type NotificationPreferences,
  updateMyNotificationPreferences,
} from '../../../services/notifications/preferences.ts';
import type { App } from '../../app-type.ts';
import { SIGNED_IN } from '../kit/conventions.ts';
import { presentPage } from '../kit/pagination.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import {
  FollowListSchema,
  FollowPageQuerySchema,
  FollowParamsSchema,
  FollowStateSchema,
  MarkedSchema,
  NotificationListSchema,
  NotificationPageQuerySchema,
  NotificationSettingsPatchSchema,
  NotificationSettingsSchema,
  UnreadCountSchema,
} from './schemas.ts';

const FOLLOWS = { tags: ['me'], security: SIGNED_IN };

function presentNotification(notification: NotificationView) {
  return {
    id: notification.id,
    kind: notification.kind,
    question_id: notification.questionId,
    text: notification.text,
    url: notification.href,
    excerpt: notification.excerpt,
    payload: notification.payload,
    created_at: notification.createdAt.toISOString(),
    read_at: notification.readAt?.toISOString() ?? null,
  };
}

function presentSettings(preferences: NotificationPreferences) {
  return {
    cp_move_threshold: preferences.cpMoveThreshold,
    email_enabled: preferences.isEmailEnabled,
    channels: preferences.kinds,
  };
}

export function registerNotificationRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/me/follows',
    {
      schema: {
        ...FOLLOWS,
        summary: 'What you follow (questions, articles, tournaments, users), newest first',
        querystring: FollowPageQuerySchema,
        response: { 200: FollowListSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const page = await listMyFollows(deps, {
        actor: request.actor,
        targetType: request.query.target_type,
        limit: request.query.limit,
        cursor: request.query.cursor,
      });
      return presentPage(page, (item) => ({
        target_type: item.targetType,
        target_id: item.targetId,
        title: item.title,
        url: item.url,
        created_at: item.createdAt.toISOString(),
      }));
    },
  );

  app.get(
    '/api/v1/me/follows/:target_type/:target_id',
    {
      schema: {
        ...FOLLOWS,
        summary: 'Whether you follow a target',
        params: FollowParamsSchema,
        response: { 200: FollowStateSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const { target_type, target_id } = request.params;
      const following = await getFollowState(deps, {
        actor: request.actor,
        targetType: target_type,
        targetId: target_id,
      });
      return { target_type, target_id, following };
    },
  );

  app.put(
    '/api/v1/me/follows/:target_type/:target_id',
    {
      schema: {
        ...FOLLOWS,
        summary: 'Follow a question, article, tournament or user (again: no change)',
        description:
          'Followers hear of the target’s events (see docs/design.md "Notifications"). ' +
          'Forecasting on a question follows it too.',
        params: FollowParamsSchema,
        response: { 200: FollowStateSchema },
      },
    },
    async (request) => {
      const { target_type, target_id } = request.params;
      await follow(deps, { actor: request.actor, targetType: target_type, targetId: target_id });
      return { target_type, target_id, following: true };
    },
  );

  app.delete(
    '/api/v1/me/follows/:target_type/:target_id',
    {
      schema: {
        ...FOLLOWS,
        summary: 'Stop following (also when you did not follow)',
        params: FollowParamsSchema,
        response: { 204: { type: 'null', description: 'Not following' } },
      },
    },
    async (request, reply) => {
      const { target_type, target_id } = request.params;
      await unfollow(deps, { actor: request.actor, targetType: target_type, targetId: target_id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/notifications',
    {
      schema: {
        ...FOLLOWS,
        summary: 'Your notifications: unread first, then newest first',
        querystring: NotificationPageQuerySchema,
        response: { 200: NotificationListSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const page = await listMyNotifications(deps, { actor: request.actor, ...request.query });
      return presentPage(page, presentNotification);
    },
  );

  app.get(
    '/api/v1/me/notifications/unread-count',
    {
      schema: {
        ...FOLLOWS,
        summary: 'How many of your notifications are unread',
        response: { 200: UnreadCountSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return { unread_count: await countMyUnread(deps, request.actor) };
    },
  );

  app.post(
    '/api/v1/me/notifications/:id/read',
    {
      schema: {
        ...FOLLOWS,
        summary: 'Mark one of your notifications read',
        params: IdParamsSchema,
        response: { 204: { type: 'null', description: 'Read' } },
      },
    },
    async (request, reply) => {
      await markNotificationRead(deps, {
        actor: request.actor,
        notificationId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/notifications/read-all',
    {
      schema: {
        ...FOLLOWS,
        summary: 'Mark all your notifications read',
        response: { 200: MarkedSchema },
      },
    },
    async (request) => ({ marked: await markAllNotificationsRead(deps, { actor: request.actor }) }),
  );

  app.get(
    '/api/v1/me/notification-settings',
    {
      schema: {
        ...FOLLOWS,
        summary: 'How each kind of notification reaches you, and your CP-move threshold',
        response: { 200: NotificationSettingsSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return presentSettings(await getMyNotificationPreferences(deps, { actor: request.actor }));
    },
  );

  app.patch(
    '/api/v1/me/notification-settings',
    {
      schema: {
        ...FOLLOWS,
        summary: 'Change channels per kind, the CP-move threshold, or all e-mail on/off',
        body: NotificationSettingsPatchSchema,
        response: { 200: NotificationSettingsSchema },
      },
    },
    async (request) => {
      const body = request.body;
      return presentSettings(
        await updateMyNotificationPreferences(deps, {
          actor: request.actor,
          cpMoveThreshold: body.cp_move_threshold,
          isEmailEnabled: body.email_enabled,
          channels: body.channels,
        }),
      );
    },
  );
}
