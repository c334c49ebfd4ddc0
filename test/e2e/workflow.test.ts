// The question workflow in a real browser, through the pages only: an admin gives two new
// accounts their roles on the admin page; the analyst drafts a NUMERIC question on the new
// question page (a wrong range first, shown beside the field), edits it and submits it from My
// drafts; the moderator approves it in the review queue with an opening time of now; it opens and
// anyone finds it on the home page. axe on every page (no serious or critical violation), no
// sideways scrolling on a phone, screenshots of each page at 1280×800 and 390×844 in
// test-results/workflow/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/brier-process.ts';
import {
  type BrowserHarness,
  callApi,
  expectAccessible,
  expectNoSidewaysScroll,
  openPage,
  shoot,
  startHarness,
  type Watched,
} from './lib/browser-harness.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const ADMIN = { username: 'root', email: 'root@example.org', password: 'e2e-admin-password-321' };
const ANALYST = { username: 'ana', email: 'ana@example.org', password: 'a-sturdy-passphrase-11' };
const MODERATOR = { username: 'mod', email: 'mod@example.org', password: 'a-sturdy-passphrase-22' };
const TITLE = 'How many delegations will attend the 2027 summit?';
const DAY = 86_400_000;

let harness: BrowserHarness;
const opened: Watched[] = [];

beforeAll(async () => {
  harness = await startHarness({ admin: ADMIN, screenshots: 'workflow' });
  for (const account of [ANALYST, MODERATOR]) {
    await callApi(
      harness,
      '/api/v1/auth/register',
      {
        method: 'POST',
        body: { email: account.email, username: account.username, password: account.password },
      },
      201,
    );
  }
});

afterAll(async () => {
  for (const watched of opened) expect(watched.problems).toEqual([]);
  await harness?.close();
});

/** A browser signed in through the sign-in form. */
async function signedIn(account: { username: string; password: string }): Promise<Page> {
  const watched = await openPage(harness);
  opened.push(watched);
  const { page } = watched;
  await page.goto(`${harness.server.url}/login`);
  await page.getByLabel('Username or email', { exact: true }).fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${harness.server.url}/`);
  return page;
}

/** axe and a screenshot at 1280×800, then at 390×844 (no sideways scrolling), and back. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, `${name} at 1280 px`);
  await shoot(harness, page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page, `${name} at 390 px`);
  await expectNoSidewaysScroll(page, name);
  await shoot(harness, page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A datetime-local value (UTC) `days` from now. */
function utcField(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 16);
}

describe('question workflow through the pages', () => {
  it('an admin gives the new accounts their roles on the admin page', async () => {
    const page = await signedIn(ADMIN);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Admin' })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Administration');
    for (const [account, role] of [
      [ANALYST, 'Analyst'],
      [MODERATOR, 'Moderator'],
    ] as const) {
      const row = page.locator('li.user-row', { hasText: account.email });
      await row
        .getByLabel(`Role of ${account.username}`, { exact: true })
        .selectOption({ label: role });
      await row.getByRole('button', { name: `Change role of ${account.username}` }).click();
      await page.getByRole('status').filter({ hasText: 'Account updated.' }).waitFor();
    }
    // Both changes are in the audit log, newest first.
    const log = page.getByRole('region', { name: 'Audit log entries' });
    await expect.poll(() => log.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await log.locator('tbody tr').first().textContent()).toContain('user.update_access');
    await checkPage(page, 'admin');
  });

  it('an analyst drafts a numeric question, fixes the range beside the field, edits and submits it', async () => {
    const page = await signedIn(ANALYST);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Review' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Drafts' }).click();
    await page.getByRole('heading', { level: 1, name: 'My drafts' }).waitFor();
    await checkPage(page, 'drafts-empty');
    await page.getByRole('link', { name: 'New question' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New question' }).waitFor();
    await checkPage(page, 'new-question');

    await page.getByRole('radio', { name: /^Numeric/ }).check();
    // Only the numeric fields show: the scenario options hide (CSS, no script).
    expect(await page.getByLabel('Lowest value', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel('Options', { exact: true }).isVisible()).toBe(false);
    expect(await page.getByLabel('Earliest date', { exact: true }).isVisible()).toBe(false);
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Background', { exact: true })
      .fill('Delegations are counted by the host’s accreditation office.');
    await page
      .getByLabel('Resolution criteria', { exact: true })
      .fill('Resolves to the number of delegations in the host’s **final** accreditation list.');
    await page.getByLabel('Lowest value', { exact: true }).fill('200');
    await page.getByLabel('Highest value', { exact: true }).fill('20');
    await page.getByLabel('Unit (optional)', { exact: true }).fill('delegations');
    await page.getByLabel('The answer may be above the range', { exact: true }).check();
    await page.getByLabel('Closes', { exact: true }).fill(utcField(60));
    await page.getByLabel('Resolves', { exact: true }).fill(utcField(61));
    await page.getByLabel('Tags', { exact: true }).fill('summits, diplomacy');
    await page.getByRole('button', { name: 'Save draft' }).click();

    const error = page.locator('#field-range_max-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('greater than the lower bound');
    expect(
      await page.getByLabel('Highest value', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    // What was typed is kept.
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(TITLE);
    await checkPage(page, 'new-question-errors');

    await page.getByLabel('Lowest value', { exact: true }).fill('20');
    await page.getByLabel('Highest value', { exact: true }).fill('150');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    const draft = page.locator('li.draft-item', { hasText: TITLE });
    expect(await draft.textContent()).toContain('Draft');

    await draft.getByRole('link', { name: `Edit “${TITLE}”` }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit draft' }).waitFor();
    expect(await page.getByLabel('Highest value', { exact: true }).inputValue()).toBe('150');
    expect(await page.getByRole('radio', { name: /^Numeric/ }).isChecked()).toBe(true);
    await checkPage(page, 'edit-draft');
    await page.getByLabel('Highest value', { exact: true }).fill('200');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();

    await page.getByRole('button', { name: `Submit “${TITLE}” for review` }).click();
    await page.getByRole('status').filter({ hasText: 'Submitted for review.' }).waitFor();
    expect(await page.locator('li.draft-item', { hasText: TITLE }).textContent()).toContain(
      'In review',
    );
    await checkPage(page, 'drafts');
  });

  it('a moderator approves it in the review queue and it opens on the home page', async () => {
    const page = await signedIn(MODERATOR);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Review' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const item = page.getByRole('article', { name: TITLE });
    expect(await item.textContent()).toContain('20 delegations to 200 delegations');
    expect(await item.locator('strong', { hasText: 'final' }).count()).toBe(1);
    await checkPage(page, 'review');

    // The opening time starts at now; the proposed close and resolve times are kept.
    const form = item.getByRole('form', { name: `Approve “${TITLE}”` });
    expect(await form.getByLabel('Opens', { exact: true }).inputValue()).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d$/,
    );
    expect(await form.getByLabel('Closes', { exact: true }).inputValue()).not.toBe('');
    await form.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Question approved.' }).waitFor();
    expect(await page.getByRole('article', { name: TITLE }).count()).toBe(0);
    await checkPage(page, 'review-empty');

    const visitor = await openPage(harness);
    opened.push(visitor);
    await visitor.page.goto(harness.server.url);
    const card = visitor.page.locator('article.question-card', { hasText: TITLE });
    await card.waitFor();
    expect(await card.textContent()).toContain('Numeric');
    await card.getByRole('link', { name: TITLE }).click();
    await visitor.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  });
});
