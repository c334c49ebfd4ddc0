// Drafts of every type through POST /api/v1/questions, PATCH, and the validation of each field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestion, questionBody } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let analyst: TestUser;
let otherAnalyst: TestUser;
let moderator: TestUser;
let reader: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  analyst = await createUser(t, { role: 'analyst' });
  otherAnalyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  reader = await createUser(t, { role: 'reader' });
});
afterAll(() => t.close());

async function post(body: unknown, user: TestUser = analyst) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/questions',
    headers: user.auth,
    payload: body as Record<string, unknown>,
  });
}

function fieldPaths(response: {
  json(): { error: { details?: { fields?: Array<{ path: string }> } } };
}) {
  return (response.json().error.details?.fields ?? []).map((field) => field.path);
}

describe('creating drafts of each type', () => {
  it('creates a binary draft with text, sources, tags and proposed times', async () => {
    const response = await post(
      questionBody('binary', {
        title: '  Will a second summit take place before 2027?  ',
        tags: ['Russia', 'summits', 'russia'],
        open_time: '2030-01-01T00:00:00.750Z',
        scheduled_close_time: '2030-06-01T00:00:00Z',
      }),
    );
    expect(response.statusCode).toBe(201);
    const question = response.json();
    expect(question).toMatchObject({
      type: 'binary',
      status: 'draft',
      title: 'Will a second summit take place before 2027?',
      description: 'Some **markdown** context.',
      sources: [{ title: 'Example source', url: 'https://example.org/source' }],
      tags: ['russia', 'summits'],
      author: { id: analyst.id, username: analyst.username },
      open_time: '2030-01-01T00:00:00.000Z',
      scheduled_close_time: '2030-06-01T00:00:00.000Z',
      range_min: null,
      options: null,
      scaling: null,
    });
    expect(typeof question.id).toBe('number');
    expect(question.created_at).toBe(t.clock.now().toISOString());
  });

  it('creates a scenario set with a description per option and its options_history', async () => {
    const question = await createQuestion(t, analyst, {
      type: 'multiple_choice',
      options: [
        { label: 'Détente', description: 'Arms talks resume and sanctions ease.' },
        { label: 'Tense coexistence', description: 'Channels stay open, nothing moves.' },
        { label: 'Renewed Cold War', description: 'Anything else.' },
      ],
    });
    expect(question.options).toHaveLength(3);
    expect(question.options[0]).toEqual({
      label: 'Détente',
      description: 'Arms talks resume and sanctions ease.',
    });
    expect(question.options_history).toEqual([
      [t.clock.now().toISOString(), ['Détente', 'Tense coexistence', 'Renewed Cold War']],
    ]);
    expect(question.all_options).toEqual(['Détente', 'Tense coexistence', 'Renewed Cold War']);
  });

  it('creates a numeric draft with a log scale, open bounds and a unit', async () => {
    const question = await createQuestion(t, analyst, {
      type: 'numeric',
      range_min: 1,
      range_max: 1000,
      zero_point: 0,
      open_upper_bound: true,
      unit: '%',
    });
    expect(question).toMatchObject({
      range_min: 1,
      range_max: 1000,
      zero_point: 0,
      open_lower_bound: false,
      open_upper_bound: true,
      inbound_outcome_count: 200,
      unit: '%',
      scaling: { range_min: 1, range_max: 1000, zero_point: 0 },
    });
  });

  it('creates a date draft: RFC 3339 in the API, unix seconds on the CDF axis', async () => {
    const question = await createQuestion(t, analyst, { type: 'date' });
    expect(question.range_min).toBe('2030-01-01T00:00:00.000Z');
    expect(question.range_max).toBe('2040-01-01T00:00:00.000Z');
    expect(question.scaling).toEqual({
      range_min: Date.UTC(2030, 0, 1) / 1000,
      range_max: Date.UTC(2040, 0, 1) / 1000,
      zero_point: null,
    });
  });

  it('creates a discrete draft: outcome range in the API, padded range stored', async () => {
    const question = await createQuestion(t, analyst, {
      type: 'discrete',
      range_min: 1,
      range_max: 5,
    });
    expect(question).toMatchObject({
      range_min: 1,
      range_max: 5,
      inbound_outcome_count: 5,
      scaling: { range_min: 0.5, range_max: 5.5, zero_point: null },
    });
  });
});

describe('validation', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['missing title', { ...questionBody('binary'), title: undefined }, ['/title']],
    ['blank title', questionBody('binary', { title: '   ' }), ['/title']],
    ['title too long', questionBody('binary', { title: 'x'.repeat(201) }), ['/title']],
    ['unknown type', questionBody('binary', { type: 'poll' }), ['/type']],
    ['unknown field', questionBody('binary', { colour: 'red' }), ['/colour']],
    ['string where a number belongs', questionBody('numeric', { range_min: '0' }), ['/range_min']],
    [
      'range_min ≥ range_max',
      questionBody('numeric', { range_min: 5, range_max: 5 }),
      ['/range_max'],
    ],
    [
      'zero_point inside the range',
      questionBody('numeric', { range_min: 0, range_max: 10, zero_point: 5 }),
      ['/zero_point'],
    ],
    [
      'numeric without a range',
      questionBody('numeric', { range_min: undefined, range_max: undefined }),
      ['/range_min', '/range_max'],
    ],
    ['date range given as numbers', questionBody('date', { range_min: 0 }), ['/range_min']],
    ['date not RFC 3339', questionBody('date', { range_min: '2030-01-01' }), ['/range_min']],
    // Accepted by ajv-formats but not by `new Date`: these once answered 500.
    [
      'a leap second',
      questionBody('binary', { open_time: '2099-12-31T23:59:60Z' }),
      ['/open_time'],
    ],
    [
      'an hour-only offset',
      questionBody('binary', { cp_reveal_time: '2099-01-01T00:00:00+01' }),
      ['/cp_reveal_time'],
    ],
    [
      'discrete with fractional bounds',
      questionBody('discrete', { range_min: 1.5 }),
      ['/range_min'],
    ],
    [
      'discrete outcome count disagreeing with the range',
      questionBody('discrete', { inbound_outcome_count: 200 }),
      ['/inbound_outcome_count'],
    ],
    [
      'inbound_outcome_count out of range',
      questionBody('numeric', { inbound_outcome_count: 1 }),
      ['/inbound_outcome_count'],
    ],
    ['range on a binary question', questionBody('binary', { range_min: 0 }), ['/range_min']],
    [
      'options on a numeric question',
      questionBody('numeric', { options: [{ label: 'A' }, { label: 'B' }] }),
      ['/options'],
    ],
    ['MC without options', questionBody('multiple_choice', { options: undefined }), ['/options']],
    [
      'MC with one option',
      questionBody('multiple_choice', { options: [{ label: 'Only' }] }),
      ['/options'],
    ],
    [
      'MC with duplicate labels',
      questionBody('multiple_choice', {
        options: [{ label: 'A' }, { label: 'a ' }, { label: 'Other' }],
      }),
      ['/options/1/label'],
    ],
    [
      'close before open',
      questionBody('binary', {
        open_time: '2030-02-01T00:00:00Z',
        scheduled_close_time: '2030-01-01T00:00:00Z',
      }),
      ['/scheduled_close_time'],
    ],
    [
      'resolve before close',
      questionBody('binary', {
        scheduled_close_time: '2030-02-01T00:00:00Z',
        scheduled_resolve_time: '2030-01-01T00:00:00Z',
      }),
      ['/scheduled_resolve_time'],
    ],
    [
      'reveal outside open..close',
      questionBody('binary', {
        open_time: '2030-01-01T00:00:00Z',
        scheduled_close_time: '2030-02-01T00:00:00Z',
        cp_reveal_time: '2030-03-01T00:00:00Z',
      }),
      ['/cp_reveal_time'],
    ],
    [
      'javascript: source URL',
      questionBody('binary', { sources: [{ title: 'x', url: 'javascript:alert(1)' }] }),
      ['/sources/0/url'],
    ],
    [
      'too many tags',
      questionBody('binary', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
      ['/tags'],
    ],
    [
      'description too long',
      questionBody('binary', { description: 'x'.repeat(20_001) }),
      ['/description'],
    ],
    ['unknown tournament', questionBody('binary', { tournament_id: 999_999 }), ['/tournament_id']],
  ];

  it.each(cases)('rejects %s with 400 and the field path', async (_name, body, paths) => {
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(response)).toEqual(expect.arrayContaining(paths));
  });

  it('reports every problem at once', async () => {
    const response = await post(
      questionBody('numeric', {
        title: ' ',
        range_min: 10,
        range_max: 1,
        sources: [{ title: 'a', url: 'ftp://x' }],
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(fieldPaths(response)).toEqual(
      expect.arrayContaining(['/title', '/range_max', '/sources/0/url']),
    );
  });

  it('stores hostile text literally', async () => {
    const title = `<script>alert(1)</script>'; drop table questions; --`;
    const question = await createQuestion(t, analyst, { title, description: '%_\\' });
    const fetched = await t.app.inject({
      url: `/api/v1/questions/${question.id}`,
      headers: analyst.auth,
    });
    expect(fetched.json().title).toBe(title);
    expect(fetched.json().description).toBe('%_\\');
  });

  it('rejects non-JSON and empty bodies with 4xx codes', async () => {
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/questions',
      headers: { ...analyst.auth, 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    const wrongType = await post([1, 2, 3]);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('who may create', () => {
  it('needs a signed-in analyst or above', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/questions',
      payload: questionBody(),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const byReader = await post(questionBody(), reader);
    expect(byReader.statusCode).toBe(403);
    expect(byReader.json().error.code).toBe('FORBIDDEN');
    expect((await post(questionBody(), moderator)).statusCode).toBe(201);
  });
});

describe('editing drafts', () => {
  it('lets the author change fields, keeping the rest', async () => {
    const draft = await createQuestion(t, analyst, { type: 'numeric' });
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${draft.id}`,
      headers: analyst.auth,
      payload: { title: 'New title', range_max: 500, unit: 'km' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      title: 'New title',
      range_min: 0,
      range_max: 500,
      unit: 'km',
      description: draft.description,
    });
  });

  it('clears nullable fields with null and re-checks the merged question', async () => {
    const draft = await createQuestion(t, analyst, { type: 'numeric', zero_point: -1 });
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${draft.id}`,
      headers: analyst.auth,
      payload: { zero_point: null },
    });
    expect(cleared.json().zero_point).toBeNull();
    const invalid = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${draft.id}`,
      headers: analyst.auth,
      payload: { range_min: 1000 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(fieldPaths(invalid)).toContain('/range_max');
  });

  it('changes the type, dropping the old type’s fields', async () => {
    const draft = await createQuestion(t, analyst, { type: 'numeric' });
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${draft.id}`,
      headers: analyst.auth,
      payload: { type: 'multiple_choice', options: [{ label: 'Yes' }, { label: 'No' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      type: 'multiple_choice',
      range_min: null,
      all_options: ['Yes', 'No'],
    });
  });

  it('allows moderators, forbids other analysts, hides drafts from readers', async () => {
    const draft = await createQuestion(t, analyst);
    const patch = (user: TestUser) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/questions/${draft.id}`,
        headers: user.auth,
        payload: { fine_print: 'by someone' },
      });
    expect((await patch(moderator)).statusCode).toBe(200);
    const other = await patch(otherAnalyst);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOT_FOUND');
    expect((await patch(reader)).statusCode).toBe(404);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${draft.id}`,
      headers: analyst.auth,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
  });
});
