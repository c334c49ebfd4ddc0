// The analyst, moderator and admin pages as plain form posts (no JavaScript): drafting a question
// of each kind with errors beside the fields, editing, submitting for review, approving with
// times or sending back with a note, roles and bans, the audit log, and who may open what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type TestSession, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let analyst: TestUser;
let moderator: TestUser;
let admin: TestUser;
let reader: TestUser;
const sessions = new Map<TestUser, TestSession>();

beforeAll(async () => {
  t = await createTestApp();
  analyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
  reader = await createUser(t);
  for (const user of [analyst, moderator, admin, reader]) sessions.set(user, await signIn(t, user));
});

afterAll(async () => {
  await t?.close();
});

function get(user: TestUser | null, url: string) {
  return t.app.inject({
    method: 'GET',
    url,
    headers: { accept: 'text/html', ...(user ? { cookie: sessions.get(user)!.cookie } : {}) },
  });
}

function post(user: TestUser, url: string, fields: Record<string, string>) {
  const session = sessions.get(user)!;
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      cookie: session.cookie,
    },
    payload: new URLSearchParams({ ...fields, _csrf: session.csrfToken }).toString(),
  });
}

const day = (offset: number) =>
  new Date(t.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 16);

function draftIdFrom(location: string | undefined): number {
  const id = /#draft-(\d+)$/.exec(location ?? '')?.[1];
  expect(id, location).toBeDefined();
  return Number(id);
}

async function apiQuestion(id: number, user: TestUser = analyst) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/questions/${id}`,
    headers: user.auth,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('who may open the workflow pages', () => {
  it('sends guests to sign in and back, refuses readers, and links each role to its pages', async () => {
    for (const url of ['/questions/new', '/drafts', '/review', '/admin']) {
      const guest = await get(null, url);
      expect(guest.statusCode).toBe(303);
      expect(guest.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
      expect((await get(reader, url)).statusCode).toBe(403);
    }
    expect((await get(analyst, '/review')).statusCode).toBe(403);
    expect((await get(moderator, '/admin')).statusCode).toBe(403);
    const navOf = async (user: TestUser | null) =>
      /<nav aria-label="Main"[^>]*>(.*?)<\/nav>/s.exec((await get(user, '/')).body)?.[1] ?? '';
    expect(await navOf(reader)).not.toContain('/drafts');
    expect(await navOf(analyst)).toContain('href="/drafts"');
    expect(await navOf(analyst)).not.toContain('href="/review"');
    expect(await navOf(moderator)).toContain('href="/review"');
    expect(await navOf(moderator)).not.toContain('href="/admin"');
    expect(await navOf(admin)).toContain('href="/admin"');
  });
});

describe('drafting', () => {
  it('shows errors beside the fields and keeps what was typed', async () => {
    const response = await post(analyst, '/questions/new', {
      type: 'numeric',
      title: '',
      description: 'Typed <background>',
      range_min: '100',
      range_max: '5',
      open_time: 'tomorrow',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="field-title-error"');
    expect(response.body).toContain('id="field-open_time-error"');
    expect(response.body).toMatch(/id="field-range_max-error">[^<]*greater than the lower bound/);
    expect(response.body).toContain('Typed &lt;background>');
    expect(response.body).toMatch(/id="type-numeric"[^>]*checked/);
  });

  it('saves a numeric draft, edits it and submits it for review', async () => {
    const created = await post(analyst, '/questions/new', {
      type: 'numeric',
      title: 'How many delegates will attend?',
      description: 'Background',
      resolution_criteria: '',
      range_min: '0',
      range_max: '1 000',
      unit: 'people',
      open_upper_bound: 'on',
      tags: 'Summits, diplomacy',
      sources: 'Example | https://example.org/a',
      scheduled_close_time: day(30),
      scheduled_resolve_time: day(31),
    });
    expect(created.statusCode, created.body).toBe(303);
    const id = draftIdFrom(created.headers.location);
    const saved = await apiQuestion(id);
    expect(saved).toMatchObject({
      status: 'draft',
      type: 'numeric',
      range_min: 0,
      range_max: 1000,
      unit: 'people',
      open_lower_bound: false,
      open_upper_bound: true,
      tags: ['summits', 'diplomacy'],
      sources: [{ title: 'Example', url: 'https://example.org/a' }],
    });

    const drafts = await get(analyst, '/drafts?done=created');
    expect(drafts.body).toContain('Draft saved.');
    expect(drafts.body).toContain('How many delegates will attend?');

    // Without resolution criteria the draft is not ready: the reason shows beside it.
    const early = await post(analyst, `/drafts/${id}/submit`, {});
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(`id="draft-${id}-error"`);
    expect(early.body).toContain('The resolution criteria must be written before submitting');

    const form = await get(analyst, `/drafts/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="1000"[^>]*name="range_max"/);
    const edited = await post(analyst, `/drafts/${id}/edit`, {
      type: 'numeric',
      title: 'How many delegates will attend?',
      resolution_criteria: 'The organisers’ final count.',
      range_min: '0',
      range_max: '2000',
      unit: 'people',
      tags: 'summits',
    });
    expect(edited.statusCode, edited.body).toBe(303);
    expect(await apiQuestion(id)).toMatchObject({
      range_max: 2000,
      open_upper_bound: false,
      tags: ['summits'],
      sources: [],
    });
    const submitted = await post(analyst, `/drafts/${id}/submit`, {});
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/drafts?done=submitted#draft-${id}`);
    expect((await apiQuestion(id)).status).toBe('in_review');
    // In review it is no longer edited in place.
    expect((await get(analyst, `/drafts/${id}/edit`)).statusCode).toBe(409);
  });

  it('drafts scenario, date and discrete questions from the same form', async () => {
    const scenario = await post(analyst, '/questions/new', {
      type: 'multiple_choice',
      title: 'Which outcome?',
      options: 'Détente | Talks resume\nCold war\nSomething else',
      range_min: '5',
    });
    expect(scenario.statusCode, scenario.body).toBe(303);
    const options = (await apiQuestion(draftIdFrom(scenario.headers.location))).options;
    expect(options).toEqual([
      { label: 'Détente', description: 'Talks resume' },
      { label: 'Cold war', description: '' },
      { label: 'Something else', description: '' },
    ]);
    const date = await post(analyst, '/questions/new', {
      type: 'date',
      title: 'When will talks be announced?',
      date_min: '2027-01-01',
      date_max: '2031-01-01',
      open_upper_bound: 'on',
    });
    expect(date.statusCode, date.body).toBe(303);
    expect(await apiQuestion(draftIdFrom(date.headers.location))).toMatchObject({
      range_min: '2027-01-01T00:00:00.000Z',
      range_max: '2031-01-01T00:00:00.000Z',
    });
    const discrete = await post(analyst, '/questions/new', {
      type: 'discrete',
      title: 'How many meetings?',
      range_min: '0',
      range_max: '2.5',
    });
    expect(discrete.statusCode).toBe(400);
    expect(discrete.body).toMatch(/id="field-range_max-error">[^<]*whole number/);
    const duplicate = await post(analyst, '/questions/new', {
      type: 'multiple_choice',
      title: 'Which?',
      options: 'A\na',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toMatch(/id="field-options-error">Line 2: duplicates another option/);
  });
});

describe('review queue', () => {
  async function inReview(title: string): Promise<number> {
    const created = await post(analyst, '/questions/new', {
      type: 'binary',
      title,
      resolution_criteria: 'Resolves yes if it happens.',
      scheduled_close_time: day(20),
      scheduled_resolve_time: day(21),
    });
    const id = draftIdFrom(created.headers.location);
    expect((await post(analyst, `/drafts/${id}/submit`, {})).statusCode).toBe(303);
    return id;
  }

  it('shows each question in review with its content and approves it with times', async () => {
    const id = await inReview('Will the <summit> happen?');
    const queue = await get(moderator, '/review');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Will the &lt;summit> happen?');
    expect(queue.body).toContain('Resolves yes if it happens.');
    expect(queue.body).toContain(`name="q${id}-scheduled_close_time"`);

    const wrong = await post(moderator, `/review/${id}/approve`, {
      [`q${id}-open_time`]: day(0),
      [`q${id}-scheduled_close_time`]: day(-1),
      [`q${id}-scheduled_resolve_time`]: day(21),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(`id="field-q${id}-scheduled_close_time-error"`);
    expect((await apiQuestion(id)).status).toBe('in_review');

    const approved = await post(moderator, `/review/${id}/approve`, {
      [`q${id}-open_time`]: day(0),
      [`q${id}-scheduled_close_time`]: day(20),
      [`q${id}-scheduled_resolve_time`]: day(21),
    });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe('/review?done=approved');
    expect((await apiQuestion(id)).status).toBe('open');
    expect((await get(moderator, '/review')).body).not.toContain('Will the &lt;summit> happen?');
    expect((await get(null, '/')).body).toContain('Will the &lt;summit> happen?');
  });

  it('sends a question back with a note the author reads on the drafts page', async () => {
    const id = await inReview('Will the treaty be signed?');
    const blank = await post(moderator, `/review/${id}/reject`, { [`q${id}-note`]: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain(`id="field-q${id}-note-error"`);
    const rejected = await post(moderator, `/review/${id}/reject`, {
      [`q${id}-note`]: 'Name the source that counts.',
    });
    expect(rejected.statusCode).toBe(303);
    const drafts = await get(analyst, '/drafts');
    expect(drafts.body).toContain('Name the source that counts.');
    expect((await get(analyst, `/drafts/${id}/edit`)).body).toContain(
      'Name the source that counts.',
    );
    // Approving what is no longer in review says so instead of failing.
    const late = await post(moderator, `/review/${id}/approve`, {});
    expect(late.headers.location).toBe('/review?done=gone');
  });
});

describe('admin page', () => {
  it('changes a role and bans and unbans a user, each in the audit log', async () => {
    const target = await createUser(t);
    const page = await get(admin, '/admin');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(target.email);
    const promoted = await post(admin, `/admin/users/${target.id}`, { role: 'analyst' });
    expect(promoted.statusCode).toBe(303);
    expect(promoted.headers.location).toBe(`/admin?done=updated#user-${target.id}`);
    const banned = await post(admin, `/admin/users/${target.id}`, { is_banned: 'true' });
    expect(banned.statusCode).toBe(303);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: target.auth });
    expect(me.statusCode).not.toBe(200);
    const after = await get(admin, '/admin');
    const row = after.body
      .split('<li class="user-row"')
      .find((item) => item.includes(target.email));
    expect(row).toContain('Banned');
    expect(row).toMatch(/<option value="analyst" selected/);
    expect(after.body.replaceAll('<wbr/>', '')).toContain('user.update_access');
    await post(admin, `/admin/users/${target.id}`, { is_banned: 'false' });
    const unbanned = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: target.auth });
    expect(unbanned.statusCode).toBe(200);
  });

  it('refuses an admin’s change to their own account beside their row', async () => {
    const response = await post(admin, `/admin/users/${admin.id}`, { role: 'reader' });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain(`id="user-${admin.id}-error"`);
    expect((await get(admin, '/admin')).statusCode).toBe(200);
  });
});
