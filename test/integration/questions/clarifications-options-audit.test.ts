// Clarifications with diffs, MC options added to open questions, and the audit log of every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenQuestion, createQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let admin: TestUser;
let reader: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
  reader = await createUser(t, { role: 'reader' });
});
afterAll(() => t.close());

function post(user: TestUser | null, url: string, payload: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url, headers: user?.auth ?? {}, payload });
}

function get(user: TestUser | null, url: string) {
  return t.app.inject({ url, headers: user?.auth ?? {} });
}

describe('clarifications', () => {
  it('adds dated, versioned notes; amends description or fine print with a diff', async () => {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      description: 'Line one\nLine two\nLine three',
    });
    const url = `/api/v1/questions/${question.id}/clarifications`;
    const note = await post(moderator, url, { body: 'Time zones are UTC.' });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({
      version: 1,
      body: 'Time zones are UTC.',
      field: null,
      created_at: t.clock.now().toISOString(),
      author: { id: moderator.id },
    });
    t.clock.advance(60_000);
    const amended = await post(admin, url, {
      body: 'Line two was ambiguous.',
      field: 'description',
      new_text: 'Line one\nLine 2, clarified\nLine three\nLine four',
    });
    expect(amended.statusCode).toBe(201);
    expect(amended.json()).toMatchObject({ version: 2, field: 'description' });

    const fetched = await get(null, `/api/v1/questions/${question.id}`);
    expect(fetched.json().description).toBe('Line one\nLine 2, clarified\nLine three\nLine four');
    expect(fetched.json().resolution_criteria).toBe(question.resolution_criteria);

    const list = await get(reader, url);
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items.map((item: { version: number }) => item.version)).toEqual([1, 2]);
    expect(items[0].diff).toBeNull();
    expect(items[1]).toMatchObject({
      previous_text: 'Line one\nLine two\nLine three',
      new_text: 'Line one\nLine 2, clarified\nLine three\nLine four',
      diff: [
        { op: 'same', text: 'Line one' },
        { op: 'removed', text: 'Line two' },
        { op: 'added', text: 'Line 2, clarified' },
        { op: 'same', text: 'Line three' },
        { op: 'added', text: 'Line four' },
      ],
    });
    expect(Date.parse(items[1].created_at) - Date.parse(items[0].created_at)).toBe(60_000);
  });

  it('never edits the resolution criteria and checks its fields', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const url = `/api/v1/questions/${question.id}/clarifications`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ body: 'x', field: 'resolution_criteria', new_text: 'other' }, '/field'],
      [{ body: 'x', field: 'fine_print' }, '/new_text'],
      [{ body: 'x', new_text: 'orphan' }, '/field'],
      [{ body: '  ' }, '/body'],
      [{}, '/body'],
      [{ body: 'x'.repeat(20_001) }, '/body'],
    ];
    for (const [payload, path] of cases) {
      const response = await post(moderator, url, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(
        path,
      );
    }
  });

  it('is for moderators, after approval', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const url = `/api/v1/questions/${question.id}/clarifications`;
    expect((await post(author, url, { body: 'x' })).statusCode).toBe(403);
    expect((await post(reader, url, { body: 'x' })).statusCode).toBe(403);
    expect((await post(null, url, { body: 'x' })).statusCode).toBe(401);
    const draft = await createQuestion(t, author);
    const onDraft = await post(moderator, `/api/v1/questions/${draft.id}/clarifications`, {
      body: 'x',
    });
    expect(onDraft.statusCode).toBe(409);
    expect(onDraft.json().error.code).toBe('INVALID_TRANSITION');
    expect((await get(reader, `/api/v1/questions/${draft.id}/clarifications`)).statusCode).toBe(
      404,
    );
  });
});

describe('adding options', () => {
  it('inserts the option before the catch-all and appends to options_history', async () => {
    const question = await createOpenQuestion(t, { author, moderator, type: 'multiple_choice' });
    const createdAt = t.clock.now().toISOString();
    t.clock.advance(3_600_000);
    const response = await post(moderator, `/api/v1/questions/${question.id}/options`, {
      label: 'C',
      description: 'A third way.',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.options.map((o: { label: string }) => o.label)).toEqual(['A', 'B', 'C', 'Other']);
    expect(body.options[2]).toEqual({ label: 'C', description: 'A third way.' });
    expect(body.options_history).toEqual([
      [createdAt, ['A', 'B', 'Other']],
      [t.clock.now().toISOString(), ['A', 'B', 'C', 'Other']],
    ]);
    expect(body.all_options).toEqual(['A', 'B', 'C', 'Other']);
  });

  it('refuses duplicates, non-MC questions, closed questions and non-moderators', async () => {
    const question = await createOpenQuestion(t, { author, moderator, type: 'multiple_choice' });
    const url = `/api/v1/questions/${question.id}/options`;
    const duplicate = await post(moderator, url, { label: 'other ' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.details.fields[0].path).toBe('/label');
    expect((await post(moderator, url, { label: '' })).statusCode).toBe(400);
    expect((await post(author, url, { label: 'D' })).statusCode).toBe(403);
    const binary = await createOpenQuestion(t, { author, moderator });
    const onBinary = await post(moderator, `/api/v1/questions/${binary.id}/options`, {
      label: 'D',
    });
    expect(onBinary.statusCode).toBe(409);
    expect(onBinary.json().error.code).toBe('CONFLICT');
    await post(moderator, `/api/v1/questions/${question.id}/close`);
    const closed = await post(moderator, url, { label: 'D' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('INVALID_TRANSITION');
  });
});

describe('audit log', () => {
  it('records every transition with its actor and time', async () => {
    const start = t.clock.now();
    const question = await createOpenQuestion(t, { author, moderator, type: 'multiple_choice' });
    await post(moderator, `/api/v1/questions/${question.id}/options`, { label: 'C' });
    await post(moderator, `/api/v1/questions/${question.id}/clarifications`, { body: 'Note' });
    t.clock.advance(1000);
    await post(moderator, `/api/v1/questions/${question.id}/close`);
    const response = await get(reader, `/api/v1/questions/${question.id}/audit-log?limit=100`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((item: { action: string }) => item.action)).toEqual([
      'question.create',
      'question.submit',
      'question.approve',
      'question.open',
      'question.add_option',
      'question.clarify',
      'question.close',
    ]);
    expect(items[0].actor).toEqual({ id: author.id, username: author.username });
    expect(items[2].actor.id).toBe(moderator.id);
    expect(items[0]).toMatchObject({ target_type: 'question', target_id: question.id });
    expect(items[0].created_at).toBe(start.toISOString());
    expect(items[6].created_at).toBe(t.clock.now().toISOString());
    expect(items[6].details).toMatchObject({ early: true });
  });

  it('pages a question’s log oldest first', async () => {
    const question = await createOpenQuestion(t, { author, moderator });
    const first = await get(null, `/api/v1/questions/${question.id}/audit-log?limit=2`);
    expect(first.json().items.map((i: { action: string }) => i.action)).toEqual([
      'question.create',
      'question.submit',
    ]);
    const cursor = first.json().next_cursor;
    const second = await get(
      null,
      `/api/v1/questions/${question.id}/audit-log?limit=2&cursor=${cursor}`,
    );
    expect(second.json().items.map((i: { action: string }) => i.action)).toEqual([
      'question.approve',
      'question.open',
    ]);
    expect(second.json().next_cursor).toBeNull();
  });

  it('hides the log of a draft from those who cannot see the draft', async () => {
    const draft = await createQuestion(t, author);
    expect((await get(author, `/api/v1/questions/${draft.id}/audit-log`)).statusCode).toBe(200);
    expect((await get(reader, `/api/v1/questions/${draft.id}/audit-log`)).statusCode).toBe(404);
    expect((await get(null, `/api/v1/questions/${draft.id}/audit-log`)).statusCode).toBe(404);
  });

  it('shows the whole log newest first to moderators, paginated', async () => {
    expect((await get(null, '/api/v1/admin/audit-log')).statusCode).toBe(401);
    expect((await get(reader, '/api/v1/admin/audit-log')).statusCode).toBe(403);
    expect((await get(author, '/api/v1/admin/audit-log')).statusCode).toBe(403);
    const page = await get(moderator, '/api/v1/admin/audit-log?limit=3');
    expect(page.statusCode).toBe(200);
    const items = page.json().items;
    expect(items).toHaveLength(3);
    expect(items[0].id).toBeGreaterThan(items[1].id);
    const next = await get(
      admin,
      `/api/v1/admin/audit-log?limit=3&cursor=${page.json().next_cursor}`,
    );
    expect(next.json().items[0].id).toBeLessThan(items[2].id);
  });
});
