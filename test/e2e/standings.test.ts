// Leaderboards, a tournament and a track record in real Chromium: axe-clean (no serious or
// critical violation), no console error or failed request, the calibration chart drawn by its
// island, the period form working without JavaScript; screenshots at 1280×800 and 390×844 in
// test-results/standings/. The app runs in-process on a test database seeded with resolved
// questions (test/factories/resolved-questions.ts), listening on a free port.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forecast } from '../factories/forecasts.ts';
import { createOpenQuestion } from '../factories/questions.ts';
import { resolveWithScores } from '../factories/resolved-questions.ts';
import { createUser, signIn, type TestUser } from '../factories/users.ts';
import { REPO_ROOT } from '../helpers/brier-process.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { isLeftStream } from './lib/browser-harness.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'standings');
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let forecasters: TestUser[];
let cookie: { name: string; value: string };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await createTestApp();
  const admin = await createUser(t, { role: 'admin' });
  const author = await createUser(t, { role: 'analyst' });
  const moderator = await createUser(t, { role: 'moderator' });
  forecasters = [];
  const names = ['ada', 'grace', 'alan', 'edsger', 'barbara'];
  for (const name of names) {
    forecasters.push(await createUser(t, { username: `${name}_${process.pid}`.slice(0, 30) }));
  }
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/tournaments',
    headers: admin.auth,
    payload: {
      slug: 'us-russia-outlook',
      title: 'US–Russia outlook',
      description: 'Questions on the relationship between the two countries.',
      prize_pool: 1000,
      minimum_prize_amount: 20,
    },
  });
  const outcomes = ['yes', 'no', 'yes', 'yes', 'no', 'yes', 'no', 'yes'];
  for (const [q, outcome] of outcomes.entries()) {
    const question = await createOpenQuestion(t, {
      author,
      moderator,
      title: `Will milestone ${q + 1} of the summit process be reached?`,
      tags: [q % 2 === 0 ? 'diplomacy' : 'trade'],
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/tournaments/us-russia-outlook/questions/${question.id}`,
      headers: admin.auth,
      payload: { question_weight: q === 0 ? 2 : 1 },
    });
    for (const [u, user] of forecasters.entries()) {
      t.clock.advance(3_600_000);
      const p = Math.min(0.97, Math.max(0.03, 0.15 + ((q * 7 + u * 13) % 80) / 100));
      await forecast(t, user, question.id, { probability_yes: p });
    }
    t.clock.advance(3_600_000);
    await resolveWithScores(t, question.id, outcome, { refresh: q === outcomes.length - 1 });
  }
  const finalized = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tournaments/us-russia-outlook/finalize',
    headers: admin.auth,
  });
  expect(finalized.statusCode).toBe(200);
  const session = await signIn(t, forecasters[1]);
  const [name, value] = session.cookie.split(';')[0].split('=');
  cookie = { name, value };
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function openPage(options: { javaScript?: boolean; width?: number; signedIn?: boolean }) {
  const width = options.width ?? 1280;
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 800 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  if (options.signedIn) {
    await context.addCookies([{ ...cookie, url: baseUrl }]);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    if (!isLeftStream(request.url(), request.failure()?.errorText)) {
      problems.push(`failed: ${request.url()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  return { page, context, problems };
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe's global, injected above
    const result = await (window as any).axe.run(document);
    return (result.violations as Array<{ id: string; impact: string; nodes: unknown[] }>)
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
  expect(violations, name).toEqual([]);
}

const PAGES = [
  { name: 'leaderboards', path: () => '/leaderboards' },
  { name: 'tournament', path: () => '/tournaments/us-russia-outlook' },
  { name: 'profile', path: () => `/users/${forecasters[1].username}` },
  { name: 'cp-track-record', path: () => '/track-record' },
];

describe('standings pages in the browser', () => {
  for (const width of [1280, 390]) {
    it(`render accessibly at ${width}px, with the calibration chart drawn`, async () => {
      const { page, context, problems } = await openPage({ width, signedIn: true });
      for (const item of PAGES) {
        await page.goto(`${baseUrl}${item.path()}`);
        if (item.name === 'profile' || item.name === 'cp-track-record') {
          await page.locator('.calibration-plot canvas').first().waitFor();
        }
        await expectAccessible(page, `${item.name} at ${width}`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${item.name} scrolls sideways at ${width}`).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: join(SCREENSHOTS, `${item.name}-${width}.png`),
          fullPage: true,
        });
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('the period form works without JavaScript and the own row is marked', async () => {
    const { page, context, problems } = await openPage({ javaScript: false, signedIn: true });
    await page.goto(`${baseUrl}/leaderboards`);
    await expect.poll(() => page.locator('tr.is-me').count()).toBe(1);
    await page.getByLabel('Score').selectOption('baseline_global');
    await page.getByLabel('Period').selectOption('last-90-days');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/score_type=baseline_global&window=last-90-days/);
    expect(await page.locator('table.leaderboard tbody tr').count()).toBe(forecasters.length + 1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
