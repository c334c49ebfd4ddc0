// Browser journeys through the pages: register through the form and open a question from the
// home page; sign in with JavaScript disabled; axe-core on every page (no serious or critical
// violation), no console error or failed request; screenshots at 1280×800 and 390×844 kept in
// test-results/ for a human look.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
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
import { isLeftStream } from './lib/browser-harness.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'pages');
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const ADMIN_PASSWORD = 'e2e-admin-password-456';

let server: RunningBrierServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'brier-e2e-pages-'));
  const port = await freePort();
  const created = await runBrier(
    [
      'users',
      'create',
      '--role',
      'admin',
      '--email',
      'boss@example.org',
      '--username',
      'boss',
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  await seedQuestion();
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

/** An open binary question, made through the API as the admin. */
async function seedQuestion(): Promise<void> {
  const call = async (path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return response;
  };
  const login = await call('/api/v1/auth/login', { login: 'boss', password: ADMIN_PASSWORD }, {});
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  const auth = { cookie, 'x-csrf-token': csrf };
  const question = (await (
    await call(
      '/api/v1/questions',
      {
        type: 'binary',
        title: 'Will the Arctic shipping route open before 2029?',
        description: 'Background on the route.',
        resolution_criteria: 'Resolves yes if the route opens to commercial traffic.',
      },
      auth,
    )
  ).json()) as { id: number };
  await call(`/api/v1/questions/${question.id}/submit`, {}, auth);
  const now = Date.now();
  await call(
    `/api/v1/questions/${question.id}/approve`,
    {
      open_time: new Date(now).toISOString(),
      scheduled_close_time: new Date(now + 90 * 86_400_000).toISOString(),
      scheduled_resolve_time: new Date(now + 91 * 86_400_000).toISOString(),
    },
    auth,
  );
}

interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

async function openPage(options: { javaScript?: boolean; width?: number } = {}): Promise<Watched> {
  const width = options.width ?? 1280;
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 800 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A page answered 4xx on purpose (a 404 page, a refused password) logs "Failed to load
    // resource"; failed sub-resources are caught by the response handler below instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('requestfailed', (request) => {
    if (!isLeftStream(request.url(), request.failure()?.errorText)) {
      problems.push(`failed: ${request.url()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      problems.push(`${response.status()}: ${response.url()}`);
    }
  });
  return { page, context, problems };
}

/** axe-core in the page: no serious or critical violation. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the devtools protocol: the page's CSP rightly forbids an inline script.
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

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('pages in the browser', () => {
  it('a visitor registers through the form and opens a question from the home page', async () => {
    const { page, context, problems } = await openPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Register' }).click();
    await page.getByLabel('Email').fill('newcomer@example.org');
    await page.getByLabel('Username').fill('newcomer');
    await page.getByLabel('Password').fill('a-sturdy-passphrase-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await page
      .getByRole('link', { name: 'Will the Arctic shipping route open before 2029?' })
      .click();
    await page.waitForURL(/\/questions\/\d+-will-the-arctic-shipping-route/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Will the Arctic shipping route open before 2029?',
    );
    await expectAccessible(page, 'question page');
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Token name').fill('my bot');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('button', { name: 'Copy token' }).waitFor();
    await expectAccessible(page, 'settings');
    await shoot(page, 'settings-new-token');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs in with JavaScript disabled', async () => {
    const { page, context, problems } = await openPage({ javaScript: false });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Username or email').fill('newcomer');
    await page.getByLabel('Password').fill('wrong-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('#field-password-error').isVisible()).toBe(true);
    await page.getByLabel('Password').fill('a-sturdy-passphrase-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  const guestPages: Array<[string, string]> = [
    ['home', '/'],
    ['sign-in', '/login'],
    ['register', '/register'],
    ['profile', '/users/newcomer'],
    ['not-found', '/no-such-page'],
  ];
  for (const width of [1280, 390]) {
    it(`every guest page passes axe at ${width}px, without errors or sideways scrolling`, async () => {
      const { page, context, problems } = await openPage({ width });
      for (const [name, path] of guestPages) {
        await page.goto(`${server.url}${path}`);
        await expectAccessible(page, name);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, name).toBeLessThanOrEqual(0);
        await shoot(page, `${name}-${width}`);
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
