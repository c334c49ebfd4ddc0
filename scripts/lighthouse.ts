// `npm run check:lighthouse`: Lighthouse (its default, mobile preset: a mid-range phone on a
// throttled 4G connection, simulated) on the home page and on a question page of the demo, served
// by the production bundle. Fails when a category scores under its threshold. Slow (a minute or
// two): not part of `npm test`.
//
//   npm run check:lighthouse [-- --runs 3] [-- --json FILE]
//
// Builds (scripts/build.mjs), starts `node dist/brier.js serve` on an empty temporary DATA_DIR
// with LOAD_DEMO_CONTENT=true, picks the demo question with the most forecasters, and runs
// Lighthouse in the system Chromium (/usr/bin/chromium or CHROMIUM_PATH) through chrome-launcher;
// nothing is downloaded. Each page is run 3 times (--runs N) and the median run (by performance
// score) is reported: the machine's load moves single runs by several points. The results go to
// docs/PERFORMANCE.md ("Web pages: Lighthouse") by hand.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startProcess, waitForHttp } from '../bench/lib/api-load.ts';
import { freePort } from '../bench/lib/free-port.ts';
import { startScriptNodeFlags } from '../bench/lib/server-node-flags.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The thresholds of issue 19, by Lighthouse category id. */
export const THRESHOLDS = {
  performance: 0.9,
  accessibility: 0.95,
  'best-practices': 0.95,
  seo: 0.9,
} as const;

type Category = keyof typeof THRESHOLDS;
const CATEGORIES = Object.keys(THRESHOLDS) as Category[];

interface PageScores {
  name: string;
  url: string;
  scores: Record<Category, number>;
  /** First contentful paint, largest contentful paint (simulated, ms), total blocking time. */
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number };
  /** Audits that lost points, for fixing: id and title. */
  failing: string[];
}

const { values: options } = parseArgs({
  options: { json: { type: 'string' }, runs: { type: 'string', default: '3' } },
});
/** Runs per page; the median one (by performance score) is reported, as Lighthouse advises. */
const RUNS = Math.max(1, Number(options.runs) || 3);
/** Chrome sometimes loses a trace ("NO_NAVSTART"): such a run is repeated, a few times at most. */
const ATTEMPTS = 3;

function build(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** One Lighthouse run, repeated when Chrome's trace came back unusable. */
async function runOnce(url: string, port: number) {
  let lastError = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!result.lhr.runtimeError) return result.lhr;
    lastError = result.lhr.runtimeError.message;
    process.stderr.write(`lighthouse: ${url}: ${lastError} (attempt ${attempt})\n`);
  }
  throw new Error(`${url}: ${lastError}`);
}

async function audit(url: string, port: number, name: string): Promise<PageScores> {
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await runOnce(url, port));
  runs.sort(
    (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
  );
  const lhr = runs[Math.floor(runs.length / 2)]!;
  const scores = {} as Record<Category, number>;
  const failing: string[] = [];
  for (const category of CATEGORIES) {
    scores[category] = lhr.categories[category]?.score ?? 0;
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const item = lhr.audits[ref.id];
      if (ref.weight > 0 && item && item.score !== null && item.score < 1) {
        failing.push(`${category}: ${ref.id} (${item.score}) ${item.title}`);
      }
    }
  }
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    name,
    url,
    scores,
    metrics: {
      fcpMs: metric('first-contentful-paint'),
      lcpMs: metric('largest-contentful-paint'),
      tbtMs: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
    },
    failing,
  };
}

function table(pages: PageScores[]): string {
  const lines = [
    '| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const page of pages) {
    const s = page.scores;
    const m = page.metrics;
    lines.push(
      `| ${page.name} | ${s.performance.toFixed(2)} | ${s.accessibility.toFixed(2)} | ` +
        `${s['best-practices'].toFixed(2)} | ${s.seo.toFixed(2)} | ${(m.fcpMs / 1000).toFixed(1)} s | ` +
        `${(m.lcpMs / 1000).toFixed(1)} s | ${Math.round(m.tbtMs)} ms | ${m.cls.toFixed(3)} |`,
    );
  }
  const thresholds = CATEGORIES.map((c) => `${c} ≥ ${THRESHOLDS[c]}`).join(', ');
  lines.push('', `Thresholds: ${thresholds}.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  build();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brier-lighthouse-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startProcess(
    [...startScriptNodeFlags(root), path.join(root, 'dist', 'brier.js'), 'serve'],
    {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      BASE_URL: base,
      LOG_LEVEL: 'warn',
      LOAD_DEMO_CONTENT: 'true',
      SESSION_SECRET: 'lighthouse-session-secret-0123456789-abcdef',
    },
    root,
  );
  let chrome: chromeLauncher.LaunchedChrome | null = null;
  try {
    await waitForHttp(`${base}/healthz`, server, 180_000);
    const home = await (await fetch(`${base}/?sort=most_forecasters`)).text();
    const questionPath = /href="(\/questions\/\d+-[a-z0-9-]+)"/.exec(home)?.[1];
    if (!questionPath) throw new Error('no question link on the demo home page');
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    });
    const pages: PageScores[] = [];
    for (const [name, url] of [
      ['Home page', `${base}/`],
      ['Question page', `${base}${questionPath}`],
    ] as const) {
      pages.push(await audit(url, chrome.port, name));
    }
    process.stdout.write(`\n${table(pages)}\n\nQuestion page: ${questionPath}\n`);
    for (const page of pages) {
      if (page.failing.length > 0) {
        process.stdout.write(`\n${page.name}, audits below 1:\n  ${page.failing.join('\n  ')}\n`);
      }
    }
    if (options.json) writeFileSync(options.json, `${JSON.stringify(pages, null, 2)}\n`);
    const under = pages.flatMap((page) =>
      CATEGORIES.filter((c) => page.scores[c] < THRESHOLDS[c]).map(
        (c) => `${page.name} ${c} ${page.scores[c]} < ${THRESHOLDS[c]}`,
      ),
    );
    if (under.length > 0) {
      process.stderr.write(`\ncheck:lighthouse: under the thresholds:\n  ${under.join('\n  ')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('\ncheck:lighthouse: every score meets its threshold\n');
    }
  } finally {
    await chrome?.kill();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
