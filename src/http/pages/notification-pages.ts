// The notifications page (mark one or all read), follow/unfollow form posts, and the unsubscribe
// page of e-mail links (works without signing in: GET shows what it would change, POST does it).
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../domain/errors.ts';
import { FOLLOW_TARGET_TYPES, type FollowTargetType } from '../../domain/notifications.ts';
import type { Deps } from '../../services/deps.ts';
import { follow, unfollow } from '../../services/notifications/follows.ts';
import {
  markAllNotificationsRead,
  markNotificationRead,
} from '../../services/notifications/notification-list.ts';
import {
  applyUnsubscribeLink,
  readUnsubscribeLink,
} from '../../services/notifications/preferences.ts';
import { getNotificationsPage } from '../../services/pages/get-notification-pages.ts';
import { NotificationsPage, UnsubscribePage } from '../../views/pages/notifications-page.tsx';
import type { App } from '../app-type.ts';
import { safeNext } from './form-errors.ts';
import { sendPage } from './render.ts';

const formField = (maxLength = 1000) => Type.Optional(Type.String({ maxLength }));

const FollowBody = Type.Object({
  target_type: formField(20),
  target_id: formField(20),
  action: formField(20),
  return_to: formField(),
  _csrf: formField(),
});

const UnsubscribeBody = Type.Object({ token: formField(200), _csrf: formField() });

function redirectGuest(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (request.credentials?.session) return null;
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
}

function positiveId(value: string | undefined): number {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

export function registerNotificationPages(app: App, deps: Deps): void {
  app.get<{ Querystring: { cursor?: string } }>(
    '/notifications',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const model = await getNotificationsPage(deps, {
        actor: request.actor,
        cursor: request.query.cursor,
      });
      return sendPage(request, reply, {
        title: 'Notifications',
        isPrivate: true,
        body: h(NotificationsPage, { model }),
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/read',
    { schema: { hide: true } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      await markNotificationRead(deps, {
        actor: request.actor,
        notificationId: positiveId(request.params.id),
      });
      return reply.redirect('/notifications', 303);
    },
  );

  app.post('/notifications/read-all', { schema: { hide: true } }, async (request, reply) => {
    const guest = redirectGuest(request, reply);
    if (guest) return guest;
    await markAllNotificationsRead(deps, { actor: request.actor });
    return reply.redirect('/notifications', 303);
  });

  app.post('/follows', { schema: { hide: true, body: FollowBody } }, async (request, reply) => {
    const body = request.body;
    const returnTo = safeNext(body.return_to);
    if (!request.credentials?.session) {
      return reply.redirect(`/login?next=${encodeURIComponent(returnTo)}`, 303);
    }
    const targetType = body.target_type as FollowTargetType;
    if (!FOLLOW_TARGET_TYPES.includes(targetType)) {
      throw new DomainError('VALIDATION_FAILED', 'target_type: is not something to follow', {
        fields: [{ path: '/target_type', message: 'is not something to follow' }],
      });
    }
    const target = { actor: request.actor, targetType, targetId: positiveId(body.target_id) };
    if (body.action === 'unfollow') await unfollow(deps, target);
    else await follow(deps, target);
    return reply.redirect(returnTo, 303);
  });

  app.get<{ Querystring: { token?: string } }>(
    '/unsubscribe',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const token = request.query.token ?? '';
      const target = await readUnsubscribeLink(deps, token);
      // The token is a credential of sorts: keep it out of referrers and caches.
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(request, reply, {
        title: 'Unsubscribe',
        isPrivate: true,
        body: h(UnsubscribePage, {
          model: { token, username: target.username, label: target.label, isDone: false },
        }),
      });
    },
  );

  app.post(
    '/unsubscribe',
    { schema: { hide: true, body: UnsubscribeBody } },
    async (request, reply) => {
      const token = request.body.token ?? '';
      const target = await applyUnsubscribeLink(deps, token);
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(request, reply, {
        title: 'Unsubscribed',
        isPrivate: true,
        body: h(UnsubscribePage, {
          model: { token: '', username: target.username, label: target.label, isDone: true },
        }),
      });
    },
  );
}
