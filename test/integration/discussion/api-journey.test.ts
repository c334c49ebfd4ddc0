// The discussion journey through the API (both backends): an analyst publishes an article that
// embeds a scenario set and a binary question; readers forecast, comment (their forecasts shown
// as badges), reply, vote, change their minds and report; a moderator hides a comment; hostile
// markdown stays inert; forecast-first questions withhold the discussion.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { dangerIn } from '../../helpers/inert-html.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const hostile = JSON.parse(
  readFileSync(new URL('../../fixtures/hostile-markdown.json', import.meta.url), 'utf8'),
) as { cases: string[] };

let t: TestApp;
let analyst: TestUser;
let moderator: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let binaryId: number;
let scenariosId: number;
let articleId: number;

async function call(
  user: TestUser | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const response = await t.app.inject({
    method,
    url,
    headers: user ? user.auth : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, json: response.body ? response.json() : null };
}

beforeAll(async () => {
  t = await createTestApp();
  analyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  alice = await createUser(t);
  bob = await createUser(t);
  carol = await createUser(t);
  // Accounts older than the new-account age, so the normal comment limit applies.
  t.clock.advance(4 * 86_400_000);
  binaryId = (await createOpenQuestion(t, { author: analyst, moderator, title: 'Second summit?' }))
    .id;
  scenariosId = (
    await createOpenQuestion(t, {
      author: analyst,
      moderator,
      type: 'multiple_choice',
      title: 'Which scenario?',
    })
  ).id;
});

afterAll(async () => {
  await t?.close();
});

describe('articles', () => {
  it('an analyst drafts, edits and publishes; readers see only published articles', async () => {
    const body = [
      '## Where things stand',
      '',
      'The summit matters. See [the source](https://example.org/report).',
      '',
      `{{scenarios:${scenariosId}}}`,
      '',
      'And the binary one:',
      '',
      `{{question:${binaryId}}}`,
      '',
      '{{question:999999}}',
    ].join('\n');
    expect((await call(alice, 'POST', '/api/v1/articles', { title: 'Nope' })).status).toBe(403);
    const created = await call(analyst, 'POST', '/api/v1/articles', {
      title: 'US–Russia outlook',
      summary: 'What a second summit would change.',
      body,
      tags: ['us-russia'],
    });
    expect(created.status).toBe(201);
    expect(created.json.slug).toBe('us-russia-outlook');
    expect(created.json.status).toBe('draft');
    expect(created.json.embedded_question_ids).toEqual([scenariosId, binaryId, 999999]);
    articleId = created.json.id;

    expect((await call(alice, 'GET', `/api/v1/articles/${articleId}`)).status).toBe(404);
    const list = await call(null, 'GET', '/api/v1/articles');
    expect(list.json.items.map((a: { id: number }) => a.id)).not.toContain(articleId);

    const edited = await call(analyst, 'PATCH', '/api/v1/articles/us-russia-outlook', {
      summary: 'What a second summit would change, and what it would not.',
    });
    expect(edited.status).toBe(200);
    const revisions = await call(analyst, 'GET', `/api/v1/articles/${articleId}/revisions`);
    expect(revisions.json.items).toHaveLength(2);
    expect((await call(alice, 'GET', `/api/v1/articles/${articleId}/revisions`)).status).toBe(404);

    const published = await call(analyst, 'POST', '/api/v1/articles/us-russia-outlook/publish');
    expect(published.status).toBe(200);
    expect(published.json.published_at).not.toBeNull();
    expect((await call(analyst, 'POST', '/api/v1/articles/us-russia-outlook/publish')).status).toBe(
      409,
    );
    const read = await call(null, 'GET', '/api/v1/articles/us-russia-outlook');
    expect(read.status).toBe(200);
    // Staff links are followed; external ones never get the opener.
    expect(read.json.html).toContain('rel="noopener noreferrer"');
    expect(read.json.html).not.toContain('nofollow');
    const listed = await call(null, 'GET', '/api/v1/articles?tag=us-russia');
    expect(listed.json.items[0].id).toBe(articleId);
  });
});

describe('comments', () => {
  let aliceComment: number;
  let bobReply: number;

  it('comments carry the author\u2019s forecast at posting and now', async () => {
    await call(alice, 'POST', `/api/v1/questions/${binaryId}/forecasts`, { probability_yes: 0.7 });
    const posted = await call(alice, 'POST', '/api/v1/comments', {
      target_type: 'question',
      target_id: binaryId,
      body: 'The invitation to Alaska makes a second meeting likely. @' + bob.username,
    });
    expect(posted.status).toBe(201);
    expect(posted.json.forecast_at_posting.label).toBe('70\u00a0%');
    expect(posted.json.forecast_now.label).toBe('70\u00a0%');
    aliceComment = posted.json.id;

    // Alice moves by 20 points: the forecast response asks for a rationale.
    const moved = await call(alice, 'POST', `/api/v1/questions/${binaryId}/forecasts`, {
      probability_yes: 0.5,
    });
    expect(moved.json.rationale_prompt).toEqual({ move_points: 20, threshold_points: 15 });
    const small = await call(alice, 'POST', `/api/v1/questions/${binaryId}/forecasts`, {
      probability_yes: 0.45,
    });
    expect(small.json.rationale_prompt).toBeNull();

    const page = await call(
      null,
      'GET',
      `/api/v1/comments?target_type=question&target_id=${binaryId}`,
    );
    expect(page.json.items[0].forecast_at_posting.label).toBe('70\u00a0%');
    expect(page.json.items[0].forecast_now.label).toBe('45\u00a0%');
  });

  it('replies and mentions notify; threads come with their roots', async () => {
    const reply = await call(bob, 'POST', '/api/v1/comments', {
      target_type: 'question',
      target_id: binaryId,
      parent_id: aliceComment,
      body: 'Invitations are cheap; the last one took months to happen.',
    });
    expect(reply.status).toBe(201);
    expect(reply.json.forecast_at_posting).toBeNull();
    bobReply = reply.json.id;
    const nested = await call(carol, 'POST', '/api/v1/comments', {
      target_type: 'question',
      target_id: binaryId,
      parent_id: bobReply,
      body: 'Months, but it happened.',
    });
    expect(nested.status).toBe(201);
    const notifications = await t.deps.database.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('kind', 'in', ['reply', 'mention'])
      .execute();
    expect(notifications).toEqual(
      expect.arrayContaining([
        { user_id: bob.id, kind: 'mention' },
        { user_id: alice.id, kind: 'reply' },
        { user_id: bob.id, kind: 'reply' },
      ]),
    );
    const page = await call(
      null,
      'GET',
      `/api/v1/comments?target_type=question&target_id=${binaryId}`,
    );
    expect(page.json.total).toBe(1);
    expect(page.json.items[0].replies[0].id).toBe(bobReply);
    expect(page.json.items[0].replies[1].parent_id).toBe(bobReply);
    expect(page.json.items[0].replies[1].body).toBe('Months, but it happened.');
  });

  it('votes are one per user and changeable; minds changed are counted; not on your own', async () => {
    expect(
      (await call(bob, 'POST', `/api/v1/comments/${aliceComment}/vote`, { value: 1 })).json.upvotes,
    ).toBe(1);
    const changed = await call(bob, 'POST', `/api/v1/comments/${aliceComment}/vote`, { value: -1 });
    expect([changed.json.upvotes, changed.json.downvotes, changed.json.my_vote]).toEqual([
      0, 1, -1,
    ]);
    await call(carol, 'POST', `/api/v1/comments/${aliceComment}/vote`, { value: 1 });
    const minds = await call(carol, 'POST', `/api/v1/comments/${aliceComment}/changed-my-mind`);
    expect(minds.json.minds_changed).toBe(1);
    expect(minds.json.changed_my_mind).toBe(true);
    await call(carol, 'POST', `/api/v1/comments/${aliceComment}/changed-my-mind`);
    expect(
      (await call(bob, 'POST', `/api/v1/comments/${aliceComment}/changed-my-mind`, {})).json
        .minds_changed,
    ).toBe(2);
    expect(
      (await call(alice, 'POST', `/api/v1/comments/${aliceComment}/vote`, { value: 1 })).status,
    ).toBe(403);
  });

  it('edits keep history, deletes keep the thread, duplicates are refused', async () => {
    const edited = await call(bob, 'PATCH', `/api/v1/comments/${bobReply}`, {
      body: 'Invitations are cheap; the last one took three months.',
    });
    expect(edited.json.edited_at).not.toBeNull();
    const revisions = await call(null, 'GET', `/api/v1/comments/${bobReply}/revisions`);
    expect(revisions.json.items[0].body).toContain('took months');
    expect((await call(alice, 'PATCH', `/api/v1/comments/${bobReply}`, { body: 'x' })).status).toBe(
      403,
    );
    const again = await call(carol, 'POST', '/api/v1/comments', {
      target_type: 'question',
      target_id: binaryId,
      body: '  months, BUT it   happened. ',
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('DUPLICATE_COMMENT');
    const deleted = await call(bob, 'DELETE', `/api/v1/comments/${bobReply}`);
    expect(deleted.json.state).toBe('deleted');
    expect(deleted.json.body).toBeNull();
    const page = await call(
      null,
      'GET',
      `/api/v1/comments?target_type=question&target_id=${binaryId}`,
    );
    const thread = page.json.items[0].replies[0];
    expect(thread.state).toBe('deleted');
    expect(thread.author.username).toBe('[deleted]');
    expect(page.json.items[0].replies[1].body).toBe('Months, but it happened.');
  });

  it('article comments show the forecast on the article\u2019s first embedded question', async () => {
    await call(bob, 'POST', `/api/v1/questions/${scenariosId}/forecasts`, {
      probability_yes_per_category: { A: 0.6, B: 0.3, Other: 0.1 },
    });
    const posted = await call(bob, 'POST', '/api/v1/comments', {
      target_type: 'article',
      target_id: articleId,
      body: 'The scenario split looks right to me.',
    });
    expect(posted.status).toBe(201);
    expect(posted.json.forecast_at_posting.label).toBe('A 60\u00a0%');
  });

  it('sorts: newest, top, minds changed, disagrees with the crowd, accurate', async () => {
    const second = await call(carol, 'POST', '/api/v1/comments', {
      target_type: 'question',
      target_id: binaryId,
      body: 'A newer root comment.',
    });
    const url = `/api/v1/comments?target_type=question&target_id=${binaryId}`;
    const ids = async (sort: string) =>
      (await call(alice, 'GET', `${url}&sort=${sort}`)).json.items.map((c: { id: number }) => c.id);
    expect(await ids('newest')).toEqual([second.json.id, aliceComment]);
    expect(await ids('minds_changed')).toEqual([aliceComment, second.json.id]);
    expect(await ids('top')).toEqual([second.json.id, aliceComment]);
    expect((await ids('disagree'))[0]).toBe(aliceComment);
    expect(await ids('accurate')).toHaveLength(2);
    const first = await call(alice, 'GET', `${url}&sort=newest&limit=1`);
    expect(first.json.next_cursor).not.toBeNull();
    const next = await call(
      alice,
      'GET',
      `${url}&sort=newest&limit=1&cursor=${first.json.next_cursor}`,
    );
    expect(next.json.items[0].id).toBe(aliceComment);
    expect(next.json.next_cursor).toBeNull();
  });

  it('hostile markdown in comments renders inert', async () => {
    const dave = await createUser(t);
    for (const [index, source] of hostile.cases.slice(0, 20).entries()) {
      const posted = await call(dave, 'POST', '/api/v1/comments', {
        target_type: 'article',
        target_id: articleId,
        body: `${source}\n\n(case ${index})`,
      });
      expect(posted.status, source).toBe(201);
      expect(dangerIn(posted.json.html ?? ''), posted.json.html).toBeNull();
    }
  });
});

describe('moderation', () => {
  it('reports reach the queue; a moderator hides and restores; all audit-logged', async () => {
    const spam = await call(carol, 'POST', '/api/v1/comments', {
      target_type: 'question',
      target_id: binaryId,
      body: 'Buy cheap watches at example.com',
    });
    const report = await call(alice, 'POST', '/api/v1/reports', {
      target_type: 'comment',
      target_id: spam.json.id,
      reason: 'Spam',
    });
    expect(report.status).toBe(201);
    expect(
      (
        await call(alice, 'POST', '/api/v1/reports', {
          target_type: 'comment',
          target_id: spam.json.id,
          reason: 'Spam again',
        })
      ).status,
    ).toBe(409);
    expect((await call(alice, 'GET', '/api/v1/admin/moderation-queue')).status).toBe(403);
    const queue = await call(moderator, 'GET', '/api/v1/admin/moderation-queue');
    expect(queue.json.items.map((i: { target_id: number }) => i.target_id)).toContain(spam.json.id);

    const hidden = await call(moderator, 'POST', `/api/v1/admin/comments/${spam.json.id}/hide`, {
      note: 'spam',
    });
    expect(hidden.json).toEqual({ is_hidden: true, reports_closed: 1 });
    const asReader = await call(
      bob,
      'GET',
      `/api/v1/comments?target_type=question&target_id=${binaryId}&sort=newest`,
    );
    const shown = asReader.json.items.find((c: { id: number }) => c.id === spam.json.id);
    expect(shown.state).toBe('hidden');
    expect(shown.body).toBeNull();
    const queueAfter = await call(moderator, 'GET', '/api/v1/admin/moderation-queue');
    expect(queueAfter.json.items.map((i: { target_id: number }) => i.target_id)).not.toContain(
      spam.json.id,
    );
    await call(moderator, 'POST', `/api/v1/admin/comments/${spam.json.id}/restore`);
    const actions = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'comment')
      .where('target_id', '=', spam.json.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['comment.hide', 'comment.restore']);
  });

  it('a suspended user can read but not write', async () => {
    const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expect(
      (await call(alice, 'PUT', `/api/v1/admin/users/${carol.id}/suspension`, { until })).status,
    ).toBe(403);
    const suspended = await call(moderator, 'PUT', `/api/v1/admin/users/${carol.id}/suspension`, {
      until,
      reason: 'spam',
    });
    expect(suspended.status).toBe(200);
    const refused = await call(carol, 'POST', '/api/v1/comments', {
      target_type: 'question',
      target_id: binaryId,
      body: 'Still here.',
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('SUSPENDED');
    expect(
      (await call(carol, 'GET', `/api/v1/comments?target_type=question&target_id=${binaryId}`))
        .status,
    ).toBe(200);
    await call(moderator, 'DELETE', `/api/v1/admin/users/${carol.id}/suspension`);
    expect(
      (
        await call(carol, 'POST', '/api/v1/comments', {
          target_type: 'question',
          target_id: binaryId,
          body: 'Back again.',
        })
      ).status,
    ).toBe(201);
  });
});

describe('forecast before you see the crowd', () => {
  it('withholds comments until the reader has forecast (403 FORECAST_FIRST)', async () => {
    const question = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      title: 'Forecast-first question',
      is_forecast_before_crowd: true,
    });
    const url = `/api/v1/comments?target_type=question&target_id=${question.id}`;
    const withheld = await call(alice, 'GET', url);
    expect(withheld.status).toBe(403);
    expect(withheld.json.error.code).toBe('FORECAST_FIRST');
    expect((await call(null, 'GET', url)).json.error.code).toBe('FORECAST_FIRST');
    await call(alice, 'POST', `/api/v1/questions/${question.id}/forecasts`, {
      probability_yes: 0.3,
    });
    expect((await call(alice, 'GET', url)).status).toBe(200);
  });
});

describe('comment rate limits', () => {
  it('new accounts are refused past their hourly limit with Retry-After', async () => {
    const strict = await createTestApp({
      env: { RATE_LIMIT_MULTIPLIER: '1', RATE_LIMIT_NEW_ACCOUNT_COMMENTS_PER_HOUR: '2' },
    });
    try {
      const author = await createUser(strict, { role: 'analyst' });
      const mod = await createUser(strict, { role: 'moderator' });
      const question = await createOpenQuestion(strict, { author, moderator: mod });
      const newcomer = await createUser(strict);
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let index = 0; index < 3; index += 1) {
        const response = await strict.app.inject({
          method: 'POST',
          url: '/api/v1/comments',
          headers: newcomer.auth,
          payload: { target_type: 'question', target_id: question.id, body: `Point ${index}` },
        });
        statuses.push(response.statusCode);
        retryAfter = response.headers['retry-after'] as string | undefined;
      }
      expect(statuses).toEqual([201, 201, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });
});
