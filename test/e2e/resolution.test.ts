// Resolution in a real browser: a moderator proposes an outcome with evidence through the
// question page's form (zero-hour dispute window, so the server's job finalises it at its next
// tick); the reader who forecast then sees the outcome, the evidence and their score next to the
// crowd's. axe on the resolved page; screenshots in test-results/resolution/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/brier-process.ts';
import {
  type BrowserHarness,
  bearerFor,
  callApi,
  expectAccessible,
  openPage,
  shoot,
  startHarness,
} from './lib/browser-harness.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const ADMIN = { username: 'boss', email: 'boss@example.org', password: 'e2e-admin-password-456' };
const MODERATOR = { username: 'mod', email: 'mod@example.org', password: 'e2e-moderator-pass-1' };
const READER = { username: 'reader', email: 'reader@example.org', password: 'e2e-reader-pass-22' };
const DAY = 86_400_000;

let harness: BrowserHarness;
let questionId = 0;

async function register(account: typeof MODERATOR): Promise<number> {
  const created = await callApi(
    harness,
    '/api/v1/auth/register',
    { method: 'POST', body: account },
    201,
  );
  return created.user.id as number;
}

async function signIn(page: Page, account: typeof MODERATOR): Promise<void> {
  await page.goto(`${harness.server.url}/login`);
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${harness.server.url}/`);
}

beforeAll(async () => {
  harness = await startHarness({ admin: ADMIN, screenshots: 'resolution' });
  const admin = await bearerFor(harness, ADMIN.username, ADMIN.password);
  const moderatorId = await register(MODERATOR);
  await callApi(
    harness,
    `/api/v1/admin/users/${moderatorId}`,
    { method: 'PATCH', headers: admin, body: { role: 'moderator' } },
    200,
  );
  await register(READER);
  const draft = await callApi(
    harness,
    '/api/v1/questions',
    {
      method: 'POST',
      headers: admin,
      body: {
        type: 'binary',
        title: 'Will the second summit be announced this year?',
        description: 'Background.',
        resolution_criteria: 'Resolves YES if both governments announce a date.',
        sources: [{ title: 'Example', url: 'https://example.org/source' }],
      },
    },
    201,
  );
  questionId = draft.id;
  await callApi(
    harness,
    `/api/v1/questions/${questionId}/submit`,
    { method: 'POST', headers: admin, body: {} },
    200,
  );
  const now = Date.now();
  await callApi(
    harness,
    `/api/v1/questions/${questionId}/approve`,
    {
      method: 'POST',
      headers: admin,
      body: {
        open_time: new Date(now).toISOString(),
        scheduled_close_time: new Date(now + 30 * DAY).toISOString(),
        scheduled_resolve_time: new Date(now + 31 * DAY).toISOString(),
      },
    },
    200,
  );
  const reader = await bearerFor(harness, READER.username, READER.password);
  await callApi(
    harness,
    `/api/v1/questions/${questionId}/forecasts`,
    { method: 'POST', headers: reader, body: { probability_yes: 0.8 } },
    201,
  );
});

afterAll(async () => {
  await harness?.close();
});

describe('resolving a question in the browser', () => {
  it('a moderator proposes with evidence; the reader sees the outcome and their score', async () => {
    const moderator = await openPage(harness);
    await signIn(moderator.page, MODERATOR);
    await moderator.page.goto(`${harness.server.url}/questions/${questionId}`);
    const form = moderator.page.getByRole('form', { name: 'Propose a resolution' });
    await form.getByLabel('Outcome').selectOption('yes');
    await form
      .getByLabel('Evidence link', { exact: true })
      .fill('https://example.org/announcement');
    await form.getByLabel('What the link shows').fill('Both governments announced the date.');
    await form.getByLabel('Dispute window in hours').fill('0');
    await shoot(harness, moderator.page, 'moderator-propose-form');
    await form.getByRole('button', { name: 'Propose' }).click();
    await moderator.page.waitForURL(/#resolution$/);
    // The zero-hour window: the server's job finalises at its next tick (about a second).
    await expect
      .poll(
        async () => {
          await moderator.page.reload();
          return moderator.page
            .locator('[data-resolution-status]')
            .getAttribute('data-resolution-status');
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('resolved');
    await shoot(harness, moderator.page, 'moderator-after-resolution');
    expect(moderator.problems).toEqual([]);

    const reader = await openPage(harness);
    await signIn(reader.page, READER);
    await reader.page.goto(`${harness.server.url}/questions/${questionId}`);
    const section = reader.page.locator('#resolution');
    await expect
      .poll(() => section.locator('.resolution-outcome').first().textContent())
      .toBe('Yes');
    expect(
      await section.getByRole('link', { name: 'https://example.org/announcement' }).count(),
    ).toBe(1);
    const mine = section.locator('[data-score-row="mine"]');
    const crowd = section.locator('[data-score-row="crowd"]');
    expect(await mine.count()).toBe(1);
    expect(await crowd.count()).toBe(1);
    // A single forecaster at 80 % on a YES: spot baseline 100·log2(0.8 / 0.5) = 67.8 (the spot
    // scores read the forecast standing at the close; time-averaged ones cover only seconds here).
    const headers = await section.locator('.resolution-scores thead th').allTextContents();
    const spotBaseline = await mine
      .locator('td')
      .nth(headers.indexOf('Spot baseline') - 1)
      .textContent();
    expect(spotBaseline).toBe('67.8');
    await expectAccessible(reader.page, 'resolved question page');
    await shoot(harness, reader.page, 'reader-sees-score');
    expect(reader.problems).toEqual([]);
    await moderator.context.close();
    await reader.context.close();
  });
});
