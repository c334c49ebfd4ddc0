// Settings (profile, API tokens) and public profiles. Settings need a browser session: guests
// are sent to sign in and brought back. Changes are form posts to the same services as the API.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../domain/errors.ts';
import { changePassword } from '../../services/auth/change-password.ts';
import { createApiToken } from '../../services/auth/create-api-token.ts';
import { endMySession, endOtherSessions } from '../../services/auth/manage-sessions.ts';
import { revokeApiToken } from '../../services/auth/revoke-api-token.ts';
import type { Deps } from '../../services/deps.ts';
import { updateMyNotificationPreferences } from '../../services/notifications/preferences.ts';
import { getProfilePage, getSettingsPage } from '../../services/pages/get-account-pages.ts';
import { deleteMyAccount } from '../../services/users/account-data.ts';
import { updateMyProfile } from '../../services/users/update-my-profile.ts';
import { ProfilePage } from '../../views/pages/profile-page.tsx';
import { type SettingsForms, SettingsPage } from '../../views/pages/settings-page.tsx';
import type { App } from '../app-type.ts';
import { clearSessionCookie } from '../plugins/auth.ts';
import { formFailure } from './form-errors.ts';
import { sendPage } from './render.ts';

const formField = (maxLength = 10_000) => Type.Optional(Type.String({ maxLength }));

const ProfileBody = Type.Object({
  display_name: formField(),
  bio: formField(),
  _csrf: formField(),
});

const ProfileQuery = Type.Object({
  tag: Type.Optional(Type.String({ maxLength: 100 })),
  tournament: Type.Optional(Type.String({ maxLength: 200 })),
});

const PasswordBody = Type.Object({
  current_password: formField(),
  new_password: formField(),
  _csrf: formField(),
});

const DeleteAccountBody = Type.Object({
  password: formField(),
  _csrf: formField(),
});

const TokenBody = Type.Object({
  name: formField(),
  // One checkbox arrives as a string, several as an array.
  scopes: Type.Optional(
    Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }))]),
  ),
  _csrf: formField(),
});

/** Guests go to the sign-in page and come back here afterwards. */
function redirectGuest(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (request.credentials?.session) return null;
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
}

/** `channel_<kind>` selects, the threshold and the e-mail checkbox. */
const NotificationsBody = Type.Record(
  Type.String({ maxLength: 60 }),
  Type.String({ maxLength: 20 }),
  {
    maxProperties: 60,
  },
);

export function registerAccountPages(app: App, deps: Deps): void {
  async function sendSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: SettingsForms,
    status = 200,
  ) {
    const model = await getSettingsPage(deps, {
      actor: request.actor,
      currentSessionId: request.credentials?.session?.id ?? null,
    });
    return sendPage(request, reply, {
      status,
      title: 'Settings',
      isPrivate: true,
      body: h(SettingsPage, { model, forms }),
    });
  }

  app.get('/settings', { schema: { hide: true } }, async (request, reply) => {
    return redirectGuest(request, reply) ?? sendSettings(request, reply, {});
  });

  app.post(
    '/settings/profile',
    { schema: { hide: true, body: ProfileBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const displayName = request.body.display_name ?? '';
      const bio = request.body.bio ?? '';
      try {
        await updateMyProfile(deps, { actor: request.actor, displayName, bio });
        return sendSettings(request, reply, {
          profile: { displayName: displayName.trim(), bio, errors: {}, isSaved: true },
        });
      } catch (error) {
        const failure = formFailure(error);
        return sendSettings(
          request,
          reply,
          { profile: { displayName, bio, errors: failure.fields } },
          failure.status,
        );
      }
    },
  );

  app.post(
    '/settings/notifications',
    { schema: { hide: true, body: NotificationsBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const body = request.body;
      const channels: Record<string, string> = {};
      for (const [name, value] of Object.entries(body)) {
        if (name.startsWith('channel_')) channels[name.slice('channel_'.length)] = value;
      }
      const threshold = body.cp_move_threshold?.trim();
      try {
        await updateMyNotificationPreferences(deps, {
          actor: request.actor,
          channels,
          cpMoveThreshold: threshold ? Number(threshold) : undefined,
          isEmailEnabled: body.email_enabled === 'on',
        });
        return sendSettings(request, reply, { notifications: { errors: {}, isSaved: true } });
      } catch (error) {
        const failure = formFailure(error);
        return sendSettings(
          request,
          reply,
          { notifications: { errors: failure.fields } },
          failure.status,
        );
      }
    },
  );

  app.post(
    '/settings/tokens',
    { schema: { hide: true, body: TokenBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const name = request.body.name ?? '';
      const given = request.body.scopes;
      const scopes = given === undefined ? [] : Array.isArray(given) ? given : [given];
      try {
        const created = await createApiToken(deps, { actor: request.actor, name, scopes });
        // Shown in this response only: the secret is never stored.
        reply.header('cache-control', 'no-store');
        return sendSettings(request, reply, {
          createdToken: { name: created.name, token: created.token },
        });
      } catch (error) {
        const failure = formFailure(error);
        return sendSettings(
          request,
          reply,
          { token: { name, scopes, errors: failure.fields, formError: failure.formError } },
          failure.status,
        );
      }
    },
  );

  app.post(
    '/settings/password',
    { schema: { hide: true, body: PasswordBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      try {
        const ended = await changePassword(deps, {
          actor: request.actor,
          currentSessionId: request.credentials?.session?.id ?? null,
          currentPassword: request.body.current_password ?? '',
          newPassword: request.body.new_password ?? '',
        });
        return sendSettings(request, reply, { password: { errors: {}, endedSessions: ended } });
      } catch (error) {
        const failure = formFailure(error);
        return sendSettings(
          request,
          reply,
          { password: { errors: failure.fields, formError: failure.formError } },
          failure.status,
        );
      }
    },
  );

  app.post(
    '/settings/delete-account',
    { schema: { hide: true, body: DeleteAccountBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      try {
        await deleteMyAccount(deps, {
          actor: request.actor,
          password: request.body.password ?? '',
        });
      } catch (error) {
        const failure = formFailure(error);
        return sendSettings(
          request,
          reply,
          { deletion: { errors: failure.fields, formError: failure.formError } },
          failure.status,
        );
      }
      clearSessionCookie(reply, deps.config);
      return reply.redirect('/?account=deleted', 303);
    },
  );

  app.post<{ Params: { sessionId: string } }>(
    '/settings/sessions/:sessionId/end',
    { schema: { hide: true } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const input = {
        actor: request.actor,
        currentSessionId: request.credentials?.session?.id ?? null,
        sessionId: request.params.sessionId,
      };
      await endMySession(deps, input).catch((error: unknown) => {
        // Already gone (signed out elsewhere meanwhile): the list simply no longer shows it.
        if (!(error instanceof DomainError && error.code === 'NOT_FOUND')) throw error;
      });
      return reply.redirect('/settings#sessions-heading', 303);
    },
  );

  app.post('/settings/sessions/end-others', { schema: { hide: true } }, async (request, reply) => {
    const guest = redirectGuest(request, reply);
    if (guest) return guest;
    await endOtherSessions(deps, {
      actor: request.actor,
      currentSessionId: request.credentials?.session?.id ?? null,
    });
    return reply.redirect('/settings#sessions-heading', 303);
  });

  app.post<{ Params: { tokenId: string } }>(
    '/settings/tokens/:tokenId/revoke',
    { schema: { hide: true } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const tokenId = Number(request.params.tokenId);
      await revokeApiToken(deps, {
        actor: request.actor,
        tokenId: Number.isSafeInteger(tokenId) && tokenId > 0 ? tokenId : 0,
      });
      return reply.redirect('/settings', 303);
    },
  );

  app.get<{ Params: { username: string }; Querystring: { tag?: string; tournament?: string } }>(
    '/users/:username',
    { schema: { hide: true, querystring: ProfileQuery } },
    async (request, reply) => {
      const model = await getProfilePage(deps, {
        username: request.params.username,
        // '' is what the form sends for "all".
        tag: request.query.tag || undefined,
        tournament: request.query.tournament || undefined,
        actor: request.actor,
      });
      return sendPage(request, reply, {
        title: model.displayName ?? model.username,
        description: model.bio.slice(0, 160) || `${model.username} on Brier`,
        body: h(ProfilePage, { model }),
      });
    },
  );
}
