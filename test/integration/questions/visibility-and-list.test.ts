// Who sees which question (drafts are private), and GET /api/v1/questions filters and pagination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenQuestion,
  createQuestion,
  type QuestionJson,
} from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let otherAnalyst: TestUser;
let moderator: TestUser;
let reader: TestUser;
let draft: QuestionJson;
let reviewed: QuestionJson;
let open: QuestionJson[];
let tournamentId: number;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  otherAnalyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  reader = await createUser(t, { role: 'reader' });
  const tournament = await t.deps.database.db
    .insertInto('tournaments')
    .values({ slug: 'us-russia', title: 'US–Russia outlook' })
    .returning('id')
    .executeTakeFirstOrThrow();
  tournamentId = tournament.id;
  draft = await createQuestion(t, author, { title: 'Secret draft about summits' });
  reviewed = await createQuestion(t, author, { title: 'Draft in review' });
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${reviewed.id}/submit`,
    headers: author.auth,
    payload: {},
  });
  open = [];
  open.push(
    await createOpenQuestion(t, {
      author,
      moderator,
      title: 'Will the summit happen?',
      tags: ['summits', 'russia'],
      tournament_id: tournamentId,
    }),
  );
  open.push(
    await createOpenQuestion(t, {
      author: otherAnalyst,
      moderator,
      type: 'multiple_choice',
      title: 'Which scenario: 100% détente_or_not?',
      tags: ['scenarios'],
    }),
  );
  open.push(
    await createOpenQuestion(t, {
      author,
      moderator,
      type: 'numeric',
      title: 'Trust in the president',
      description: 'Polls by a well-known SUMMIT pollster',
      tags: ['polls'],
    }),
  );
  for (let i = 0; i < 4; i++) {
    open.push(
      await createOpenQuestion(t, { author, moderator, title: `Filler ${i}`, tags: ['filler'] }),
    );
  }
});
afterAll(() => t.close());

async function get(url: string, user: TestUser | null = null) {
  return t.app.inject({ url, headers: user?.auth ?? {} });
}

async function ids(url: string, user: TestUser | null = null): Promise<number[]> {
  const response = await get(url, user);
  expect(response.statusCode).toBe(200);
  return response.json().items.map((item: { id: number }) => item.id);
}

describe('single question visibility', () => {
  it('shows drafts and questions in review to their author and moderators only', async () => {
    for (const question of [draft, reviewed]) {
      expect((await get(`/api/v1/questions/${question.id}`, author)).statusCode).toBe(200);
      expect((await get(`/api/v1/questions/${question.id}`, moderator)).statusCode).toBe(200);
      for (const viewer of [null, reader, otherAnalyst]) {
        const response = await get(`/api/v1/questions/${question.id}`, viewer);
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('NOT_FOUND');
      }
    }
  });

  it('answers a hidden draft exactly like a missing id', async () => {
    const hidden = await get(`/api/v1/questions/${draft.id}`, reader);
    const missing = await get('/api/v1/questions/999999', reader);
    expect(hidden.statusCode).toBe(missing.statusCode);
    expect(Object.keys(hidden.json().error)).toEqual(Object.keys(missing.json().error));
  });

  it('shows open questions to everyone, with the forecast summary fields', async () => {
    const response = await get(`/api/v1/questions/${open[0].id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: open[0].id,
      status: 'open',
      community_prediction: null,
      my_forecast: null,
      forecaster_count: 0,
    });
  });

  it('rejects malformed ids with 400', async () => {
    expect((await get('/api/v1/questions/abc')).statusCode).toBe(400);
    expect((await get('/api/v1/questions/0')).statusCode).toBe(400);
    expect((await get('/api/v1/questions/99999999999999999999999')).statusCode).toBe(400);
  });
});

describe('listing', () => {
  it('lists public questions newest first by default, drafts never', async () => {
    const listed = await ids('/api/v1/questions?limit=100');
    expect(listed).toEqual(open.map((q) => q.id).reverse());
    expect(await ids('/api/v1/questions?limit=100', moderator)).toEqual(listed);
  });

  it('shows ?mine=true drafts to their author only, and needs a user', async () => {
    const mine = await ids('/api/v1/questions?mine=true&limit=100', author);
    expect(mine).toContain(draft.id);
    expect(mine).toContain(reviewed.id);
    expect(mine).not.toContain(open[1].id);
    expect(await ids('/api/v1/questions?mine=true&status=draft', author)).toEqual([draft.id]);
    expect((await get('/api/v1/questions?mine=true')).statusCode).toBe(401);
    expect(await ids('/api/v1/questions?mine=true', reader)).toEqual([]);
  });

  it('lists questions in review for moderators (the review queue), own ones for authors', async () => {
    expect(await ids('/api/v1/questions?status=in_review', moderator)).toEqual([reviewed.id]);
    expect(await ids('/api/v1/questions?status=in_review', author)).toEqual([reviewed.id]);
    expect(await ids('/api/v1/questions?status=in_review', otherAnalyst)).toEqual([]);
    expect(await ids('/api/v1/questions?status=draft,in_review')).toEqual([]);
  });

  it('filters by status, type, tag, tournament and text', async () => {
    expect(await ids('/api/v1/questions?type=multiple_choice')).toEqual([open[1].id]);
    expect(await ids('/api/v1/questions?tag=Summits')).toEqual([open[0].id]);
    expect(await ids(`/api/v1/questions?tournament=${tournamentId}`)).toEqual([open[0].id]);
    // Title or description, case-insensitive; the draft with "summits" in its title stays hidden.
    expect(await ids('/api/v1/questions?q=summit')).toEqual([open[2].id, open[0].id]);
    expect(await ids('/api/v1/questions?q=summit', author)).toEqual([open[2].id, open[0].id]);
    expect(await ids('/api/v1/questions?q=summit&mine=true', author)).toEqual([
      open[2].id,
      open[0].id,
      draft.id,
    ]);
    expect(await ids('/api/v1/questions?status=closed')).toEqual([]);
    expect(await ids('/api/v1/questions?status=open&type=numeric&tag=polls')).toEqual([open[2].id]);
  });

  it('matches LIKE wildcards literally', async () => {
    expect(await ids('/api/v1/questions?q=100%25')).toEqual([open[1].id]);
    expect(await ids('/api/v1/questions?q=%25')).toEqual([open[1].id]);
    expect(await ids('/api/v1/questions?q=_or_')).toEqual([open[1].id]);
    expect(await ids('/api/v1/questions?q=\\')).toEqual([]);
  });

  it('pages with an opaque cursor until next_cursor is null', async () => {
    const seen: number[] = [];
    let url = '/api/v1/questions?limit=3';
    let pages = 0;
    for (;;) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((item: { id: number }) => item.id));
      pages++;
      if (body.next_cursor === null) break;
      url = `/api/v1/questions?limit=3&cursor=${encodeURIComponent(body.next_cursor)}`;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(open.map((q) => q.id).reverse());
  });

  it('rejects bad filters with 400', async () => {
    for (const url of [
      '/api/v1/questions?status=bogus',
      '/api/v1/questions?type=poll',
      '/api/v1/questions?limit=0',
      '/api/v1/questions?limit=101',
      '/api/v1/questions?cursor=not-a-cursor!',
      '/api/v1/questions?cursor=YWJj',
      '/api/v1/questions?tournament=x',
      '/api/v1/questions?mine=perhaps',
      '/api/v1/questions?unknown=1',
    ]) {
      const response = await get(url, author);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
