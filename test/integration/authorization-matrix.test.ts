// Who may call what: every route × {anonymous, reader, analyst, moderator, admin} → the expected
// status class. Requests authenticate with each persona's read+write Bearer token.
//
// To add a route, append a row to ROUTES (keep rows grouped by area):
//   {
//     route: 'POST /api/v1/questions',
//     method: 'POST',
//     url: () => '/api/v1/questions',
//     body: () => ({ type: 'binary', title: '…' }),
//     expected: atLeast('analyst'),
//   },
// `url` and `body` get the MatrixContext and may create what the request needs first (e.g. a
// draft owned by `ctx.actor`), so that one persona's request never depends on another's.
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, sessionActor } from '../../src/domain/actor.ts';
import { createApiToken } from '../../src/services/auth/create-api-token.ts';
import { notifyUsers } from '../../src/services/notifications/notify.ts';
import {
  createOpenQuestion,
  createQuestion,
  createQuestionInReview,
} from '../factories/questions.ts';
import { createUser, type TestUser } from '../factories/users.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

type Persona = 'anonymous' | Role;
const PERSONAS: readonly Persona[] = ['anonymous', 'reader', 'analyst', 'moderator', 'admin'];
const RANK: Record<Persona, number> = {
  anonymous: -1,
  reader: 0,
  analyst: 1,
  moderator: 2,
  admin: 3,
};

/** 'ok' is any 2xx; the numbers are exact statuses. */
type Outcome = 'ok' | 400 | 401 | 403 | 404 | 409;
type Expected = Record<Persona, Outcome>;

interface MatrixContext {
  t: TestApp;
  persona: Persona;
  /** The user making the request; null when anonymous. */
  actor: TestUser | null;
  /** One user per role, the same for every row. */
  users: Record<Role, TestUser>;
  /** A reader who never makes requests: the owner of "someone else's" things. */
  other: TestUser;
  /** An analyst who never makes requests: the author of "someone else's" questions. */
  otherAnalyst: TestUser;
  /** A number unique to this request, for unique names. */
  unique: number;
}

interface MatrixRow {
  route: string;
  method: HTTPMethods;
  url(ctx: MatrixContext): string | Promise<string>;
  body?(ctx: MatrixContext): unknown | Promise<unknown>;
  expected: Expected;
  /** A never-ending response (Server-Sent Events): only its status is read. */
  isStream?: boolean;
}

function expectFor(pick: (persona: Persona) => Outcome): Expected {
  return Object.fromEntries(PERSONAS.map((persona) => [persona, pick(persona)])) as Expected;
}

/** Anyone, signed in or not. */
const everyone = (outcome: Outcome = 'ok') => expectFor(() => outcome);
/** Any signed-in user; anonymous requests get 401. */
const signedIn = (outcome: Outcome = 'ok') =>
  expectFor((persona) => (persona === 'anonymous' ? 401 : outcome));
/** At least `role`; anonymous 401, lower roles 403. */
const atLeast = (role: Role) =>
  expectFor((persona) =>
    persona === 'anonymous' ? 401 : RANK[persona] >= RANK[role] ? 'ok' : 403,
  );

/** A token of `user`, made the way a browser session makes one (the service, as the owner). */
async function createTokenFor(ctx: MatrixContext, user: TestUser): Promise<number> {
  const created = await createApiToken(ctx.t.deps, {
    actor: sessionActor({ id: user.id, username: user.username, role: user.role }),
    name: `matrix ${ctx.unique}`,
    scopes: ['read'],
  });
  return created.id;
}

/** A notification of `user`'s (written as an event's fan-out would write it). */
async function notificationFor(ctx: MatrixContext, user: TestUser): Promise<number> {
  const ids = await ctx.t.deps.database.db.transaction().execute((tx) =>
    notifyUsers(tx, ctx.t.deps, {
      userIds: [user.id],
      kind: 'mention',
      payload: { actor_username: 'someone' },
      dedupeKey: `matrix:${ctx.unique}`,
    }),
  );
  expect(ids).toEqual([user.id]);
  const row = await ctx.t.deps.database.db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', user.id)
    .where('dedupe_key', '=', `matrix:${ctx.unique}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A draft of the analyst persona (so "analyst" is its author). */
function draftFor(ctx: MatrixContext) {
  return createQuestion(ctx.t, ctx.users.analyst);
}

function openQuestionFor(ctx: MatrixContext, type: 'binary' | 'multiple_choice' = 'binary') {
  return createOpenQuestion(ctx.t, {
    author: ctx.users.analyst,
    moderator: ctx.users.moderator,
    type,
  });
}

async function forecastAs(ctx: MatrixContext, user: TestUser, questionId: number) {
  const response = await ctx.t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${questionId}/forecasts`,
    headers: user.auth,
    payload: { probability_yes: 0.3 },
  });
  expect(response.statusCode).toBe(201);
}

/** An open question on which ctx.actor (when signed in) has a standing forecast. */
async function questionWithOwnForecast(ctx: MatrixContext): Promise<number> {
  const question = await openQuestionFor(ctx);
  if (ctx.actor) await forecastAs(ctx, ctx.actor, question.id);
  return question.id;
}

/** An open question on which someone else has forecast (its CP is visible to all). */
async function questionWithOthersForecast(ctx: MatrixContext): Promise<number> {
  const question = await openQuestionFor(ctx);
  await forecastAs(ctx, ctx.other, question.id);
  return question.id;
}

const EVIDENCE = [{ url: 'https://example.org/result', note: 'The result.' }];

/** A question with a pending proposal (by the moderator persona); ctx.actor forecast on it if asked. */
async function proposedQuestion(ctx: MatrixContext, actorForecasts: boolean): Promise<number> {
  const id = actorForecasts
    ? await questionWithOwnForecast(ctx)
    : await questionWithOthersForecast(ctx);
  const response = await ctx.t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${id}/resolution`,
    headers: ctx.users.moderator.auth,
    payload: { resolution: 'yes', evidence: EVIDENCE },
  });
  expect(response.statusCode).toBe(200);
  return id;
}

/** A resolved question (proposed by the moderator, finalised by the admin persona). */
async function resolvedQuestion(ctx: MatrixContext): Promise<number> {
  const id = await proposedQuestion(ctx, false);
  const response = await ctx.t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${id}/resolution/finalize`,
    headers: ctx.users.admin.auth,
  });
  expect(response.statusCode).toBe(200);
  return id;
}

/** A fresh tournament made by the admin persona (never by the requester). */
async function tournamentFor(ctx: MatrixContext): Promise<string> {
  const slug = `matrix-cup-${ctx.unique}`;
  const response = await ctx.t.app.inject({
    method: 'POST',
    url: '/api/v1/tournaments',
    headers: ctx.users.admin.auth,
    payload: { slug, title: 'Matrix cup' },
  });
  expect(response.statusCode).toBe(201);
  return slug;
}

/** A draft is seen by its author (the analyst) and moderators; 404 for everyone else. */
const draftOwnerOrModerator = () =>
  expectFor((persona) => (persona === 'analyst' || RANK[persona] >= RANK.moderator ? 'ok' : 404));

const ROUTES: MatrixRow[] = [
  // ── accounts ──────────────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/v1/auth/register',
    method: 'POST',
    url: () => '/api/v1/auth/register',
    body: (ctx) => ({
      email: `matrix${ctx.unique}@example.com`,
      username: `matrix_${ctx.unique}`,
      password: '0123456789',
    }),
    expected: everyone(),
  },
  {
    route: 'POST /api/v1/auth/login',
    method: 'POST',
    url: () => '/api/v1/auth/login',
    body: (ctx) => ({ login: ctx.other.username, password: ctx.other.password }),
    expected: everyone(),
  },
  {
    route: 'POST /api/v1/auth/logout',
    method: 'POST',
    url: () => '/api/v1/auth/logout',
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/auth/csrf',
    method: 'GET',
    url: () => '/api/v1/auth/csrf',
    expected: everyone(),
  },
  { route: 'GET /api/v1/me', method: 'GET', url: () => '/api/v1/me', expected: signedIn() },
  {
    route: 'PATCH /api/v1/me',
    method: 'PATCH',
    url: () => '/api/v1/me',
    body: (ctx) => ({ bio: `matrix ${ctx.unique}` }),
    expected: signedIn(),
  },
  {
    route: 'GET /api/v1/me/tokens',
    method: 'GET',
    url: () => '/api/v1/me/tokens',
    expected: signedIn(),
  },
  {
    // Bearer requests: tokens are made from a browser session only (tokens.test.ts covers that).
    route: 'POST /api/v1/me/tokens',
    method: 'POST',
    url: () => '/api/v1/me/tokens',
    body: (ctx) => ({ name: `matrix ${ctx.unique}`, scopes: ['read'] }),
    expected: signedIn(403),
  },
  {
    route: 'DELETE /api/v1/me/tokens/{own id}',
    method: 'DELETE',
    url: async (ctx) => `/api/v1/me/tokens/${await createTokenFor(ctx, ctx.actor ?? ctx.other)}`,
    expected: signedIn(),
  },
  {
    route: 'DELETE /api/v1/me/tokens/{someone else\u2019s id}',
    method: 'DELETE',
    url: async (ctx) => `/api/v1/me/tokens/${await createTokenFor(ctx, ctx.other)}`,
    expected: signedIn(404),
  },
  {
    route: 'GET /api/v1/me/export',
    method: 'GET',
    url: () => '/api/v1/me/export',
    expected: signedIn(),
  },
  {
    // Bearer requests: accounts are deleted from a browser session only.
    route: 'DELETE /api/v1/me',
    method: 'DELETE',
    url: () => '/api/v1/me',
    body: () => ({ password: 'whatever-it-is' }),
    expected: signedIn(403),
  },
  {
    route: 'POST /api/v1/auth/password-reset-requests',
    method: 'POST',
    url: () => '/api/v1/auth/password-reset-requests',
    body: (ctx) => ({ email: ctx.actor?.email ?? 'nobody@example.test' }),
    expected: everyone(),
  },
  {
    route: 'POST /api/v1/auth/password-reset',
    method: 'POST',
    url: () => '/api/v1/auth/password-reset',
    body: () => ({ token: 'x'.repeat(43), password: 'a good long passphrase' }),
    expected: everyone(400),
  },
  {
    route: 'POST /api/v1/auth/verify-email',
    method: 'POST',
    url: () => '/api/v1/auth/verify-email',
    body: () => ({ token: 'x'.repeat(43) }),
    expected: everyone(400),
  },
  {
    route: 'POST /api/v1/me/email-verification',
    method: 'POST',
    url: () => '/api/v1/me/email-verification',
    expected: signedIn(),
  },
  // ── follows and notifications ─────────────────────────────────────────────────────────────
  {
    route: 'GET /api/v1/me/follows',
    method: 'GET',
    url: () => '/api/v1/me/follows',
    expected: signedIn(),
  },
  {
    route: 'GET /api/v1/me/follows/{target_type}/{target_id}',
    method: 'GET',
    url: (ctx) => `/api/v1/me/follows/user/${ctx.other.id}`,
    expected: signedIn(),
  },
  {
    route: 'PUT /api/v1/me/follows/{target_type}/{target_id}',
    method: 'PUT',
    url: async (ctx) => `/api/v1/me/follows/question/${(await openQuestionFor(ctx)).id}`,
    expected: signedIn(),
  },
  {
    route: 'PUT /api/v1/me/follows/{analyst\u2019s draft}',
    method: 'PUT',
    url: async (ctx) => `/api/v1/me/follows/question/${(await draftFor(ctx)).id}`,
    expected: expectFor((persona) =>
      persona === 'anonymous'
        ? 401
        : persona === 'analyst' || RANK[persona] >= RANK.moderator
          ? 'ok'
          : 404,
    ),
  },
  {
    route: 'DELETE /api/v1/me/follows/{target_type}/{target_id}',
    method: 'DELETE',
    url: (ctx) => `/api/v1/me/follows/user/${ctx.other.id}`,
    expected: signedIn(),
  },
  {
    route: 'GET /api/v1/me/notifications',
    method: 'GET',
    url: () => '/api/v1/me/notifications',
    expected: signedIn(),
  },
  {
    route: 'GET /api/v1/me/notifications/unread-count',
    method: 'GET',
    url: () => '/api/v1/me/notifications/unread-count',
    expected: signedIn(),
  },
  {
    route: 'POST /api/v1/me/notifications/{own id}/read',
    method: 'POST',
    url: async (ctx) =>
      `/api/v1/me/notifications/${await notificationFor(ctx, ctx.actor ?? ctx.other)}/read`,
    expected: signedIn(),
  },
  {
    route: 'POST /api/v1/me/notifications/{someone else\u2019s id}/read',
    method: 'POST',
    url: async (ctx) => `/api/v1/me/notifications/${await notificationFor(ctx, ctx.other)}/read`,
    expected: signedIn(404),
  },
  {
    route: 'POST /api/v1/me/notifications/read-all',
    method: 'POST',
    url: () => '/api/v1/me/notifications/read-all',
    expected: signedIn(),
  },
  {
    route: 'GET /api/v1/me/notification-settings',
    method: 'GET',
    url: () => '/api/v1/me/notification-settings',
    expected: signedIn(),
  },
  {
    route: 'PATCH /api/v1/me/notification-settings',
    method: 'PATCH',
    url: () => '/api/v1/me/notification-settings',
    body: () => ({ cp_move_threshold: 12 }),
    expected: signedIn(),
  },
  {
    route: 'GET /api/v1/me/sessions',
    method: 'GET',
    url: () => '/api/v1/me/sessions',
    expected: signedIn(),
  },
  {
    // With a token there is no current session: every session of the user ends.
    route: 'DELETE /api/v1/me/sessions',
    method: 'DELETE',
    url: () => '/api/v1/me/sessions',
    expected: signedIn(),
  },
  {
    // Session ids are per user: an id that is not yours is unknown (session-management.test.ts).
    route: 'DELETE /api/v1/me/sessions/{unknown id}',
    method: 'DELETE',
    url: () => '/api/v1/me/sessions/0123456789abcdef',
    expected: signedIn(404),
  },
  {
    // Bearer requests: passwords are changed from a browser session only.
    route: 'POST /api/v1/me/password',
    method: 'POST',
    url: () => '/api/v1/me/password',
    body: () => ({ current_password: 'whatever-it-is', new_password: 'a-new-pass-123' }),
    expected: signedIn(403),
  },
  {
    route: 'GET /api/v1/admin/backup',
    method: 'GET',
    url: () => '/api/v1/admin/backup',
    expected: atLeast('admin'),
  },
  {
    route: 'GET /api/v1/users/{username}',
    method: 'GET',
    url: (ctx) => `/api/v1/users/${ctx.other.username}`,
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/admin/users',
    method: 'GET',
    url: () => '/api/v1/admin/users',
    expected: atLeast('admin'),
  },
  {
    route: 'PATCH /api/v1/admin/users/{id}',
    method: 'PATCH',
    url: (ctx) => `/api/v1/admin/users/${ctx.other.id}`,
    body: () => ({ is_banned: false }),
    expected: atLeast('admin'),
  },
  // ── questions ─────────────────────────────────────────────────────────────────────────────
  // Drafts belong to the analyst persona; drafts are 404 to those who may not see them.
  {
    route: 'GET /api/v1/questions',
    method: 'GET',
    url: () => '/api/v1/questions',
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/questions?mine=true',
    method: 'GET',
    url: () => '/api/v1/questions?mine=true',
    expected: signedIn(),
  },
  {
    route: 'POST /api/v1/questions',
    method: 'POST',
    url: () => '/api/v1/questions',
    body: (ctx) => ({ type: 'binary', title: `Matrix ${ctx.unique}`, resolution_criteria: 'x' }),
    expected: atLeast('analyst'),
  },
  {
    route: 'GET /api/v1/questions/{open id}',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}`,
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/questions/{analyst\u2019s draft}',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await draftFor(ctx)).id}`,
    expected: draftOwnerOrModerator(),
  },
  {
    route: 'PATCH /api/v1/questions/{analyst\u2019s draft}',
    method: 'PATCH',
    url: async (ctx) => `/api/v1/questions/${(await draftFor(ctx)).id}`,
    body: (ctx) => ({ fine_print: `matrix ${ctx.unique}` }),
    expected: { ...draftOwnerOrModerator(), anonymous: 401 },
  },
  {
    route: 'POST /api/v1/questions/{analyst\u2019s draft}/submit',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${(await draftFor(ctx)).id}/submit`,
    expected: { anonymous: 401, reader: 404, analyst: 'ok', moderator: 403, admin: 403 },
  },
  {
    route: 'POST /api/v1/questions/{in review}/approve',
    method: 'POST',
    url: async (ctx) =>
      `/api/v1/questions/${(await createQuestionInReview(ctx.t, ctx.users.analyst)).id}/approve`,
    body: (ctx) => ({
      open_time: ctx.t.clock.now().toISOString(),
      scheduled_close_time: new Date(ctx.t.clock.now().getTime() + 86_400_000).toISOString(),
      scheduled_resolve_time: new Date(ctx.t.clock.now().getTime() + 86_400_000).toISOString(),
    }),
    expected: atLeast('moderator'),
  },
  {
    route: 'POST /api/v1/questions/{in review}/reject',
    method: 'POST',
    url: async (ctx) =>
      `/api/v1/questions/${(await createQuestionInReview(ctx.t, ctx.users.analyst)).id}/reject`,
    body: () => ({ note: 'Needs sources.' }),
    expected: atLeast('moderator'),
  },
  {
    route: 'POST /api/v1/questions/{open id}/close',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/close`,
    expected: atLeast('moderator'),
  },
  {
    route: 'POST /api/v1/questions/{open MC id}/options',
    method: 'POST',
    url: async (ctx) =>
      `/api/v1/questions/${(await openQuestionFor(ctx, 'multiple_choice')).id}/options`,
    body: () => ({ label: 'New option' }),
    expected: atLeast('moderator'),
  },
  {
    route: 'POST /api/v1/questions/{open id}/clarifications',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/clarifications`,
    body: () => ({ body: 'A clarification.' }),
    expected: atLeast('moderator'),
  },
  {
    route: 'GET /api/v1/questions/{open id}/clarifications',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/clarifications`,
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/questions/{open id}/audit-log',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/audit-log`,
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/questions/{analyst\u2019s draft}/audit-log',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await draftFor(ctx)).id}/audit-log`,
    expected: draftOwnerOrModerator(),
  },
  {
    route: 'GET /api/v1/questions/{open id}/conditionals',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/conditionals`,
    expected: everyone(),
  },
  {
    route: 'POST /api/v1/questions/conditionals',
    method: 'POST',
    url: () => '/api/v1/questions/conditionals',
    body: async (ctx) => ({
      parent_id: (await openQuestionFor(ctx)).id,
      child_id: (await openQuestionFor(ctx)).id,
    }),
    expected: atLeast('analyst'),
  },
  {
    route: 'POST /api/v1/questions/conditionals {someone else\u2019s questions}',
    method: 'POST',
    url: () => '/api/v1/questions/conditionals',
    body: async (ctx) => {
      const byOther = { author: ctx.otherAnalyst, moderator: ctx.users.moderator };
      return {
        parent_id: (await createOpenQuestion(ctx.t, byOther)).id,
        child_id: (await createOpenQuestion(ctx.t, byOther)).id,
      };
    },
    // Only the author of both questions, or a moderator, pairs them.
    expected: { anonymous: 401, reader: 403, analyst: 403, moderator: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/admin/audit-log',
    method: 'GET',
    url: () => '/api/v1/admin/audit-log',
    expected: atLeast('moderator'),
  },
  // ── forecasts ─────────────────────────────────────────────────────────────────────────────
  // Each row makes its own question; "own forecast" rows forecast as ctx.actor first.
  {
    route: 'POST /api/v1/questions/{open id}/forecasts',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/forecasts`,
    body: () => ({ probability_yes: 0.4 }),
    expected: signedIn(),
  },
  {
    route: 'POST /api/v1/questions/{analyst\u2019s draft}/forecasts',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${(await draftFor(ctx)).id}/forecasts`,
    body: () => ({ probability_yes: 0.4 }),
    expected: { anonymous: 401, reader: 404, analyst: 409, moderator: 409, admin: 409 },
  },
  {
    route: 'DELETE /api/v1/questions/{id with own forecast}/forecasts/mine',
    method: 'DELETE',
    url: async (ctx) => `/api/v1/questions/${await questionWithOwnForecast(ctx)}/forecasts/mine`,
    expected: signedIn(),
  },
  {
    route: 'DELETE /api/v1/questions/{id without own forecast}/forecasts/mine',
    method: 'DELETE',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/forecasts/mine`,
    expected: signedIn(404),
  },
  {
    route: 'POST /api/v1/questions/{id with own forecast}/forecasts/mine/reaffirm',
    method: 'POST',
    url: async (ctx) =>
      `/api/v1/questions/${await questionWithOwnForecast(ctx)}/forecasts/mine/reaffirm`,
    expected: signedIn(),
  },
  {
    route: 'GET /api/v1/questions/{open id}/forecasts/mine',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/forecasts/mine`,
    expected: signedIn(),
  },
  ...['history', 'cp', 'bundle', 'history.csv', 'forecasts.csv'].map(
    (path): MatrixRow => ({
      route: `GET /api/v1/questions/{id with a forecast}/${path}`,
      method: 'GET',
      url: async (ctx) => `/api/v1/questions/${await questionWithOthersForecast(ctx)}/${path}`,
      expected: everyone(),
    }),
  ),
  {
    route: 'GET /api/v1/questions/{open id}/events',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/events`,
    expected: everyone(),
    isStream: true,
  },
  {
    route: 'GET /api/v1/questions/{analyst\u2019s draft}/events',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${(await draftFor(ctx)).id}/events`,
    expected: draftOwnerOrModerator(),
    isStream: true,
  },
  {
    route: 'GET /api/v1/questions/{CP not yet revealed}/history',
    method: 'GET',
    url: async (ctx) => {
      const question = await createOpenQuestion(ctx.t, {
        author: ctx.users.analyst,
        moderator: ctx.users.moderator,
        cp_reveal_time: new Date(ctx.t.clock.now().getTime() + 86_400_000).toISOString(),
      });
      return `/api/v1/questions/${question.id}/history`;
    },
    expected: expectFor((persona) => (persona === 'admin' ? 'ok' : 403)),
  },
  // ── resolution ────────────────────────────────────────────────────────────────────────────
  {
    route: 'GET /api/v1/questions/{resolved id}/resolution',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${await resolvedQuestion(ctx)}/resolution`,
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/questions/{resolved id}/scores',
    method: 'GET',
    url: async (ctx) => `/api/v1/questions/${await resolvedQuestion(ctx)}/scores`,
    expected: everyone(),
  },
  {
    route: 'POST /api/v1/questions/{open id}/resolution',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${await questionWithOthersForecast(ctx)}/resolution`,
    body: () => ({ resolution: 'no', evidence: EVIDENCE }),
    expected: atLeast('moderator'),
  },
  {
    route: 'POST /api/v1/questions/{proposed, own forecast}/resolution/disputes',
    method: 'POST',
    url: async (ctx) =>
      `/api/v1/questions/${await proposedQuestion(ctx, true)}/resolution/disputes`,
    body: () => ({ reason: 'The source was retracted.' }),
    expected: signedIn(),
  },
  {
    route: 'POST /api/v1/questions/{proposed, no own forecast}/resolution/disputes',
    method: 'POST',
    url: async (ctx) =>
      `/api/v1/questions/${await proposedQuestion(ctx, false)}/resolution/disputes`,
    body: () => ({ reason: 'I did not forecast here.' }),
    expected: signedIn(403),
  },
  ...['finalize', 'withdraw'].map(
    (step): MatrixRow => ({
      route: `POST /api/v1/questions/{proposed id}/resolution/${step}`,
      method: 'POST',
      url: async (ctx) =>
        `/api/v1/questions/${await proposedQuestion(ctx, false)}/resolution/${step}`,
      expected: atLeast('admin'),
    }),
  ),
  {
    route: 'POST /api/v1/questions/{open id}/annul',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${(await openQuestionFor(ctx)).id}/annul`,
    body: () => ({ note: 'Void.' }),
    expected: atLeast('admin'),
  },
  {
    route: 'POST /api/v1/questions/{resolved id}/re-resolution',
    method: 'POST',
    url: async (ctx) => `/api/v1/questions/${await resolvedQuestion(ctx)}/re-resolution`,
    body: () => ({ resolution: 'no' }),
    expected: atLeast('admin'),
  },
  {
    route: 'GET /api/v1/resolution-queue',
    method: 'GET',
    url: () => '/api/v1/resolution-queue',
    expected: atLeast('moderator'),
  },
  // ── tournaments, leaderboards, track records ─────────────────────────────────────────────
  {
    route: 'GET /api/v1/tournaments',
    method: 'GET',
    url: () => '/api/v1/tournaments',
    expected: everyone(),
  },
  {
    route: 'POST /api/v1/tournaments',
    method: 'POST',
    url: () => '/api/v1/tournaments',
    body: (ctx) => ({ slug: `matrix-${ctx.unique}`, title: 'Matrix cup' }),
    expected: atLeast('admin'),
  },
  {
    route: 'GET /api/v1/tournaments/{slug}',
    method: 'GET',
    url: async (ctx) => `/api/v1/tournaments/${await tournamentFor(ctx)}`,
    expected: everyone(),
  },
  {
    route: 'PATCH /api/v1/tournaments/{slug}',
    method: 'PATCH',
    url: async (ctx) => `/api/v1/tournaments/${await tournamentFor(ctx)}`,
    body: () => ({ description: 'Edited' }),
    expected: atLeast('admin'),
  },
  {
    route: 'PUT /api/v1/tournaments/{slug}/questions/{id}',
    method: 'PUT',
    url: async (ctx) =>
      `/api/v1/tournaments/${await tournamentFor(ctx)}/questions/${(await openQuestionFor(ctx)).id}`,
    body: () => ({ question_weight: 2 }),
    expected: atLeast('admin'),
  },
  {
    route: 'POST /api/v1/tournaments/{slug}/finalize',
    method: 'POST',
    url: async (ctx) => `/api/v1/tournaments/${await tournamentFor(ctx)}/finalize`,
    expected: atLeast('admin'),
  },
  {
    route: 'GET /api/v1/leaderboards',
    method: 'GET',
    url: () => '/api/v1/leaderboards?score_type=baseline_global',
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/leaderboards/input',
    method: 'GET',
    url: () => '/api/v1/leaderboards/input?score_type=peer_global&window=all',
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/users/{username}/track-record',
    method: 'GET',
    url: (ctx) => `/api/v1/users/${ctx.other.username}/track-record`,
    expected: everyone(),
  },
  {
    route: 'GET /api/v1/track-record',
    method: 'GET',
    url: () => '/api/v1/track-record',
    expected: everyone(),
  },
];

let t: TestApp;
let users: Record<Role, TestUser>;
let other: TestUser;
let otherAnalyst: TestUser;
let unique = 0;

beforeAll(async () => {
  t = await createTestApp();
  users = {
    reader: await createUser(t, { role: 'reader' }),
    analyst: await createUser(t, { role: 'analyst' }),
    moderator: await createUser(t, { role: 'moderator' }),
    admin: await createUser(t, { role: 'admin' }),
  };
  other = await createUser(t);
  otherAnalyst = await createUser(t, { role: 'analyst' });
});
afterAll(() => t.close());

function matches(status: number, outcome: Outcome): boolean {
  return outcome === 'ok' ? status >= 200 && status < 300 : status === outcome;
}

describe.each(ROUTES)('$route', (row) => {
  it.each(PERSONAS)('as %s', async (persona) => {
    unique += 1;
    const actor = persona === 'anonymous' ? null : users[persona];
    const ctx: MatrixContext = { t, persona, actor, users, other, otherAnalyst, unique };
    const url = await row.url(ctx);
    const body = row.body ? await row.body(ctx) : undefined;
    const response = await t.app.inject({
      method: row.method,
      url,
      headers: actor ? actor.auth : {},
      ...(body === undefined ? {} : { payload: body as object }),
      // A stream resolves with its head; the app's close ends it.
      ...(row.isStream ? { payloadAsStream: true } : {}),
    });
    const text = row.isStream ? '' : response.body.slice(0, 200);
    const expected = row.expected[persona];
    expect(
      matches(response.statusCode, expected),
      `${row.method} ${url} as ${persona}: expected ${expected}, got ${response.statusCode} ${text}`,
    ).toBe(true);
  });
});

it('has a row for every route of the OpenAPI document', async () => {
  const document = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
  const shape = (route: string) => route.replace(/\{[^}]*\}/g, '{}').replace(/\?.*$/, '');
  const covered = new Set(ROUTES.map((row) => shape(row.route)));
  const missing = Object.entries(document.paths as Record<string, object>).flatMap(
    ([path, operations]) =>
      Object.keys(operations)
        .map((method) => `${method.toUpperCase()} ${shape(path)}`)
        .filter((route) => !covered.has(route)),
  );
  expect(missing).toEqual([]);
});
