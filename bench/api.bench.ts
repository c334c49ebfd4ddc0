// `npm run bench:api`: the forecasting API under load (issue 5), against a same-run baseline.
//
// Usage: npm run bench:api -- [--write] [--json FILE] [--backends postgres,pglite]
//                               [--duration 20] [--rounds 4] [--connections 50] [--warmup 5]
//        npm run bench:api -- --from-json FILE [--write]   (re-render saved results)
//        npm run bench:api -- --profile DIR   (the server runs with --cpu-prof; profiles in DIR)
//
// For each backend:
// 1. Baseline: bench/lib/baseline-server.ts (perf-kit's bare Fastify POST /forecast, one INSERT,
//    pg pool 16) in its own fresh database on the local PostgreSQL server (for PGlite, also the
//    same route on PGlite in the baseline's process).
// 2. Brier: a fresh database (PostgreSQL: `brier_bench_<random>` on the local server,
//    dropped afterwards; PGlite: a temp DATA_DIR, deleted afterwards), migrated, loaded with 10k
//    users with API tokens, 20 open binary questions and 100k past forecasts, each question's CP
//    history built by the project's rebuildCpHistory; then the real server as a child process,
//    loaded with POST /api/v1/questions/{id}/forecasts by random users on random questions;
//    afterwards the stored CP history of some questions is checked against a full recompute.
//    The server is the production bundle, as `npm start` runs it: `npm run build` once at the
//    start of the run (scripts/build.mjs, into dist/), then `node dist/brier.js serve` with the
//    node flags of the start script (server-node-flags.ts), so the numbers do not include the
//    tsx loader that bin/brier.mjs registers for development.
// Same autocannon settings for every target: 50 connections, pipelining 1, a 5 s warm-up, then
// 20 s measured in 4 rounds of 5 s that alternate between the targets (api-measure.ts: the shared
// machine's speed drifts, and alternating spreads the drift over every target alike). Prints the markdown section; --write replaces "HTTP API" in docs/PERFORMANCE.md.
// Connects to BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// For experiments: BENCH_SERVER_NODE_ARGS (space-separated node flags for the server, e.g.
// "--trace-gc" or "--heap-growing-percent=200") and BENCH_SERVER_OUTPUT (a file that receives
// the server's stdout).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemClock } from '../src/domain/clock.ts';
import { hashPassword } from '../src/services/auth/password-hashing.ts';
import type { Deps } from '../src/services/deps.ts';
import { rebuildCpHistory } from '../src/services/forecasts/rebuild-cp-history.ts';
import {
  type ApiData,
  DEFAULT_DATA_SPEC,
  generateApiData,
  type LoadedData,
  loadApiData,
} from './lib/api-data.ts';
import {
  killStartedProcesses,
  type ServerProcess,
  startProcess,
  waitForHttp,
} from './lib/api-load.ts';
import {
  type LoadTarget,
  type Measured,
  measureAlternating,
  toTargetResult,
} from './lib/api-measure.ts';
import {
  type ApiRun,
  type BackendResult,
  httpApiSection,
  replaceHttpApiSection,
  type ServerMetrics,
} from './lib/api-report.ts';
import { checkQuestion, countForecasts, type QuestionCheck } from './lib/api-verify.ts';
import { freePort } from './lib/free-port.ts';
import { Mulberry32 } from './lib/mulberry32.ts';
import { machineInfo } from './lib/performance-doc.ts';
import { startScriptEnv, startScriptNodeFlags } from './lib/server-node-flags.ts';
import { nowMs } from './lib/timing.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const performanceDoc = path.join(repositoryRoot, 'docs', 'PERFORMANCE.md');
const buildScript = path.join(repositoryRoot, 'scripts', 'build.mjs');
const brierBundle = path.join(repositoryRoot, 'dist', 'brier.js');
/** The node flags `npm start` gives the server: the bench runs it with the same. */
const serverNodeFlags = startScriptNodeFlags(repositoryRoot);
const baselineScript = path.join(repositoryRoot, 'bench', 'lib', 'baseline-server.ts');

type Backend = 'postgres' | 'pglite';

interface Settings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  backends: Backend[];
  adminUrl: string;
  /** Directory for the server's `--cpu-prof` profiles, when profiling. */
  profileDir: string | null;
  /** The measured seconds of each target are split into this many alternating rounds. */
  rounds: number;
}

function log(message: string): void {
  process.stderr.write(`bench:api ${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

// ---- cleanup: databases we created, temp dirs, child processes (by pid) --------------------
const cleanups: Array<() => Promise<void>> = [];

async function runCleanups(): Promise<void> {
  killStartedProcesses();
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop() as () => Promise<void>;
    await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    runCleanups().finally(() => process.exit(130));
  });
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh database on the server; dropped by the cleanups (or earlier by the returned drop). */
async function createBenchDatabase(adminUrl: string, suffix: string) {
  const name = `brier_bench_${randomBytes(4).toString('hex')}${suffix}`;
  await adminQuery(adminUrl, `create database ${name}`);
  let isDropped = false;
  const drop = async () => {
    if (isDropped) return;
    isDropped = true;
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  };
  cleanups.push(drop);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop };
}

// ---- baseline ---------------------------------------------------------------------------------
interface Started {
  target: LoadTarget;
  stop(): Promise<void>;
}

/**
 * perf-kit's route on the PostgreSQL server, or (`pglite`) on PGlite in the baseline's own
 * process, stored in a temp directory as Brier's embedded database is.
 */
async function startBaseline(settings: Settings, backend: Backend): Promise<Started> {
  let storage: string[];
  let removeStorage: () => Promise<void>;
  if (backend === 'postgres') {
    const database = await createBenchDatabase(settings.adminUrl, '_baseline');
    storage = ['--pg-url', database.url];
    removeStorage = () => database.drop();
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brier-bench-baseline-'));
    storage = ['--pglite-dir', dataDir];
    removeStorage = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const port = await freePort();
  const server = startProcess(
    ['--import', 'tsx', baselineScript, ...storage, '--port', String(port)],
    childEnv({}),
    repositoryRoot,
  );
  const stop = async () => {
    await server.stop();
    await removeStorage();
  };
  try {
    await waitForLine(server, '"ready":true');
  } catch (error) {
    await stop();
    throw error;
  }
  const random = new Mulberry32(7);
  const target: LoadTarget = {
    name: backend === 'postgres' ? 'baseline' : 'baseline-pglite',
    url: `http://127.0.0.1:${port}`,
    server,
    nextRequest: () => ({
      path: '/forecast',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        questionId: 1 + random.integer(20),
        userId: 1 + random.integer(10_000),
        probability: (1 + random.integer(999)) / 1000,
      }),
    }),
  };
  return { target, stop };
}

async function waitForLine(server: ServerProcess, text: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!server.output().includes(text)) {
    if (server.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`baseline server did not start:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- Brier ------------------------------------------------------------------------------------
function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...env };
}

function benchDeps(database: Database): Deps {
  return {
    database,
    config: loadConfig({ LOG_LEVEL: 'silent' }, () => 'unused'),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  };
}

interface Prepared {
  loaded: LoadedData;
  loadSeconds: number;
  rebuildSeconds: number;
  historyEntries: number;
}

/** Migrates, loads the data and builds every question's stored CP history, in this process. */
async function prepare(database: Database, data: ApiData, passwordHash: string): Promise<Prepared> {
  await migrateToLatest(database.db);
  const loadStart = nowMs();
  const loaded = await loadApiData(database.db, data, passwordHash);
  const loadSeconds = (nowMs() - loadStart) / 1000;
  const rebuildStart = nowMs();
  const deps = benchDeps(database);
  let historyEntries = 0;
  for (const questionId of loaded.questionIds) {
    historyEntries += await rebuildCpHistory(deps, { questionId });
  }
  // A server's tables in steady state have been vacuumed: without this, autovacuum (and the first
  // reads setting hint bits) would work through the fresh bulk load during the measured rounds.
  await sql`vacuum (analyze)`.execute(database.db);
  return {
    loaded,
    loadSeconds,
    rebuildSeconds: (nowMs() - rebuildStart) / 1000,
    historyEntries,
  };
}

async function verify(
  database: Database,
  loaded: LoadedData,
): Promise<{
  checks: QuestionCheck[];
  forecastCount: number;
}> {
  const checked = [loaded.questionIds[0], loaded.questionIds[loaded.questionIds.length - 1]];
  const checks: QuestionCheck[] = [];
  for (const questionId of checked) checks.push(await checkQuestion(database.db, questionId));
  return { checks, forecastCount: await countForecasts(database.db) };
}

interface StartedBrier extends Started {
  backend: Backend;
  prepared: Prepared;
  open: () => Promise<Database>;
}

/** A fresh database loaded with the data (histories built), and the real server on it. */
async function startBrier(
  settings: Settings,
  backend: Backend,
  data: ApiData,
  passwordHash: string,
): Promise<StartedBrier> {
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  if (backend === 'postgres') {
    const database = await createBenchDatabase(settings.adminUrl, '');
    env = { DATABASE_URL: database.url };
    open = () => openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 4 });
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brier-bench-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    env = { DATA_DIR: dataDir };
    open = () => openDatabase({ databaseUrl: null, dataDir });
  }
  log(`${backend}: loading ${data.forecasts.length} forecasts and building the CP histories`);
  const database = await open();
  let prepared: Prepared;
  try {
    prepared = await prepare(database, data, passwordHash);
  } finally {
    await database.close();
  }
  log(
    `${backend}: loaded in ${prepared.loadSeconds.toFixed(1)} s, histories built in ` +
      `${prepared.rebuildSeconds.toFixed(1)} s (${prepared.historyEntries} entries per method)`,
  );
  const port = await freePort();
  const profileArgs = settings.profileDir
    ? ['--cpu-prof', '--cpu-prof-dir', settings.profileDir]
    : [];
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = startProcess(
    [...serverNodeFlags, ...extraArgs, ...profileArgs, brierBundle, 'serve'],
    childEnv({
      ...startScriptEnv(repositoryRoot),
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // Rate limits are not what this measures: 60 forecasts a minute per user times a million.
      RATE_LIMIT_MULTIPLIER: '1000000',
      LOAD_DEMO_CONTENT: 'false',
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
    }),
    repositoryRoot,
  );
  await waitForHttp(`http://127.0.0.1:${port}/readyz`, server);
  const { tokens, questionIds } = prepared.loaded;
  const random = new Mulberry32(11);
  const target: LoadTarget = {
    name: backend,
    url: `http://127.0.0.1:${port}`,
    server,
    nextRequest: () => ({
      path: `/api/v1/questions/${questionIds[random.integer(questionIds.length)]}/forecasts`,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[random.integer(tokens.length)]}`,
      },
      body: `{"probability_yes":${(1 + random.integer(999)) / 1000}}`,
    }),
  };
  return { backend, prepared, open, target, stop: () => server.stop() };
}

/**
 * One backend against the PostgreSQL baseline (and, for PGlite, the PGlite baseline too), all
 * measured in alternating rounds (api-measure.ts); then the stored histories are checked.
 */
async function runBackend(
  settings: Settings,
  backend: Backend,
  data: ApiData,
  passwordHash: string,
): Promise<BackendResult> {
  const brier = await startBrier(settings, backend, data, passwordHash);
  // Every server started here, stopped at the end whatever happens.
  const started: Started[] = [brier];
  let measured: Measured[];
  let serverMetrics: ServerMetrics | null = null;
  try {
    const baseline = await startBaseline(settings, 'postgres');
    started.push(baseline);
    const pgliteBaseline = backend === 'pglite' ? await startBaseline(settings, 'pglite') : null;
    if (pgliteBaseline) started.push(pgliteBaseline);
    // Measured in this order: the baseline first, Brier last (the results below rely on it).
    const targets = [baseline, pgliteBaseline, brier].flatMap((server) =>
      server ? [server.target] : [],
    );
    log(
      `${backend}: ${settings.warmupSeconds} s warm-up each, then ${settings.rounds} rounds of ` +
        `${(settings.durationSeconds / settings.rounds).toFixed(1)} s each: ` +
        targets.map((target) => target.name).join(', '),
    );
    measured = await measureAlternating(targets, { ...settings, log });
    // Requests whose client went away when the load stopped still run; let them finish.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    serverMetrics = await scrapeServerMetrics(`${brier.target.url}/metrics`);
  } finally {
    for (const target of started) await target.stop();
  }
  const brierMeasured = measured[measured.length - 1];
  const serverOutput = brier.target.server.output().trim();
  log(`${backend}: ${brierMeasured.load.total} requests; verifying the stored CP histories`);
  const database = await brier.open();
  let verification: Awaited<ReturnType<typeof verify>>;
  try {
    verification = await verify(database, brier.prepared.loaded);
  } finally {
    await database.close();
  }
  await runCleanups();
  const { prepared } = brier;
  return {
    backend,
    ...toTargetResult(backend, brierMeasured),
    baseline: toTargetResult('baseline', measured[0]),
    pgliteBaseline: backend === 'pglite' ? toTargetResult('baseline-pglite', measured[1]) : null,
    loadSeconds: prepared.loadSeconds,
    rebuildSeconds: prepared.rebuildSeconds,
    historyEntries: prepared.historyEntries,
    checks: verification.checks,
    forecastCount: verification.forecastCount,
    serverWarnings: serverOutput === '' ? [] : serverOutput.split('\n').slice(0, 5),
    serverMetrics,
  };
}

/** One unlabelled (or first labelled) sample of a Prometheus metric, else null. */
function metricValue(text: string, name: string, labels = ''): number | null {
  const prefix = `${name}${labels}`;
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${prefix} `));
  return line === undefined ? null : Number(line.slice(prefix.length + 1));
}

/** The server's /metrics is off without a token; the bench reads it after the load. */
const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

/** After the load: how the writes were batched and where the server's memory is. */
async function scrapeServerMetrics(url: string): Promise<ServerMetrics | null> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
  }).catch(() => null);
  if (!response?.ok) return null;
  const text = await response.text();
  const mib = (value: number | null) => (value === null ? null : value / 1024 ** 2);
  const batched = (kind: string) =>
    metricValue(text, 'brier_batched_statements', `{purpose="cp_write",kind="${kind}"}`);
  const statements = batched('statements');
  const events = batched('items');
  return {
    eventsPerStatement: statements && events !== null ? events / statements : null,
    largestBatch: batched('largest_batch'),
    heapUsedMiB: mib(metricValue(text, 'nodejs_heap_size_used_bytes')),
    heapTotalMiB: mib(metricValue(text, 'nodejs_heap_size_total_bytes')),
    externalMiB: mib(metricValue(text, 'nodejs_external_memory_bytes')),
    cpEvents: {
      optimistic: metricValue(text, 'brier_cp_events', '{way="optimistic"}'),
      locked: metricValue(text, 'brier_cp_events', '{way="locked"}'),
      fallback: metricValue(text, 'brier_cp_events', '{way="fallback"}'),
    },
  };
}

function commandLine(values: Record<string, unknown>): string {
  const flags: string[] = [];
  if (values.write) flags.push('--write');
  for (const name of ['backends', 'duration', 'rounds', 'connections', 'warmup']) {
    if (values[name] !== undefined) flags.push(`--${name} ${String(values[name])}`);
  }
  return flags.length === 0 ? 'npm run bench:api' : `npm run bench:api -- ${flags.join(' ')}`;
}

/** Bundles the current sources into dist/ (the server every backend then runs). */
function buildServer(): void {
  log('building the server bundle (scripts/build.mjs)');
  const build = spawnSync(process.execPath, [buildScript], {
    cwd: repositoryRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`scripts/build.mjs failed (exit ${build.status})`);
}

/** Prints the section and, with --write, puts it into docs/PERFORMANCE.md. */
function publish(section: string, isWriting: boolean): void {
  process.stdout.write(`${section}\n`);
  if (isWriting) {
    const existing = existsSync(performanceDoc) ? readFileSync(performanceDoc, 'utf8') : null;
    writeFileSync(performanceDoc, replaceHttpApiSection(existing, section));
    log(`wrote the HTTP API section of ${performanceDoc}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      json: { type: 'string' },
      'from-json': { type: 'string' },
      backends: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const savedRun = values['from-json'];
  if (savedRun !== undefined) {
    const saved = JSON.parse(readFileSync(savedRun, 'utf8')) as ApiRun;
    publish(httpApiSection(saved), values.write === true);
    return;
  }
  const backends = (values.backends ?? 'postgres,pglite').split(',') as Backend[];
  for (const backend of backends) {
    if (backend !== 'postgres' && backend !== 'pglite') {
      throw new RangeError(`unknown backend ${backend}`);
    }
  }
  const settings: Settings = {
    connections: Number(values.connections ?? 50),
    durationSeconds: Number(values.duration ?? 20),
    warmupSeconds: Number(values.warmup ?? 5),
    rounds: Math.max(1, Number(values.rounds ?? 4)),
    backends,
    adminUrl: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    profileDir: values.profile === undefined ? null : path.resolve(values.profile),
  };
  buildServer();
  const loadAtStart = os.loadavg()[0];
  const startedAt = Date.now();
  const spec = { ...DEFAULT_DATA_SPEC, now: Math.floor(Date.now() / 1000) };
  const data = generateApiData(spec);
  // One argon2id hash (the production cost) shared by every user: nobody logs in here.
  const passwordHash = await hashPassword(
    loadConfig({}, () => 'unused'),
    'bench-password-not-used',
  );
  const results: BackendResult[] = [];
  for (const backend of settings.backends) {
    const result = await runBackend(settings, backend, data, passwordHash);
    results.push(result);
    log(
      `${backend}: ${result.reqPerSec.toFixed(0)} req/s, p99 ${result.p99Ms} ms; baseline ` +
        `${result.baseline.reqPerSec.toFixed(0)} req/s ` +
        `(${((100 * result.reqPerSec) / result.baseline.reqPerSec).toFixed(0)} %)`,
    );
  }
  const run: ApiRun = {
    command: commandLine(values),
    date: new Date().toISOString().slice(0, 10),
    machine: machineInfo(loadAtStart),
    totalSeconds: (Date.now() - startedAt) / 1000,
    settings: {
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      rounds: settings.rounds,
    },
    data: {
      users: spec.users,
      questions: spec.questions,
      forecasts: spec.forecasts,
      withdrawn: data.withdrawnCount,
    },
    serverNodeFlags,
    results,
  };
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(run, null, 2)}\n`);
  publish(httpApiSection(run), values.write === true);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `bench:api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
