// `npm run bench:web`: the server-rendered question page under load (issue 19), against a
// same-run baseline, plus its first contentful paint in headless Chromium. Not a test: run it by
// hand, once, on a quiet machine if there is one.
//
// Usage: npm run bench:web -- [--duration 20] [--rounds 4] [--connections 50] [--warmup 5]
//                             [--loads 10] [--points 400]
//
// 1. A throwaway PostgreSQL cluster of its own (test/helpers/throwaway-postgres.ts: initdb in a
//    temp dir, a free port; never the shared server), migrated, with one open binary question
//    whose stored CP history has `--points` (400) entries: 100 forecasters (real accounts) make
//    400 forecasts through the forecast use case, one every 90 minutes of an injected clock, so
//    the chart has 400 points. Then VACUUM ANALYZE.
// 2. Brier: the production bundle as `npm start` runs it (`npm run build` first, then
//    `node <start flags> dist/brier.js serve`, LOG_LEVEL=warn) on that database. The load is
//    `GET /questions/{id}-{slug}` as an anonymous reader (server-rendered: the question, the CP
//    chart's 400 points as island props, the histogram, the method, the forecast panel).
// 3. Baseline: a bare Fastify route (bench/lib/static-page-server.ts, its own process) answering
//    GET /page with that very page's HTML as a static string: the same bytes with no rendering,
//    no database and no session.
// Both get the same autocannon load: 50 connections, pipelining 1, 5 s of warm-up each, then
// 20 s each measured in 4 rounds that alternate baseline, Brier, baseline, Brier… (bench/lib/
// api-measure.ts: the shared machine's speed drifts, alternating lays the drift on both).
// 4. First contentful paint: the page loaded `--loads` (10) times in headless Chromium
//    (playwright-core, /usr/bin/chromium or CHROMIUM_PATH), each in a fresh context (cold cache)
//    at 1280×800; FCP from the page's `paint` performance entry; the median is reported.
// Prints a markdown section for docs/PERFORMANCE.md ("Question page under load").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { sessionActor } from '../src/domain/actor.ts';
import type { Clock } from '../src/domain/clock.ts';
import { questionPath } from '../src/domain/question-path.ts';
import type { Deps } from '../src/services/deps.ts';
import { submitForecast } from '../src/services/forecasts/submit-forecast.ts';
import { approveQuestion } from '../src/services/questions/approve-question.ts';
import { createQuestion } from '../src/services/questions/create-question.ts';
import { submitQuestion } from '../src/services/questions/submit-question.ts';
import { createUser } from '../src/services/users/create-user.ts';
import { ThrowawayPostgres } from '../test/helpers/throwaway-postgres.ts';
import { killStartedProcesses, startProcess, waitForHttp } from './lib/api-load.ts';
import { type Measured, measureAlternating } from './lib/api-measure.ts';
import { freePort } from './lib/free-port.ts';
import { Mulberry32 } from './lib/mulberry32.ts';
import { machineInfo } from './lib/performance-doc.ts';
import { startScriptNodeFlags } from './lib/server-node-flags.ts';
import { nowMs } from './lib/timing.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FORECASTERS = 100;
const STEP_MS = 90 * 60_000;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    loads: { type: 'string', default: '10' },
    points: { type: 'string', default: '400' },
  },
});
const settings = {
  durationSeconds: Number(args.duration),
  rounds: Number(args.rounds),
  connections: Number(args.connections),
  warmupSeconds: Number(args.warmup),
  loads: Number(args.loads),
  points: Number(args.points),
};

const log = (message: string) => process.stderr.write(`bench:web: ${message}\n`);

class MovableClock implements Clock {
  constructor(private time: number) {}
  now(): Date {
    return new Date(this.time);
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** One open binary question whose CP history has `points` entries; returns its page path. */
async function prepareQuestion(databaseUrl: string, points: number): Promise<string> {
  const database = await openDatabase({ databaseUrl, dataDir: '', poolSize: 4 });
  try {
    await migrateToLatest(database.db);
    const start = Date.now() - (points + 24) * STEP_MS;
    const clock = new MovableClock(start);
    const deps: Deps = {
      database,
      // Cheap password hashes: the accounts only need to exist.
      config: loadConfig(
        { LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '64', ARGON2_TIME_COST: '1' },
        () => 'unused',
      ),
      clock,
      logger: pino({ level: 'silent' }),
    };
    const admin = sessionActor(
      await createUser(deps, {
        username: 'bench_admin',
        email: 'admin@bench.test',
        password: 'bench-admin-password-0123',
        role: 'admin',
      }),
    );
    const draft = await createQuestion(deps, {
      actor: admin,
      question: {
        type: 'binary',
        title: 'Will the US and Russian presidents meet in person before 2028?',
        description:
          'Background for forecasters. '.repeat(40) +
          '\n\nA second paragraph with **bold** and *italic* text.',
        resolutionCriteria:
          'Resolves **YES** if both presidents meet in person before 1 January 2028, as reported by two major news agencies.',
        finePrint: 'A meeting on the margins of a multilateral summit counts.',
        sources: [{ title: 'Example source', url: 'https://example.org/source' }],
        tags: ['diplomacy', 'summits'],
      },
    });
    await submitQuestion(deps, { actor: admin, questionId: draft.id });
    const question = await approveQuestion(deps, {
      actor: admin,
      questionId: draft.id,
      openTime: clock.now(),
      scheduledCloseTime: new Date(Date.now() + 60 * 86_400_000),
      scheduledResolveTime: new Date(Date.now() + 61 * 86_400_000),
    });
    const forecasters = [];
    for (let i = 0; i < FORECASTERS; i++) {
      const user = await createUser(deps, {
        username: `forecaster_${i}`,
        email: `forecaster_${i}@bench.test`,
        password: `bench-forecaster-password-${i}`,
        role: 'reader',
      });
      forecasters.push(sessionActor(user));
    }
    const random = new Mulberry32(19);
    let belief = 0.4;
    for (let i = 0; i < points; i++) {
      clock.advance(STEP_MS);
      belief = Math.min(0.95, Math.max(0.05, belief + (random.next() - 0.5) * 0.08));
      const probabilityYes =
        Math.round(Math.min(0.99, Math.max(0.01, belief + (random.next() - 0.5) * 0.2)) * 1000) /
        1000;
      await submitForecast(deps, {
        actor: forecasters[i % FORECASTERS]!,
        questionId: question.id,
        values: { probabilityYes },
      });
    }
    const entries = await database.db
      .selectFrom('cp_entries')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('question_id', '=', question.id)
      .executeTakeFirst();
    // One entry per forecast for each of the three CP methods; the chart shows one method.
    log(`question ${question.id}: ${points} forecasts, ${entries?.count ?? '?'} CP entries`);
    await sql`vacuum (analyze)`.execute(database.db);
    return questionPath(question);
  } finally {
    await database.close();
  }
}

/** Resolves to the page's first-contentful-paint time (ms), waiting for it if need be. */
const FCP_SCRIPT = `new Promise((resolve) => {
  const entry = performance.getEntriesByName('first-contentful-paint')[0];
  if (entry) return resolve(entry.startTime);
  new PerformanceObserver((list) => {
    const paint = list.getEntriesByName('first-contentful-paint')[0];
    if (paint) resolve(paint.startTime);
  }).observe({ type: 'paint', buffered: true });
})`;

/** First contentful paint of `url`, `loads` times, each in a fresh browser context. */
async function measureFcp(url: string, loads: number): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const samples: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      // A string, not a function: the tsx loader's helpers do not exist in the page.
      const fcp = (await page.evaluate(FCP_SCRIPT)) as number;
      samples.push(fcp);
      await context.close();
    }
    return samples;
  } finally {
    await browser.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const format = (value: number) => Math.round(value).toLocaleString('en-US');

function report(input: {
  baseline: Measured;
  brier: Measured;
  pageBytes: number;
  pagePath: string;
  fcp: number[];
  seconds: number;
  loadBefore: string;
  loadAfter: string;
}): string {
  const { baseline, brier } = input;
  const machine = machineInfo(Number(input.loadBefore));
  const machineText = `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB RAM, Node ${machine.nodeVersion} (${machine.platform})`;
  const ratio = brier.load.reqPerSec / baseline.load.reqPerSec;
  const fcpMedian = median(input.fcp);
  const perRequest = (ms: number, m: Measured) =>
    `${(ms / Math.max(1, m.load.total)).toFixed(2)} ms`;
  const row = (name: string, m: Measured, share: string) =>
    `| ${name} | ${format(m.load.reqPerSec)} | ${share} | ${m.load.p50Ms} ms | ${m.load.p99Ms} ms | ` +
    `${m.load.errors} / ${m.load.non2xx} | ${format(m.load.total)} | ${m.peakRssMiB.toFixed(0)} MiB | ` +
    `${perRequest(m.serverCpuMs, m)} / ${perRequest(m.postgresCpuMs, m)} / ${perRequest(m.loaderCpuMs, m)} |`;
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    `Date: ${new Date().toISOString().slice(0, 10)}. ${machineText}. 1-minute load average ${input.loadBefore} at the start and ${input.loadAfter} at the end (the machine is shared with other agents' tests; figures move with it). Whole run: ${input.seconds.toFixed(0)} s.`,
    '',
    `Page: \`${input.pagePath}\`, ${format(input.pageBytes)} bytes of HTML, ${settings.points} CP history entries. Load: autocannon, ${settings.connections} connections, pipelining 1, ${settings.warmupSeconds} s warm-up each, then ${settings.durationSeconds} s each in ${settings.rounds} alternating rounds.`,
    '',
    '| Target | req/s | vs baseline | p50 | p99 | errors / non-2xx | requests | server peak RSS | CPU per request: server / PostgreSQL / load generator |',
    '|---|---|---|---|---|---|---|---|---|',
    row('baseline: the same HTML, static, bare Fastify', baseline, '100 %'),
    row('**Brier: GET the question page (PostgreSQL)**', brier, `${(ratio * 100).toFixed(0)} %`),
    '',
    `First contentful paint in headless Chromium (1280×800, cold cache, ${input.fcp.length} loads): median **${fcpMedian.toFixed(0)} ms** (min ${Math.min(...input.fcp).toFixed(0)}, max ${Math.max(...input.fcp).toFixed(0)}).`,
    '',
    '| Target (issue 19) | Result |',
    '|---|---|',
    `| ≥ 50 % of the static page's req/s | ${(ratio * 100).toFixed(0)} %: ${met(ratio >= 0.5)} |`,
    `| p99 < 100 ms | ${brier.load.p99Ms} ms: ${met(brier.load.p99Ms < 100)} |`,
    `| FCP median ≤ 1 s | ${fcpMedian.toFixed(0)} ms: ${met(fcpMedian <= 1000)} |`,
  ].join('\n');
}

async function main(): Promise<void> {
  const started = nowMs();
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  log('building (npm run build)');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('build failed');
  log('starting a throwaway PostgreSQL cluster');
  const cluster = await ThrowawayPostgres.create();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'brier-bench-web-'));
  try {
    const databaseUrl = cluster.url;
    log(`preparing a question with ${settings.points} CP points`);
    const pagePath = await prepareQuestion(databaseUrl, settings.points);
    const brierPort = await freePort();
    const brierBase = `http://127.0.0.1:${brierPort}`;
    const brier = startProcess(
      [
        ...startScriptNodeFlags(root),
        // For experiments, e.g. "--cpu-prof --cpu-prof-dir=prof" (as bench:api takes them).
        ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
        path.join(root, 'dist', 'brier.js'),
        'serve',
      ],
      {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(brierPort),
        BASE_URL: brierBase,
        LOG_LEVEL: 'warn',
        LOAD_DEMO_CONTENT: 'false',
        SESSION_SECRET: 'bench-web-session-secret-0123456789-abcdef',
        RATE_LIMIT_MULTIPLIER: '1000000',
      },
      root,
    );
    await waitForHttp(`${brierBase}/healthz`, brier);
    const page = await fetch(`${brierBase}${pagePath}`);
    if (page.status !== 200) throw new Error(`GET ${pagePath}: ${page.status}`);
    const html = await page.text();
    const htmlFile = path.join(workDir, 'page.html');
    writeFileSync(htmlFile, html);
    const basePort = await freePort();
    const baseline = startProcess(
      [
        '--import',
        'tsx',
        path.join(root, 'bench', 'lib', 'static-page-server.ts'),
        '--file',
        htmlFile,
        '--port',
        String(basePort),
      ],
      { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir() },
      root,
    );
    await waitForHttp(`http://127.0.0.1:${basePort}/healthz`, baseline);

    log('measuring (alternating rounds)');
    const get = (target: string) => () => ({ path: target, headers: { accept: 'text/html' } });
    const [baselineResult, brierResult] = await measureAlternating(
      [
        {
          name: 'baseline',
          url: `http://127.0.0.1:${basePort}`,
          server: baseline,
          method: 'GET',
          nextRequest: get('/page'),
        },
        { name: 'brier', url: brierBase, server: brier, method: 'GET', nextRequest: get(pagePath) },
      ],
      { ...settings, log },
    );
    log(`first contentful paint, ${settings.loads} loads`);
    const fcp = await measureFcp(`${brierBase}${pagePath}`, settings.loads);
    await baseline.stop();
    await brier.stop();
    const section = report({
      baseline: baselineResult!,
      brier: brierResult!,
      pageBytes: Buffer.byteLength(html),
      pagePath,
      fcp,
      seconds: (nowMs() - started) / 1000,
      loadBefore,
      loadAfter: os.loadavg()[0]!.toFixed(1),
    });
    process.stdout.write(`${section}\n`);
  } finally {
    killStartedProcesses();
    await cluster.destroy();
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
