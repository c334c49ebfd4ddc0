// The question page in a real browser: a visitor registers through the form, opens a question
// from the home page and forecasts on a binary question by keyboard alone, on a scenario set
// with Normalise and on a numeric question with the distribution editor, sees each forecast next
// to the crowd and withdraws; a forecast made in a second browser reaches the first one's number
// and chart without a reload; with JavaScript off a reader forecasts through the plain form;
// axe on every question type at 1280 and 390 px, screenshots in test-results/question-page/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/brier-process.ts';
import {
  type BrowserHarness,
  bearerFor,
  callApi,
  expectAccessible,
  expectNoSidewaysScroll,
  openPage,
  shoot,
  startHarness,
} from './lib/browser-harness.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const ADMIN = { username: 'chief', email: 'chief@example.org', password: 'e2e-admin-password-789' };
const VISITOR = {
  username: 'visitor',
  email: 'visitor@example.org',
  password: 'a-sturdy-passphrase-77',
};
const DAY = 86_400_000;

let harness: BrowserHarness;
let admin: { authorization: string };
const ids: Record<'binary' | 'scenarios' | 'numeric' | 'date' | 'discrete' | 'live', number> = {
  binary: 0,
  scenarios: 0,
  numeric: 0,
  date: 0,
  discrete: 0,
  live: 0,
};

async function openQuestion(body: Record<string, unknown>): Promise<number> {
  const draft = await callApi(
    harness,
    '/api/v1/questions',
    { method: 'POST', headers: admin, body },
    201,
  );
  await callApi(
    harness,
    `/api/v1/questions/${draft.id}/submit`,
    { method: 'POST', headers: admin, body: {} },
    200,
  );
  const now = Date.now();
  await callApi(
    harness,
    `/api/v1/questions/${draft.id}/approve`,
    {
      method: 'POST',
      headers: admin,
      body: {
        open_time: new Date(now).toISOString(),
        scheduled_close_time: new Date(now + 90 * DAY).toISOString(),
        scheduled_resolve_time: new Date(now + 91 * DAY).toISOString(),
      },
    },
    200,
  );
  return draft.id as number;
}

async function forecastAs(auth: { authorization: string }, id: number, body: unknown) {
  await callApi(
    harness,
    `/api/v1/questions/${id}/forecasts`,
    { method: 'POST', headers: auth, body },
    201,
  );
}

beforeAll(async () => {
  harness = await startHarness({ admin: ADMIN, screenshots: 'question-page' });
  admin = await bearerFor(harness, ADMIN.username, ADMIN.password);
  const common = {
    description: 'Background for the question.',
    resolution_criteria: 'Resolves **YES** according to the official announcement.',
    sources: [{ title: 'Example source', url: 'https://example.org/source' }],
  };
  ids.binary = await openQuestion({
    ...common,
    type: 'binary',
    title: 'Will the summit take place before 2028?',
  });
  ids.scenarios = await openQuestion({
    ...common,
    type: 'multiple_choice',
    title: 'Which scenario will describe relations at the end of 2027?',
    options: [
      { label: 'Détente', description: 'Sustained contact and arms-control talks.' },
      { label: 'Renewed Cold War', description: 'A break in relations.' },
      { label: 'Tense coexistence', description: 'Everything in between.' },
    ],
  });
  ids.numeric = await openQuestion({
    ...common,
    type: 'numeric',
    title: 'What share of adults will express confidence?',
    range_min: 0,
    range_max: 100,
    unit: '%',
    open_lower_bound: false,
    open_upper_bound: false,
  });
  ids.date = await openQuestion({
    ...common,
    type: 'date',
    title: 'When will formal talks be announced?',
    range_min: '2027-01-01T00:00:00Z',
    range_max: '2031-01-01T00:00:00Z',
    open_lower_bound: false,
    open_upper_bound: true,
  });
  ids.discrete = await openQuestion({
    ...common,
    type: 'discrete',
    title: 'How many times will the presidents meet in 2027?',
    range_min: 0,
    range_max: 5,
    open_lower_bound: false,
    open_upper_bound: true,
  });
  ids.live = await openQuestion({
    ...common,
    type: 'binary',
    title: 'Will a prisoner exchange happen?',
  });
  await forecastAs(admin, ids.binary, { probability_yes: 0.3 });
  await forecastAs(admin, ids.scenarios, {
    probability_yes_per_category: {
      Détente: 0.2,
      'Renewed Cold War': 0.3,
      'Tense coexistence': 0.5,
    },
  });
  await forecastAs(admin, ids.numeric, { components: [{ center: 15, scale: 0.05, weight: 1 }] });
  await forecastAs(admin, ids.date, {
    components: [{ center: '2028-06-01T00:00:00Z', scale: 0.1, weight: 1 }],
  });
  await forecastAs(admin, ids.discrete, { components: [{ center: 1, scale: 0.1, weight: 1 }] });
  await forecastAs(admin, ids.live, { probability_yes: 0.2 });
});

afterAll(async () => {
  await harness?.close();
});

/** Presses Tab until `target` has the focus (keyboard only: no clicks). */
async function tabTo(page: Page, target: ReturnType<Page['getByLabel']>): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('tabTo: never reached the control');
}

function figure(page: Page, label: string) {
  return page
    .locator('.comparison .figure', { has: page.locator(`dt:text-is("${label}")`) })
    .locator('.figure-value');
}

describe('the question page in the browser', () => {
  it('a visitor registers, forecasts on three kinds of question and withdraws', async () => {
    const { page, context, problems } = await openPage(harness);
    await page.goto(harness.server.url);
    await page.getByRole('link', { name: 'Register' }).click();
    await page.getByLabel('Email').fill(VISITOR.email);
    await page.getByLabel('Username').fill(VISITOR.username);
    await page.getByLabel('Password').fill(VISITOR.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${harness.server.url}/`);
    await page.getByRole('link', { name: 'Will the summit take place before 2028?' }).click();
    await page.waitForURL(/\/questions\/\d+-will-the-summit/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Will the summit take place before 2028?',
    );

    // Binary, keyboard only: the slider moves the field; then type a value and press Enter.
    const slider = page.getByRole('slider', { name: 'Slider for the probability of yes' });
    await expect.poll(() => slider.isEnabled()).toBe(true);
    await tabTo(page, slider);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const field = page.getByLabel('Probability of yes (%)');
    expect(await field.inputValue()).toBe('53');
    await page.keyboard.press('Tab');
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('70');
    await page.keyboard.press('Enter');
    await page.getByText('Saved: 70 % yes.').waitFor();
    expect(await figure(page, 'You').textContent()).toBe('70\u00a0%');
    // Two forecasts weigh the same: the CP is their mean, 50 %.
    await expect.poll(() => figure(page, 'Community').textContent()).toBe('50\u00a0%');
    expect(await figure(page, 'Difference').textContent()).toBe('+20\u00a0pts');
    await expectAccessible(page, 'binary, after forecasting');
    await shoot(harness, page, 'binary-forecast-1280');

    // Withdraw: the standing forecast ends.
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText('Your forecast is withdrawn.').waitFor();
    expect(await figure(page, 'You').textContent()).toBe('—');
    await expect.poll(() => figure(page, 'Community').textContent()).toBe('30\u00a0%');

    // Scenario set: numbers that do not add up, Normalise, save.
    await page.goto(`${harness.server.url}/questions/${ids.scenarios}`);
    await page.getByLabel('Détente').fill('50');
    await page.getByLabel('Renewed Cold War').fill('25');
    await page.getByLabel('Tense coexistence').fill('50');
    expect(await page.locator('.sum-status').textContent()).toBe(
      'Total 125\u00a0%: 25\u00a0% too much',
    );
    await page.getByRole('button', { name: 'Normalise' }).click();
    expect(await page.getByLabel('Détente').inputValue()).toBe('40');
    expect(await page.getByLabel('Renewed Cold War').inputValue()).toBe('20');
    expect(await page.locator('.sum-status').textContent()).toBe('Total 100\u00a0%: ready to save');
    await page.getByRole('button', { name: 'Save forecast' }).click();
    await page.getByText('Saved: Détente: 40 %.').waitFor();
    const row = page.locator('.comparison-table tr', { hasText: 'Renewed Cold War' });
    expect((await row.locator('td').allTextContents()).slice(0, 1)).toEqual(['20\u00a0%']);
    await expectAccessible(page, 'scenario set, after forecasting');
    await shoot(harness, page, 'scenarios-forecast-1280');

    // Numeric: move the first component's centre with the keyboard, then save the distribution.
    await page.goto(`${harness.server.url}/questions/${ids.numeric}`);
    const centre = page.getByRole('slider', { name: 'Centre of component 1' });
    await centre.focus();
    const before = await page.getByLabel('Centre (%)').first().inputValue();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    const after = await page.getByLabel('Centre (%)').first().inputValue();
    expect(Number(after) - Number(before)).toBeCloseTo(10, 5);
    await page.getByRole('button', { name: 'Save forecast' }).click();
    await page.getByText(/^Saved: median /).waitFor();
    const median = page
      .locator('.comparison-table tr', { hasText: 'Median' })
      .locator('td')
      .first();
    expect(await median.textContent()).toMatch(/^\d+(\.\d+)?\u00a0%$/);
    await expectAccessible(page, 'numeric, after forecasting');
    await shoot(harness, page, 'numeric-forecast-1280');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a forecast from another browser in the number and the chart without a reload', async () => {
    const watcher = await openPage(harness);
    await watcher.page.goto(`${harness.server.url}/questions/${ids.live}`);
    const cp = figure(watcher.page, 'Community');
    expect(await cp.textContent()).toBe('20\u00a0%');
    const chart = watcher.page.locator('.chart-canvas');
    await expect.poll(() => watcher.page.locator('.chart-canvas canvas').count()).toBe(1);
    const pointsBefore = Number(await chart.getAttribute('data-points'));

    const other = await openPage(harness);
    await other.page.goto(`${harness.server.url}/login`);
    await other.page.getByLabel('Username or email').fill(VISITOR.username);
    await other.page.getByLabel('Password').fill(VISITOR.password);
    await other.page.getByRole('button', { name: 'Sign in' }).click();
    await other.page.waitForURL(`${harness.server.url}/`);
    await other.page.goto(`${harness.server.url}/questions/${ids.live}`);
    await other.page.getByLabel('Probability of yes (%)').fill('80');
    await other.page.getByLabel('Probability of yes (%)').press('Enter');
    await other.page.getByText('Saved: 80 % yes.').waitFor();

    await expect.poll(() => cp.textContent(), { timeout: 10_000 }).toBe('50\u00a0%');
    expect(await watcher.page.locator('[data-live-forecasters]').textContent()).toBe('2');
    await expect
      .poll(async () => Number(await chart.getAttribute('data-points')))
      .toBe(pointsBefore + 1);
    // The text summary beside the chart says the same as the number.
    await expect
      .poll(() => watcher.page.locator('.chart-summary').textContent())
      .toContain('50\u00a0%');
    expect(watcher.problems).toEqual([]);
    expect(other.problems).toEqual([]);
    await watcher.context.close();
    await other.context.close();
  });

  it('forecasts through the plain form with JavaScript disabled', async () => {
    const { page, context, problems } = await openPage(harness, { javaScript: false });
    await page.goto(`${harness.server.url}/login`);
    await page.getByLabel('Username or email').fill(VISITOR.username);
    await page.getByLabel('Password').fill(VISITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${harness.server.url}/`);
    await page.goto(`${harness.server.url}/questions/${ids.binary}`);
    await page.getByLabel('Probability of yes (%)').fill('150');
    await page.getByRole('button', { name: 'Save forecast' }).click();
    expect(await page.locator(`#f${ids.binary}-probability-error`).textContent()).toContain(
      'between 0.1 and 99.9',
    );
    await page.getByLabel('Probability of yes (%)').fill('40');
    await page.getByRole('button', { name: 'Save forecast' }).click();
    await page.waitForURL(
      new RegExp(`/questions/${ids.binary}-[a-z0-9-]+#forecast-${ids.binary}$`),
    );
    expect(await figure(page, 'You').textContent()).toBe('40\u00a0%');
    await shoot(harness, page, 'binary-no-javascript-1280');
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const width of [1280, 390]) {
    it(`every question type passes axe at ${width}px, without errors or sideways scrolling`, async () => {
      const { page, context, problems } = await openPage(harness, { width });
      await page.goto(`${harness.server.url}/login`);
      await page.getByLabel('Username or email').fill(VISITOR.username);
      await page.getByLabel('Password').fill(VISITOR.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${harness.server.url}/`);
      for (const name of ['binary', 'scenarios', 'numeric', 'date', 'discrete'] as const) {
        await page.goto(`${harness.server.url}/questions/${ids[name]}`);
        await expect.poll(() => page.locator('.chart-canvas canvas').count()).toBe(1);
        await expectAccessible(page, `${name} at ${width}`);
        await expectNoSidewaysScroll(page, `${name} at ${width}`);
        await shoot(harness, page, `${name}-${width}`);
      }
      if (width === 390) {
        // Narrow screens: the sections are tabs; choosing one shows it alone.
        const tab = page.getByRole('tab', { name: 'Details' });
        await tab.click();
        expect(await page.locator('[data-section="details"]').isVisible()).toBe(true);
        expect(await page.locator('[data-section="forecast"]').isVisible()).toBe(false);
        // The arrow key moves to the next tab (after Details comes the discussion).
        const names = await page.getByRole('tab').allTextContents();
        const next = names[names.findIndex((name) => name.startsWith('Details')) + 1] ?? '';
        expect(next).toMatch(/^Discussion/);
        await page.keyboard.press('ArrowRight');
        expect(
          await page.getByRole('tab', { name: next.trim() }).getAttribute('aria-selected'),
        ).toBe('true');
        await expectAccessible(page, 'tabs at 390');
        await shoot(harness, page, 'tabs-390');
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('a guest’s page asks nothing about the viewer and passes axe', async () => {
    const { page, context, problems } = await openPage(harness);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${harness.server.url}/questions/${ids.binary}`);
    await expect.poll(() => page.locator('.chart-canvas canvas').count()).toBe(1);
    expect(requests.filter((path) => path.startsWith('/api/v1/me'))).toEqual([]);
    await expectAccessible(page, 'guest');
    await shoot(harness, page, 'binary-guest-1280');
    expect(problems).toEqual([]);
    await context.close();
  });
});
