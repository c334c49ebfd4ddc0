// The question page through app.inject: what it shows (your forecast next to the crowd, the
// chart data, histogram, method, downloads, clarification diffs, conditional branches), escaping,
// the reveal rules, and the plain-form forecast, withdraw and reaffirm posts with errors beside
// the fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion, type QuestionJson } from '../../factories/questions.ts';
import {
  createForecastingCast,
  createUser,
  signIn,
  type TestSession,
  type TestUser,
} from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
let readers: TestUser[];
let reader: TestUser;
let session: TestSession;

const HOSTILE = '<script>alert("x")</script> & "quotes"';
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator, users: readers } = await createForecastingCast(t, 3));
  reader = await createUser(t);
  session = await signIn(t, reader);
});

afterAll(async () => {
  await t?.close();
});

async function page(question: { id: number }, cookie?: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/questions/${question.id}`,
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
  });
  if (response.statusCode === 301) {
    return t.app.inject({
      method: 'GET',
      url: String(response.headers.location),
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    });
  }
  return response;
}

function post(
  path: string,
  fields: Record<string, string>,
  options: { cookie?: string; csrf?: string | null } = {},
) {
  const body = new URLSearchParams({
    ...(options.csrf === null ? {} : { _csrf: options.csrf ?? session.csrfToken }),
    ...fields,
  });
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      cookie: options.cookie ?? session.cookie,
    },
    payload: body.toString(),
  });
}

/** The island props of the first island with this name, parsed. */
// biome-ignore lint/suspicious/noExplicitAny: island props as JSON, read by the test
function islandProps(html: string, name: string): Record<string, any> {
  const match = new RegExp(`data-island="${name}" data-props="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no ${name} island`);
  const json = match[1]
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
  return JSON.parse(json);
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('\u00a0', ' ')
    .replace(/\s+/g, ' ');
}

describe('a binary question', () => {
  let question: QuestionJson;

  beforeAll(async () => {
    question = await createOpenQuestion(t, {
      author,
      moderator,
      title: `Summit ${HOSTILE}`,
      resolution_criteria: `Resolves **YES** if ${HOSTILE} happens.`,
    });
    await forecast(t, readers[0], question.id, { probability_yes: 0.4 });
    await forecast(t, readers[1], question.id, { probability_yes: 0.6 });
    await forecast(t, readers[2], question.id, { probability_yes: 0.52 });
  });

  it('shows a guest the crowd, the chart data, histogram, method and downloads, escaped', async () => {
    const response = await page(question);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain(
      '<h1>Summit &lt;script>alert(&quot;x&quot;)&lt;/script> &amp; &quot;quotes&quot;</h1>',
    );
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<strong>YES</strong>');
    const body = text(html);
    expect(body).toContain('Community 52 %');
    expect(body).toContain('3 forecasters');
    expect(body).toContain('Sign in or register to forecast');
    expect(html).not.toContain('name="probability"');
    const chart = islandProps(html, 'cp-chart').model;
    expect(chart.kind).toBe('binary');
    expect(chart.series[0].at(-1)).toBeCloseTo(0.52, 12);
    expect(chart.mine.times).toEqual([]);
    // Histogram: 5-point bins of the standing forecasts (40, 52 and 60 %).
    expect(body).toContain('40–45 % 1');
    expect(body).toContain('50–55 % 1');
    expect(body).toContain('60–65 % 1');
    expect(body).toContain('How is this computed?');
    expect(html).toContain(`href="/api/v1/questions/${question.id}/bundle"`);
    expect(html).toContain(`npx brier aggregate question-${question.id}.json`);
    expect(html).toContain(`href="/api/v1/questions/${question.id}/history.csv"`);
    // A guest's page loads the live chart and panel, never asks who they are.
    expect(html).not.toContain('/api/v1/me');
  });

  it('gives a reader the plain form; a post saves the forecast and redirects back', async () => {
    const before = await page(question, session.cookie);
    expect(before.body).toContain('name="probability"');
    expect(before.body).toContain(`name="_csrf" value="${session.csrfToken}"`);
    const path = islandProps(before.body, 'forecast-panel').model.question.path as string;
    const saved = await post(`${path}/forecast`, { probability: '70', return_to: path });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${path}#forecast-${question.id}`);
    const after = await page(question, session.cookie);
    const body = text(after.body);
    expect(body).toContain('You 70 %');
    // Recency weights 0.37, 0.55, 0.77, 1 (oldest first): the weighted median is 60 %.
    expect(body).toContain('Community 60 %');
    expect(body).toContain('Difference +10 pts');
    expect(islandProps(after.body, 'cp-chart').model.mine.series[0]).toEqual([0.7]);
  });

  it('shows errors beside the field and keeps what was typed', async () => {
    const path = `/questions/${question.id}`;
    const refused = await post(`${path}/forecast`, { probability: '150' });
    expect(refused.statusCode).toBe(400);
    const id = `f${question.id}-probability`;
    expect(refused.body).toMatch(
      new RegExp(`id="${id}-error"[^>]*>Enter a percentage between 0.1 and 99.9`),
    );
    expect(refused.body).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
    const props = islandProps(refused.body, 'forecast-panel');
    expect(props.model.form.values.probability).toBe('150');
    // The form comes back to the question page, not to the form route that showed the errors.
    expect(props.returnTo).toMatch(new RegExp(`^/questions/${question.id}-[a-z0-9-]+$`));
    const empty = await post(`${path}/forecast`, { probability: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter a percentage.');
  });

  it('withdraws and reaffirms through the plain forms', async () => {
    const path = `/questions/${question.id}`;
    const reaffirmed = await post(`${path}/reaffirm`, {});
    expect(reaffirmed.statusCode).toBe(303);
    const withdrawn = await post(`${path}/withdraw`, { return_to: path });
    expect(withdrawn.statusCode).toBe(303);
    expect(text((await page(question, session.cookie)).body)).toContain('You — No forecast yet');
    const again = await post(`${path}/withdraw`, {});
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('You have no standing forecast on this question.');
  });

  it('sends guests to sign in and refuses a post without the CSRF token', async () => {
    const guest = await post(
      `/questions/${question.id}/forecast`,
      { probability: '60' },
      {
        cookie: '',
        csrf: null,
      },
    );
    expect(guest.statusCode).toBe(303);
    expect(guest.headers.location).toMatch(/^\/login\?next=%2Fquestions%2F/);
    const forged = await post(
      `/questions/${question.id}/forecast`,
      { probability: '60' },
      { csrf: null },
    );
    expect(forged.statusCode).toBe(403);
  });

  it('never redirects a form back to another site', async () => {
    const saved = await post(`/questions/${question.id}/forecast`, {
      probability: '55',
      return_to: '//evil.example/questions/1',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(new RegExp(`^/questions/${question.id}-`));
  });
});

describe('a scenario set', () => {
  let question: QuestionJson;
  const path = () => `/questions/${question.id}`;

  beforeAll(async () => {
    question = await createOpenQuestion(t, {
      author,
      moderator,
      type: 'multiple_choice',
      options: [
        { label: 'Détente', description: 'Relations <b>warm</b>.' },
        { label: 'Tense coexistence', description: 'Neither.' },
        { label: 'Cold War', description: 'Relations break down.' },
      ],
    });
  });

  it('refuses probabilities that do not add up, with the sum beside the fields', async () => {
    const refused = await post(`${path()}/forecast`, {
      'option-0': '30',
      'option-1': '30',
      'option-2': '30',
    });
    expect(refused.statusCode).toBe(400);
    expect(text(refused.body)).toContain('The probabilities add up to 90 %');
    expect(refused.body).toContain('Relations &lt;b>warm&lt;/b>.');
  });

  it('normalises without JavaScript (not saved), then saves', async () => {
    const normalized = await post(`${path()}/forecast`, {
      'option-0': '30',
      'option-1': '30',
      'option-2': '30',
      intent: 'normalize',
    });
    expect(normalized.statusCode).toBe(200);
    const values = islandProps(normalized.body, 'forecast-panel').model.form.values;
    expect([values['option-0'], values['option-1'], values['option-2']]).toEqual([
      '33.4',
      '33.3',
      '33.3',
    ]);
    expect(text(normalized.body)).toContain('Rescaled to add up to 100 %');
    const saved = await post(`${path()}/forecast`, {
      'option-0': '20',
      'option-1': '50',
      'option-2': '30',
    });
    expect(saved.statusCode).toBe(303);
    const body = text((await page(question, session.cookie)).body);
    expect(body).toContain('Détente 20 % 20 % same');
    expect(body).toContain('Tense coexistence 50 % 50 % same');
  });
});

describe('a numeric question', () => {
  let question: QuestionJson;

  beforeAll(async () => {
    question = await createOpenQuestion(t, {
      author,
      moderator,
      type: 'numeric',
      range_min: 0,
      range_max: 100,
      unit: '%',
    });
  });

  it('submits the editor’s default as is, then component fields', async () => {
    const before = await page(question, session.cookie);
    const panel = islandProps(before.body, 'forecast-panel').model;
    expect(panel.startingComponents).toEqual([{ center: '50', spread: '15', weight: '100' }]);
    expect(before.body).toContain('name="component-0-center"');
    const defaults = await post(`/questions/${question.id}/forecast`, {
      'component-0-center': '50',
      'component-0-spread': '15',
      'component-0-weight': '100',
    });
    expect(defaults.statusCode).toBe(303);
    const saved = await post(`/questions/${question.id}/forecast`, {
      'component-0-center': '20',
      'component-0-spread': '5',
      'component-0-weight': '70',
      'component-1-center': '60',
      'component-1-spread': '',
      'component-1-weight': '30',
    });
    expect(saved.statusCode).toBe(303);
    const body = text((await page(question, session.cookie)).body);
    expect(body).toMatch(/Median 2\d(\.\d)? %/);
  });

  it('shows a bad centre beside its field', async () => {
    const refused = await post(`/questions/${question.id}/forecast`, {
      'component-0-center': 'abc',
      'component-0-spread': '10',
      'component-0-weight': '100',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(
      new RegExp(`id="f${question.id}-component-0-center-error"[^>]*>Enter a number.`),
    );
  });
});

describe('reveal rules', () => {
  it('hides the crowd, chart and downloads before the reveal time', async () => {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      cp_reveal_time: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
    });
    await forecast(t, readers[0], question.id, { probability_yes: 0.83 });
    const html = (await page(question, session.cookie)).body;
    const body = text(html);
    expect(body).toContain('Hidden until');
    expect(body).not.toContain('83 %');
    expect(html).not.toContain('data-island="cp-chart"');
    expect(html).not.toContain('/bundle"');
    expect(body).toContain('Forecasters 1');
  });

  it('shows a forecast-first question’s crowd only after the viewer forecasts', async () => {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      is_forecast_before_crowd: true,
    });
    await forecast(t, readers[1], question.id, { probability_yes: 0.27 });
    const before = text((await page(question, session.cookie)).body);
    expect(before).toContain('Shown once you forecast');
    expect(before).not.toContain('27 %');
    await post(`/questions/${question.id}/forecast`, { probability: '50' });
    const after = text((await page(question, session.cookie)).body);
    // Two forecasts weigh the same: the median is their mean, 38.5 %.
    expect(after).toContain('Community 39 %');
  });
});

describe('clarifications and conditionals', () => {
  it('lists clarifications with the diff of the amended text', async () => {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      description: 'First line.\nOld second line.',
    });
    const clarified = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${question.id}/clarifications`,
      headers: moderator.auth,
      payload: {
        body: 'Second line <i>fixed</i>.',
        field: 'description',
        new_text: 'First line.\nNew second line.',
      },
    });
    expect(clarified.statusCode).toBe(201);
    const html = (await page(question)).body;
    expect(html).toContain('Second line &lt;i>fixed&lt;/i>.');
    expect(html).toMatch(/<del>.*Old second line\.<\/del>/);
    expect(html).toMatch(/<ins>.*New second line\.<\/ins>/);
  });

  it('shows a conditional child with a panel per branch and the implied marginal', async () => {
    const parent = await createOpenQuestion(t, { author, moderator, title: 'Parent summit?' });
    const child = await createOpenQuestion(t, { author, moderator, title: 'Child sanctions?' });
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/questions/conditionals',
      headers: moderator.auth,
      payload: { parent_id: parent.id, child_id: child.id },
    });
    expect(made.statusCode).toBe(201);
    const branches = made.json().branches as Array<{ id: number; condition_outcome: string }>;
    const ifYes = branches.find((branch) => branch.condition_outcome === 'yes')!;
    const ifNo = branches.find((branch) => branch.condition_outcome === 'no')!;
    await forecast(t, readers[0], parent.id, { probability_yes: 0.5 });
    await forecast(t, readers[0], ifYes.id, { probability_yes: 0.9 });
    await forecast(t, readers[0], ifNo.id, { probability_yes: 0.1 });
    await forecast(t, readers[0], child.id, { probability_yes: 0.8 });
    const html = (await page(child, session.cookie)).body;
    expect(html.match(/data-island="forecast-panel"/g)).toHaveLength(3);
    const body = text(html);
    expect(body).toContain('Implied by the branches: 50 %');
    expect(body).toContain('asked directly: 80 %');
    expect(body).toContain('Check for coherence');
    // A branch's form posts to the branch and comes back to the child's page.
    const childPath = islandProps(html, 'forecast-panel').model.question.path as string;
    const saved = await post(`/questions/${ifYes.id}/forecast`, {
      probability: '75',
      return_to: childPath,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${childPath}#forecast-${ifYes.id}`);
    const refused = await post(`/questions/${ifYes.id}/forecast`, {
      probability: 'x',
      return_to: childPath,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`<h1>Child sanctions?</h1>`);
    expect(refused.body).toContain(`id="f${ifYes.id}-probability-error"`);
    const branchPage = text((await page(ifYes)).body);
    expect(branchPage).toContain('This is one branch of Child sanctions?');
  });
});

describe('the JavaScript budget', () => {
  it('loads only the islands the page declares (what check:bundle-size measures)', async () => {
    const { QUESTION_PAGE_ISLANDS } = await import('../../../src/views/pages/question-page.tsx');
    const question = await createOpenQuestion(t, { author, moderator });
    await forecast(t, readers[0], question.id, { probability_yes: 0.5 });
    const html = (await page(question, session.cookie)).body;
    const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]);
    const declared = QUESTION_PAGE_ISLANDS.map(
      (island: { name: string }) => t.app.assets.islands[island.name]?.script,
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(declared).toContain(script);
  });
});
