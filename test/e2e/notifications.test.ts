// The notifications page in a real browser: a signed-in follower sees what happened to the
// questions they follow (unread first, the count in the header), passes axe at 1280×800 and
// 390×844 without sideways scrolling, and marks everything read. Screenshots in
// test-results/notifications/.
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

const ADMIN = { username: 'watcher', email: 'watcher@example.org', password: 'e2e-watch-pass-789' };
let harness: BrowserHarness;

async function openQuestion(auth: { authorization: string }, title: string): Promise<number> {
  const question = await callApi(
    harness,
    '/api/v1/questions',
    {
      method: 'POST',
      headers: auth,
      body: {
        type: 'binary',
        title,
        description: 'Background.',
        resolution_criteria: 'Resolves yes if it happens.',
      },
    },
    201,
  );
  await callApi(
    harness,
    `/api/v1/questions/${question.id}/submit`,
    { method: 'POST', headers: auth },
    200,
  );
  const now = Date.now();
  await callApi(
    harness,
    `/api/v1/questions/${question.id}/approve`,
    {
      method: 'POST',
      headers: auth,
      body: {
        open_time: new Date(now).toISOString(),
        scheduled_close_time: new Date(now + 30 * 86_400_000).toISOString(),
        scheduled_resolve_time: new Date(now + 31 * 86_400_000).toISOString(),
      },
    },
    200,
  );
  return question.id as number;
}

beforeAll(async () => {
  harness = await startHarness({ admin: ADMIN, screenshots: 'notifications' });
  const auth = await bearerFor(harness, ADMIN.username, ADMIN.password);
  // Only the closings, so the count does not depend on the job runner's timing.
  await callApi(
    harness,
    '/api/v1/me/notification-settings',
    { method: 'PATCH', headers: auth, body: { channels: { question_opened: 'off' } } },
    200,
  );
  const titles = [
    'Will the Arctic shipping route open before 2029?',
    'Will <script>alert("x")</script> a very long question title about the regional electricity interconnector wrap nicely on a phone?',
    'Will the central bank cut rates in March?',
  ];
  for (const title of titles) {
    const id = await openQuestion(auth, title);
    await callApi(
      harness,
      `/api/v1/me/follows/question/${id}`,
      { method: 'PUT', headers: auth },
      200,
    );
    await callApi(harness, `/api/v1/questions/${id}/close`, { method: 'POST', headers: auth }, 200);
  }
  // The server's job runner fans the closings out within a few seconds.
  let items: Array<{ id: number }> = [];
  for (let attempt = 0; attempt < 60 && items.length < 3; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    items = (await callApi(harness, '/api/v1/me/notifications', { headers: auth }, 200)).items;
  }
  expect(items).toHaveLength(3);
  // One read, two unread.
  await callApi(
    harness,
    `/api/v1/me/notifications/${items[2]!.id}/read`,
    { method: 'POST', headers: auth },
    204,
  );
});

afterAll(async () => {
  await harness?.close();
});

describe('the notifications page', () => {
  for (const width of [1280, 390]) {
    it(`lists unread first with the count in the header at ${width}px, and passes axe`, async () => {
      const { page, context, problems } = await openPage(harness, { width });
      try {
        await page.goto(`${harness.server.url}/login?next=/notifications`);
        await page.getByLabel('Username or email').fill(ADMIN.username);
        await page.getByLabel('Password').fill(ADMIN.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(/\/notifications$/);
        await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
        const header = page.locator('.notifications-link');
        expect(await header.textContent()).toContain('2');
        const rows = page.locator('.notification');
        expect(await rows.count()).toBe(3);
        expect(await page.locator('.notification-unread').count()).toBe(2);
        // The hostile title is text.
        expect(await page.locator('.notification-list').textContent()).toContain(
          '<script>alert("x")</script>',
        );
        await expectAccessible(page, `notifications ${width}`);
        await expectNoSidewaysScroll(page, `notifications ${width}`);
        await shoot(harness, page, `notifications-${width}`);
        if (width === 390) {
          await page.getByRole('button', { name: 'Mark all read' }).click();
          await page.waitForURL(/\/notifications$/);
          expect(await page.locator('.notification-unread').count()).toBe(0);
          expect(await page.locator('.notifications-link').textContent()).not.toContain('2');
          await shoot(harness, page, 'notifications-all-read-390');
        }
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
