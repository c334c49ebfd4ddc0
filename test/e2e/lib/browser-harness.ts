// Shared by the browser tests: a real server process on an empty data directory with a CLI-made
// admin, the distribution's Chromium, pages watched for console errors and failed requests,
// axe-core in the page, and full-page screenshots under test-results/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  brierEnv,
  freePort,
  killStartedProcesses,
  REPO_ROOT,
  type RunningBrierServer,
  runBrier,
  startServerProcess,
} from '../../helpers/brier-process.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface BrowserHarness {
  server: RunningBrierServer;
  browser: Browser;
  screenshots: string;
  close(): Promise<void>;
}

export async function startHarness(options: {
  admin: { username: string; email: string; password: string };
  screenshots: string;
}): Promise<BrowserHarness> {
  const screenshots = join(REPO_ROOT, 'test-results', options.screenshots);
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'brier-e2e-'));
  const port = await freePort();
  const created = await runBrier(
    [
      'users',
      'create',
      '--role',
      'admin',
      '--email',
      options.admin.email,
      '--username',
      options.admin.username,
      '--password',
      options.admin.password,
    ],
    brierEnv({ DATA_DIR: dataDir }),
  );
  expect(created.code).toBe(0);
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    server,
    browser,
    screenshots,
    async close() {
      await browser.close();
      server.signal('SIGTERM');
      await server.exited;
      await killStartedProcesses();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

/** Live CP streams (`…/events`) stay open for the page's life; leaving the page aborts them. */
export function isLeftStream(url: string, errorText: string | undefined): boolean {
  return (
    /\/api\/v1\/questions\/\d+\/events(\?|$)/.test(new URL(url).pathname + new URL(url).search) &&
    errorText === 'net::ERR_ABORTED'
  );
}

export async function openPage(
  harness: BrowserHarness,
  options: { javaScript?: boolean; width?: number } = {},
): Promise<Watched> {
  const width = options.width ?? 1280;
  const context = await harness.browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 800 },
    javaScriptEnabled: options.javaScript ?? true,
    // No colour transitions (the CSS honours the setting): axe must never sample a button
    // halfway between two colours, which on a busy machine it otherwise sometimes does.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Pages answered 4xx on purpose log "Failed to load resource"; sub-resources are checked below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  const javaScript = options.javaScript ?? true;
  page.on('requestfailed', (request) => {
    const errorText = request.failure()?.errorText;
    // With JavaScript switched off, Chromium refuses the page's scripts (reported as "csp").
    const isRefusedScript =
      !javaScript && request.resourceType() === 'script' && errorText === 'csp';
    if (!isRefusedScript && !isLeftStream(request.url(), errorText)) {
      problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
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
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the devtools protocol: the page's CSP rightly forbids an inline script.
  await page.evaluate(AXE_SOURCE);
  const audit = () =>
    page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe's global, injected above
      const result = await (window as any).axe.run(document);
      return (result.violations as Array<{ id: string; impact: string; nodes: unknown[] }>)
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} (${violation.nodes.length})`);
    });
  let violations = await audit();
  if (violations.length > 0) {
    // A page still settling (an island mounting, a web font arriving) can be caught halfway on a
    // busy machine; what is still wrong a moment later is a real violation.
    await page.waitForTimeout(1000);
    violations = await audit();
  }
  expect(violations, name).toEqual([]);
}

export async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, name).toBeLessThanOrEqual(0);
}

export async function shoot(harness: BrowserHarness, page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(harness.screenshots, `${name}.png`), fullPage: true });
}

/** Calls the JSON API of the running server as `headers` say; fails on another status. */
export async function callApi(
  harness: BrowserHarness,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> },
  expected: number,
  // biome-ignore lint/suspicious/noExplicitAny: API JSON
): Promise<any> {
  const response = await fetch(`${harness.server.url}${path}`, {
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

/** A Bearer header for a user, signing in through the API and creating a read+write token. */
export async function bearerFor(
  harness: BrowserHarness,
  login: string,
  password: string,
): Promise<{ authorization: string }> {
  const response = await fetch(`${harness.server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const csrf = ((await response.json()) as { csrf_token: string }).csrf_token;
  const created = await callApi(
    harness,
    '/api/v1/me/tokens',
    {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: { name: 'e2e', scopes: ['read', 'write'] },
    },
    201,
  );
  return { authorization: `Bearer ${created.token}` };
}
