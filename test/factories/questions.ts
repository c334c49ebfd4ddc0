// Questions through the real API: drafts (`createQuestion`) and open questions (`createOpenQuestion`).
import type { QuestionType } from '../../src/core/types.ts';
import type { TestApp } from '../helpers/test-app.ts';

/** Anything from `createUser` (test/factories/users.ts): only its auth header is needed here. */
export interface QuestionActor {
  auth: { authorization: string };
}

// biome-ignore lint/suspicious/noExplicitAny: API JSON as returned by the server.
export type QuestionJson = Record<string, any> & { id: number; type: QuestionType; status: string };

const DAY_MS = 86_400_000;

/** A valid draft body for each type; `overrides` replace top-level fields (null removes one). */
export function questionBody(
  type: QuestionType = 'binary',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const common = {
    type,
    title: `Test ${type} question`,
    description: 'Some **markdown** context.',
    resolution_criteria: 'Resolves according to the official announcement.',
    fine_print: '',
    sources: [{ title: 'Example source', url: 'https://example.org/source' }],
    tags: ['test'],
  };
  const byType: Record<QuestionType, Record<string, unknown>> = {
    binary: {},
    multiple_choice: {
      options: [
        { label: 'A', description: 'Option A happens.' },
        { label: 'B', description: 'Option B happens.' },
        { label: 'Other', description: 'Anything else.' },
      ],
    },
    numeric: { range_min: 0, range_max: 100, open_lower_bound: false, open_upper_bound: false },
    date: {
      range_min: '2030-01-01T00:00:00Z',
      range_max: '2040-01-01T00:00:00Z',
      open_lower_bound: false,
      open_upper_bound: true,
    },
    discrete: { range_min: 1, range_max: 5, open_lower_bound: false, open_upper_bound: false },
  };
  const body: Record<string, unknown> = { ...common, ...byType[type] };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return body;
}

async function expectStatus(
  t: TestApp,
  request: { method: 'POST' | 'PATCH'; url: string; actor: QuestionActor; payload?: unknown },
  status: number,
): Promise<QuestionJson> {
  const response = await t.app.inject({
    method: request.method,
    url: request.url,
    headers: request.actor.auth,
    payload: (request.payload ?? {}) as Record<string, unknown>,
  });
  if (response.statusCode !== status) {
    throw new Error(
      `${request.method} ${request.url} answered ${response.statusCode}, expected ${status}: ${response.body}`,
    );
  }
  return response.json() as QuestionJson;
}

/** Creates a draft through `POST /api/v1/questions` (default type binary) and returns its JSON. */
export async function createQuestion(
  t: TestApp,
  author: QuestionActor,
  overrides: Record<string, unknown> & { type?: QuestionType } = {},
): Promise<QuestionJson> {
  const { type = 'binary', ...rest } = overrides;
  return expectStatus(
    t,
    { method: 'POST', url: '/api/v1/questions', actor: author, payload: questionBody(type, rest) },
    201,
  );
}

export interface OpenQuestionOptions extends Record<string, unknown> {
  author: QuestionActor;
  moderator: QuestionActor;
  type?: QuestionType;
  /** RFC 3339; default: the TestClock's now, so the question opens at approval. */
  open_time?: string;
  scheduled_close_time?: string;
  scheduled_resolve_time?: string;
  cp_reveal_time?: string | null;
}

/**
 * Drafts, submits and approves a question with open_time = now (TestClock), so it is open when
 * this returns. Closes in 30 days and resolves a day later unless overridden.
 */
export async function createOpenQuestion(
  t: TestApp,
  options: OpenQuestionOptions,
): Promise<QuestionJson> {
  const {
    author,
    moderator,
    type = 'binary',
    open_time,
    scheduled_close_time,
    scheduled_resolve_time,
    cp_reveal_time,
    ...overrides
  } = options;
  const draft = await createQuestion(t, author, { type, ...overrides });
  return approveDraft(t, draft.id, author, moderator, {
    open_time,
    scheduled_close_time,
    scheduled_resolve_time,
    cp_reveal_time,
  });
}

/** Creates a draft and submits it for review (status in_review). */
export async function createQuestionInReview(
  t: TestApp,
  author: QuestionActor,
  overrides: Record<string, unknown> & { type?: QuestionType } = {},
): Promise<QuestionJson> {
  const draft = await createQuestion(t, author, overrides);
  return expectStatus(
    t,
    { method: 'POST', url: `/api/v1/questions/${draft.id}/submit`, actor: author },
    200,
  );
}

/** Submits a draft (as its author) and approves it (as a moderator) with the given times. */
export async function approveDraft(
  t: TestApp,
  id: number,
  author: QuestionActor,
  moderator: QuestionActor,
  times: {
    open_time?: string;
    scheduled_close_time?: string;
    scheduled_resolve_time?: string;
    cp_reveal_time?: string | null;
  } = {},
): Promise<QuestionJson> {
  const now = t.clock.now().getTime();
  await expectStatus(
    t,
    { method: 'POST', url: `/api/v1/questions/${id}/submit`, actor: author },
    200,
  );
  const approval: Record<string, unknown> = {
    open_time: times.open_time ?? new Date(now).toISOString(),
    scheduled_close_time: times.scheduled_close_time ?? new Date(now + 30 * DAY_MS).toISOString(),
    scheduled_resolve_time:
      times.scheduled_resolve_time ?? new Date(now + 31 * DAY_MS).toISOString(),
  };
  if (times.cp_reveal_time !== undefined) approval.cp_reveal_time = times.cp_reveal_time;
  return expectStatus(
    t,
    {
      method: 'POST',
      url: `/api/v1/questions/${id}/approve`,
      actor: moderator,
      payload: approval,
    },
    200,
  );
}
