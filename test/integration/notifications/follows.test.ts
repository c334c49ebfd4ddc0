// Follows and in-app notifications through the API and pages: followers of a question hear that
// it opened and closed (and nobody else does), forecasting follows, unfollowing sticks, the list
// puts unread first, marking read works, and the header shows the unread count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import { forecast } from '../../factories/forecasts.ts';
import { approveDraft, createQuestion } from '../../factories/questions.ts';
import { createUser, signIn, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let follower: TestUser;
let forecaster: TestUser;
let bystander: TestUser;
let quitter: TestUser;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  follower = await createUser(t);
  forecaster = await createUser(t);
  bystander = await createUser(t);
  quitter = await createUser(t);
});
afterAll(() => t.close());

function at(offsetMs: number): string {
  return new Date(t.clock.now().getTime() + offsetMs).toISOString();
}

async function notifications(user: TestUser) {
  const response = await t.app.inject({ url: '/api/v1/me/notifications', headers: user.auth });
  expect(response.statusCode).toBe(200);
  return response.json().items as Array<{
    id: number;
    kind: string;
    question_id: number | null;
    text: string;
    url: string;
    read_at: string | null;
  }>;
}

function followRequest(user: TestUser, method: 'PUT' | 'DELETE' | 'GET', type: string, id: number) {
  return t.app.inject({ method, url: `/api/v1/me/follows/${type}/${id}`, headers: user.auth });
}

describe('question followers', () => {
  it('hear exactly of the open and the close of what they follow', async () => {
    const draft = await createQuestion(t, author, { title: 'Will the <i>bridge</i> open?' });
    await approveDraft(t, draft.id, author, moderator, {
      open_time: at(HOUR),
      scheduled_close_time: at(10 * DAY),
      scheduled_resolve_time: at(11 * DAY),
    });
    expect((await followRequest(follower, 'PUT', 'question', draft.id)).statusCode).toBe(200);
    expect((await followRequest(follower, 'PUT', 'question', draft.id)).statusCode).toBe(200);
    expect((await followRequest(quitter, 'PUT', 'question', draft.id)).statusCode).toBe(200);
    expect((await followRequest(quitter, 'DELETE', 'question', draft.id)).statusCode).toBe(204);
    expect((await followRequest(follower, 'GET', 'question', draft.id)).json().following).toBe(
      true,
    );

    t.clock.advance(HOUR);
    await runDueJobs(t.deps);
    await runDueJobs(t.deps);
    const opened = await notifications(follower);
    expect(opened.map((n) => [n.kind, n.question_id])).toEqual([['question_opened', draft.id]]);
    expect(opened[0]!.text).toBe('“Will the <i>bridge</i> open?” is open for forecasting.');
    expect(opened[0]!.url).toBe(`/questions/${draft.id}-will-the-i-bridge-i-open`);
    expect(await notifications(bystander)).toEqual([]);
    expect(await notifications(quitter)).toEqual([]);

    // Forecasting follows the question; the quitter's unfollow sticks through a forecast.
    await forecast(t, forecaster, draft.id, { probability_yes: 0.3 });
    await forecast(t, quitter, draft.id, { probability_yes: 0.6 });
    expect((await followRequest(forecaster, 'GET', 'question', draft.id)).json().following).toBe(
      true,
    );
    expect((await followRequest(quitter, 'GET', 'question', draft.id)).json().following).toBe(
      false,
    );

    t.clock.advance(10 * DAY);
    await runDueJobs(t.deps);
    await runDueJobs(t.deps);
    expect((await notifications(follower)).map((n) => n.kind).sort()).toEqual([
      'question_closed',
      'question_opened',
    ]);
    expect((await notifications(forecaster)).map((n) => n.kind)).toEqual(['question_closed']);
    expect(await notifications(quitter)).toEqual([]);
    expect(await notifications(bystander)).toEqual([]);
    // Jobs running again change nothing.
    await runDueJobs(t.deps);
    expect(await notifications(follower)).toHaveLength(2);
  });

  it('lists follows, refuses what cannot be followed', async () => {
    const list = await t.app.inject({ url: '/api/v1/me/follows', headers: follower.auth });
    expect(list.json().items).toEqual([
      expect.objectContaining({ target_type: 'question', title: 'Will the <i>bridge</i> open?' }),
    ]);
    expect((await followRequest(follower, 'PUT', 'question', 999_999)).statusCode).toBe(404);
    expect((await followRequest(follower, 'PUT', 'user', follower.id)).statusCode).toBe(400);
    expect((await followRequest(follower, 'PUT', 'user', bystander.id)).statusCode).toBe(200);
    expect((await followRequest(follower, 'PUT', 'planet', 1)).statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'PUT', url: '/api/v1/me/follows/user/1' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('a kind turned off brings nothing', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-settings',
      headers: bystander.auth,
      payload: { channels: { question_opened: 'off' }, cp_move_threshold: 15 },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().cp_move_threshold).toBe(15);
    const draft = await createQuestion(t, author);
    await approveDraft(t, draft.id, author, moderator, { open_time: at(HOUR) });
    await followRequest(bystander, 'PUT', 'question', draft.id);
    await followRequest(follower, 'PUT', 'question', draft.id);
    t.clock.advance(HOUR);
    await runDueJobs(t.deps);
    await runDueJobs(t.deps);
    expect(await notifications(bystander)).toEqual([]);
    expect((await notifications(follower)).filter((n) => n.question_id === draft.id)).toHaveLength(
      1,
    );
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-settings',
      headers: bystander.auth,
      payload: { channels: { question_opened: 'loud' } },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the notification list', () => {
  it('puts unread first, marks one and all read, pages with a cursor', async () => {
    const before = await notifications(follower);
    expect(before.length).toBeGreaterThanOrEqual(3);
    const oldest = before[before.length - 1]!;
    const marked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${oldest.id}/read`,
      headers: follower.auth,
    });
    expect(marked.statusCode).toBe(204);
    const others = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${oldest.id}/read`,
      headers: bystander.auth,
    });
    expect(others.statusCode).toBe(404);

    const after = await notifications(follower);
    expect(after[after.length - 1]!.read_at).not.toBeNull();
    expect(after.slice(0, -1).every((n) => n.read_at === null)).toBe(true);

    // Two at a time: the pages together are the whole list, in order.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/me/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.app.inject({ url, headers: follower.auth });
      seen.push(...page.json().items.map((n: { id: number }) => n.id));
      cursor = page.json().next_cursor;
    } while (cursor);
    expect(seen).toEqual(after.map((n) => n.id));

    const count = await t.app.inject({
      url: '/api/v1/me/notifications/unread-count',
      headers: follower.auth,
    });
    expect(count.json().unread_count).toBe(after.length - 1);

    // The header shows the count with the page itself.
    const session = await signIn(t, follower);
    const page = await t.app.inject({ url: '/notifications', headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`, ${after.length - 1} unread`);
    expect(page.body).toContain('Mark all read');

    const all = await t.app.inject({
      method: 'POST',
      url: '/notifications/read-all',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(session.csrfToken)}`,
    });
    expect(all.statusCode).toBe(303);
    expect((await notifications(follower)).every((n) => n.read_at !== null)).toBe(true);
    const home = await t.app.inject({ url: '/', headers: { cookie: session.cookie } });
    expect(home.body).not.toContain(' unread</span>');
  });
});

describe('follow buttons', () => {
  it('follow and unfollow a user from the profile page without JavaScript', async () => {
    const session = await signIn(t, bystander);
    const profileUrl = `/users/${author.username}`;
    const page = await t.app.inject({ url: profileUrl, headers: { cookie: session.cookie } });
    expect(page.body).toContain(`aria-label="Follow ${author.username}"`);
    const post = (action: string) =>
      t.app.inject({
        method: 'POST',
        url: '/follows',
        headers: {
          cookie: session.cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: `target_type=user&target_id=${author.id}&action=${action}&return_to=${encodeURIComponent(profileUrl)}&_csrf=${encodeURIComponent(session.csrfToken)}`,
      });
    const followed = await post('follow');
    expect(followed.statusCode).toBe(303);
    expect(followed.headers.location).toBe(profileUrl);
    const again = await t.app.inject({ url: profileUrl, headers: { cookie: session.cookie } });
    expect(again.body).toContain(`aria-label="Following ${author.username}"`);
    await post('unfollow');
    expect((await followRequest(bystander, 'GET', 'user', author.id)).json().following).toBe(false);
    // Guests see no button.
    const guest = await t.app.inject({ url: profileUrl });
    expect(guest.body).not.toContain('follow-form');
  });
});
