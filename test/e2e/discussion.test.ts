// Articles and discussion in a real browser: an analyst's article embeds a scenario set and a
// binary question; a new reader registers, opens the article, forecasts from inside it by
// keyboard alone, then comments (keyboard alone) and sees the forecast badge on the comment.
// axe at 1280 and 390 px; screenshots of the article and its discussion in
// test-results/discussion/.
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

const ADMIN = {
  username: 'editor',
  email: 'editor@example.org',
  password: 'e2e-editor-password-789',
};
const READER = {
  username: 'reader1',
  email: 'reader1@example.org',
  password: 'a-sturdy-passphrase-78',
};
const DAY = 86_400_000;

let harness: BrowserHarness;
let admin: { authorization: string };
let articlePath = '';

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

beforeAll(async () => {
  harness = await startHarness({ admin: ADMIN, screenshots: 'discussion' });
  admin = await bearerFor(harness, ADMIN.username, ADMIN.password);
  const common = {
    description: 'Background.',
    resolution_criteria: 'Resolves according to the official announcement.',
    sources: [{ title: 'Example source', url: 'https://example.org/source' }],
  };
  const binary = await openQuestion({
    ...common,
    type: 'binary',
    title: 'Will a second summit take place before 2028?',
  });
  const scenarios = await openQuestion({
    ...common,
    type: 'multiple_choice',
    title: 'Which scenario will describe relations at the end of 2027?',
    options: [
      { label: 'Détente', description: 'Sustained contact and arms-control talks.' },
      { label: 'Tense coexistence', description: 'Everything in between.' },
      { label: 'Renewed Cold War', description: 'A break in relations.' },
    ],
  });
  await callApi(
    harness,
    `/api/v1/questions/${binary}/forecasts`,
    { method: 'POST', headers: admin, body: { probability_yes: 0.35 } },
    201,
  );
  const article = await callApi(
    harness,
    '/api/v1/articles',
    {
      method: 'POST',
      headers: admin,
      body: {
        title: 'US–Russia outlook: what a second summit would change',
        summary: 'A direct channel, three scenarios and the signposts to watch.',
        tags: ['us-russia'],
        body: [
          'An invitation to Alaska has become the promise of a **second summit**.',
          '',
          '## Three scenarios',
          '',
          'Détente, tense coexistence or a renewed Cold War: which one will describe relations?',
          '',
          `{{scenarios:${scenarios}}}`,
          '',
          '## The summit itself',
          '',
          `{{question:${binary}}}`,
          '',
          'Tell us in the discussion what would change your mind.',
        ].join('\n'),
      },
    },
    201,
  );
  await callApi(
    harness,
    `/api/v1/articles/${article.id}/publish`,
    { method: 'POST', headers: admin },
    200,
  );
  articlePath = article.url as string;
  await callApi(
    harness,
    '/api/v1/comments',
    {
      method: 'POST',
      headers: admin,
      body: {
        target_type: 'article',
        target_id: article.id,
        body: 'The invitation is cheap; the *date* is what matters.',
      },
    },
    201,
  );
});

afterAll(async () => {
  await harness?.close();
});

async function tabTo(page: Page, target: ReturnType<Page['getByLabel']>): Promise<void> {
  for (let presses = 0; presses < 120; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('tabTo: never reached the control');
}

describe('articles and discussion in the browser', () => {
  it('a reader forecasts from inside the article and comments, by keyboard alone', async () => {
    const { page, context, problems } = await openPage(harness);
    await page.goto(`${harness.server.url}/register`);
    await page.getByLabel('Email').fill(READER.email);
    await page.getByLabel('Username').fill(READER.username);
    await page.getByLabel('Password').fill(READER.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${harness.server.url}/`);
    await page.getByRole('link', { name: 'Articles' }).click();
    await page
      .getByRole('link', { name: 'US–Russia outlook: what a second summit would change' })
      .click();
    await page.waitForURL(`${harness.server.url}${articlePath}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'US–Russia outlook: what a second summit would change',
    );
    await expectAccessible(page, 'article 1280');
    await shoot(harness, page, 'article-1280');

    // Forecast in the binary card, keyboard only.
    const field = page.getByLabel('Probability of yes (%)');
    await expect.poll(() => field.isEnabled()).toBe(true);
    await tabTo(page, field);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('70');
    await page.keyboard.press('Enter');
    await page.getByText('Saved: 70 % yes.').waitFor();

    // Comment, keyboard only: the badge shows the forecast just made.
    const comment = page.getByLabel('Add a comment (markdown)');
    await tabTo(page, comment);
    await page.keyboard.type('I moved to 70 % after the **invitation**: the date is now public.');
    await page.keyboard.press('Tab');
    const post = page.getByRole('button', { name: 'Post comment' });
    expect(await post.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#comment-\d+$/);
    const mine = page.locator('article.comment', { hasText: 'I moved to 70 %' });
    expect(await mine.locator('.forecast-badge').first().textContent()).toBe(
      'Forecast when posting: 70\u00a0%',
    );
    expect(await mine.locator('strong').textContent()).toBe('invitation');

    // Reply to the analyst's comment through the folded form, then upvote it.
    const theirs = page.locator('article.comment', { hasText: 'The invitation is cheap' });
    await theirs.getByText('Reply', { exact: true }).click();
    await theirs.getByRole('textbox').fill('Cheap, but it was accepted.');
    await theirs.getByRole('button', { name: 'Post reply' }).click();
    await page.waitForURL(/#comment-\d+$/);
    await page
      .locator('article.comment', { hasText: 'The invitation is cheap' })
      .getByRole('button', { name: 'Upvote (0)' })
      .click();
    await page.getByRole('button', { name: 'Upvote (1)' }).waitFor();
    await page.getByRole('button', { name: 'Changed my mind (0)' }).click();
    await page.getByRole('button', { name: 'Changed my mind (1)' }).waitFor();
    await page.locator('#discussion').scrollIntoViewIfNeeded();
    await expectAccessible(page, 'discussion 1280');
    await expectNoSidewaysScroll(page, 'discussion 1280');
    await page
      .locator('#discussion')
      .screenshot({ path: `${harness.screenshots}/discussion-1280.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads well on a phone', async () => {
    const { page, context, problems } = await openPage(harness, { width: 390 });
    await page.goto(`${harness.server.url}${articlePath}`);
    await expectAccessible(page, 'article 390');
    await expectNoSidewaysScroll(page, 'article 390');
    await shoot(harness, page, 'article-390');
    await page
      .locator('#discussion')
      .screenshot({ path: `${harness.screenshots}/discussion-390.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});
