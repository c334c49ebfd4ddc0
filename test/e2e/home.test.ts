// Browser smoke test: the real server process, driven by headless Chromium (playwright-core, the
// system browser; nothing is downloaded). Screenshots are kept in test-results/ for a human look.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  brierEnv,
  freePort,
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  REPO_ROOT,
  type RunningBrierServer,
  runBrier,
  startServerProcess,
} from '../helpers/brier-process.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-123';

// These tests start real processes: on a busy machine that takes far longer than usual.
vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = join(REPO_ROOT, 'test-results');

let server: RunningBrierServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'brier-e2e-'));
  // A known port, so that BASE_URL (links in e-mails and pages) is the real address.
  const port = await freePort();
  // The first admin comes from the CLI, as on a real install (before the server holds DATA_DIR).
  const created = await runBrier(
    [
      'users',
      'create',
      '--role',
      'admin',
      '--email',
      'admin@example.org',
      '--username',
      'admin',
      '--password',
      ADMIN_PASSWORD,
    ],
    brierEnv({ DATA_DIR: dataDir }),
  );
  expect(created.code).toBe(0);
  server = await startServerProcess({
    DATA_DIR: dataDir,
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.signal('SIGTERM');
    await server.exited;
  }
  await killStartedProcesses();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function openPage(width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

describe('home page', () => {
  it('renders its heading, navigation and styles without script errors', async () => {
    const { page, errors } = await openPage();
    const response = await page.goto(server.url);
    expect(response?.status()).toBe(200);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Forecasts you can check');
    expect(await page.title()).toBe('Forecasts you can check · Brier');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    // The hashed stylesheet applied: the brand mark has the accent colour, not the default.
    const markBackground = await page
      .locator('.brand-mark')
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(markBackground).toBe('rgb(31, 79, 209)');
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works on a phone-sized screen and shows the skip link on Tab', async () => {
    const { page } = await openPage(390);
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to content' });
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await skipLink.isVisible()).toBe(true);
    // Nothing wider than the screen: no sideways scrolling.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'home-phone.png'), fullPage: true });
    await page.close();
  });

  it('answers an unknown page with the friendly 404 page', async () => {
    const { page } = await openPage();
    const response = await page.goto(`${server.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    await page.screenshot({ path: join(SCREENSHOTS, 'not-found.png'), fullPage: true });
    await page.close();
  });
});

describe('API docs page', () => {
  it('renders the OpenAPI document in Swagger UI', async () => {
    const { page } = await openPage();
    const response = await page.goto(`${server.url}/api/docs`);
    expect(response?.status()).toBe(200);
    const title = page.locator('.swagger-ui .info .title');
    await title.waitFor({ timeout: 30_000 });
    expect(await title.textContent()).toContain('Brier API');
    // At least the auth operations are listed.
    await page
      .locator('.opblock-summary-path', { hasText: '/api/v1/auth/register' })
      .first()
      .waitFor();
    expect(await page.locator('.servers select').inputValue()).toBe(server.url);
    await page.screenshot({ path: join(SCREENSHOTS, 'api-docs.png'), fullPage: false });
    await page.close();
  });

  it('lets a signed-in browser try writes, under a CSP without inline scripts, from any host name', async () => {
    // The same server reached as localhost: the document names the origin the page came from.
    const origin = server.url.replace('127.0.0.1', 'localhost');
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const login = await page.request.post(`${origin}/api/v1/auth/login`, {
      data: { login: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const docs = await page.goto(`${origin}/api/docs/`);
    // The site's policy: scripts from the server only (no inline script, no eval).
    expect(docs?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.servers select').inputValue()).toBe(origin);

    /** Opens an operation, fills its body, executes it; the status Swagger UI shows. */
    async function tryIt(method: string, path: string, body: string): Promise<string> {
      const operation = page
        .locator(`.opblock-${method}`)
        .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) })
        .first();
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('textarea.body-param__text').fill(body);
      await operation.locator('button.execute').click();
      const status = operation.locator('.live-responses-table tbody .response-col_status').first();
      await status.waitFor({ timeout: 15_000 });
      return (await status.textContent())?.trim() ?? '';
    }
    // Cookie-authenticated writes: the page adds the session's CSRF token itself.
    expect(await tryIt('patch', '/api/v1/me', '{"bio":"Written from the API docs"}')).toBe('200');
    expect(await tryIt('post', '/api/v1/me/tokens', '{"name":"docs","scopes":["read"]}')).toBe(
      '201',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'api-docs-try-it.png'), fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Calls the JSON API of the running server; throws on an unexpected status. */
async function api(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> },
  expected: number,
) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  expect(response.status, `${init.method ?? 'GET'} ${path}: ${text}`).toBe(expected);
  return text ? JSON.parse(text) : null;
}

describe('home feed', () => {
  it('shows an open question with its community prediction after a forecast', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((value) => value.split(';')[0])
      .join('; ');
    const csrf = (await api('/api/v1/auth/csrf', { headers: { cookie } }, 200))
      .csrf_token as string;
    const token = (
      await api(
        '/api/v1/me/tokens',
        {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf },
          body: { name: 'e2e', scopes: ['read', 'write'] },
        },
        201,
      )
    ).token as string;
    const auth = { authorization: `Bearer ${token}` };

    const question = await api(
      '/api/v1/questions',
      {
        method: 'POST',
        headers: auth,
        body: {
          type: 'binary',
          title: 'Will a second in-person summit take place before 2028?',
          resolution_criteria:
            'Resolves yes if both presidents meet in person before 1 January 2028.',
        },
      },
      201,
    );
    await api(
      `/api/v1/questions/${question.id}/submit`,
      { method: 'POST', headers: auth, body: {} },
      200,
    );
    const now = Date.now();
    await api(
      `/api/v1/questions/${question.id}/approve`,
      {
        method: 'POST',
        headers: auth,
        body: {
          open_time: new Date(now).toISOString(),
          scheduled_close_time: new Date(now + 90 * 86_400_000).toISOString(),
          scheduled_resolve_time: new Date(now + 91 * 86_400_000).toISOString(),
        },
      },
      200,
    );
    await api(
      `/api/v1/questions/${question.id}/forecasts`,
      { method: 'POST', headers: auth, body: { probability_yes: 0.7 } },
      201,
    );

    const { page, errors } = await openPage();
    await page.goto(server.url);
    const card = page.locator('article.question-card', { hasText: 'second in-person summit' });
    await card.waitFor();
    expect(await card.locator('.cp').textContent()).toBe('70\u00a0% yes');
    expect(await card.textContent()).toContain('1 forecaster');
    await page.screenshot({ path: join(SCREENSHOTS, 'home-feed.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
