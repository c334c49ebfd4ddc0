// `npm run bench:memory`: the server's memory (RSS) on each backend, idle with the demo content and
// under a short read load (issue 22).
//
// Usage: npm run bench:memory -- [--backends postgres,pglite] [--idle 10] [--load 15]
//                                 [--connections 20]
//
// For each backend: a fresh database (PostgreSQL: `brier_bench_<random>` on BENCH_PG_URL, default
// postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards; PGlite: a temp DATA_DIR,
// deleted afterwards); the production bundle (`npm run build` once, then `node <start script's
// flags and environment> dist/brier.js serve`, as `npm start` runs it) with LOAD_DEMO_CONTENT=true; once it is
// ready, VmRSS (/proc/<pid>/status) sampled every 200 ms for `--idle` seconds (idle: last sample
// and peak), then `--load` seconds of autocannon GETs over the demo's pages and API (the home
// page, the question list, every question page and its API record), RSS peak meanwhile. Prints a
// markdown table (MiB). The server's peak RSS under the forecast load is what `npm run bench:api`
// reports.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  killStartedProcesses,
  readRssMiB,
  sampleRss,
  startProcess,
  waitForHttp,
} from './lib/api-load.ts';
import { freePort } from './lib/free-port.ts';
import { machineInfo } from './lib/performance-doc.ts';
import { startScriptEnv, startScriptNodeFlags } from './lib/server-node-flags.ts';

type Backend = 'postgres' | 'pglite';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const brierBundle = path.join(repositoryRoot, 'dist', 'brier.js');

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'postgres,pglite' },
    idle: { type: 'string', default: '10' },
    load: { type: 'string', default: '15' },
    connections: { type: 'string', default: '20' },
  },
});
const backends = (values.backends ?? '').split(',').filter(Boolean) as Backend[];
const idleSeconds = Number(values.idle);
const loadSeconds = Number(values.load);
const connections = Number(values.connections);
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const cleanups: Array<() => Promise<void>> = [];

function log(message: string): void {
  process.stderr.write(`bench:memory ${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function storageFor(backend: Backend): Promise<Record<string, string>> {
  if (backend === 'postgres') {
    const name = `brier_bench_${randomBytes(4).toString('hex')}_memory`;
    await adminQuery(`create database ${name}`);
    cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { DATABASE_URL: url.toString() };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brier-bench-memory-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  return { DATA_DIR: dataDir };
}

function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...env };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MemoryResult {
  backend: Backend;
  startSeconds: number;
  idleMiB: number;
  idlePeakMiB: number;
  loadPeakMiB: number;
  afterLoadMiB: number;
  requests: number;
  reqPerSec: number;
  non2xx: number;
}

async function measure(backend: Backend): Promise<MemoryResult> {
  const storage = await storageFor(backend);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const startedAt = Date.now();
  const server = startProcess(
    [...startScriptNodeFlags(repositoryRoot), brierBundle, 'serve'],
    childEnv({
      ...startScriptEnv(repositoryRoot),
      ...storage,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOAD_DEMO_CONTENT: 'true',
      RATE_LIMIT_MULTIPLIER: '1000000',
    }),
    repositoryRoot,
  );
  try {
    await waitForHttp(`${url}/readyz`, server, 600_000);
    const startSeconds = (Date.now() - startedAt) / 1000;
    log(
      `${backend}: ready after ${startSeconds.toFixed(1)} s (demo loaded); idle ${idleSeconds} s`,
    );
    const idle = sampleRss(server.pid);
    await sleep(idleSeconds * 1000);
    const idlePeakMiB = idle.stop();
    const idleMiB = readRssMiB(server.pid) ?? 0;

    const list = (await (await fetch(`${url}/api/v1/questions?limit=100`)).json()) as {
      items?: Array<{ id: number }>;
    };
    const ids = (list.items ?? []).map((question) => question.id);
    const paths = [
      '/',
      '/api/v1/questions',
      ...ids.flatMap((id) => [`/questions/${id}`, `/api/v1/questions/${id}`]),
    ];
    log(`${backend}: ${loadSeconds} s of GETs over ${paths.length} paths`);
    let next = 0;
    const loaded = sampleRss(server.pid);
    const result = await autocannon({
      url,
      connections,
      duration: loadSeconds,
      pipelining: 1,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
        },
      ],
    });
    const loadPeakMiB = loaded.stop();
    await sleep(2000);
    return {
      backend,
      startSeconds,
      idleMiB,
      idlePeakMiB,
      loadPeakMiB,
      afterLoadMiB: readRssMiB(server.pid) ?? 0,
      requests: result.requests.total,
      reqPerSec: result.requests.average,
      non2xx: result.non2xx,
    };
  } finally {
    await server.stop();
  }
}

function describeMachine(machine: ReturnType<typeof machineInfo>): string {
  return (
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machine.cpuModel}, ` +
    `${machine.cores} cores, Node ${machine.nodeVersion}. 1-minute load average ` +
    `${machine.loadAtStart.toFixed(1)} at the start and ${machine.loadAtEnd.toFixed(1)} at the end.`
  );
}

function table(results: MemoryResult[]): string {
  const mib = (value: number) => `${value.toFixed(0)} MiB`;
  return [
    '| Backend | start with demo | idle RSS | idle peak | peak under GET load | after load | GET load |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.backend} | ${r.startSeconds.toFixed(1)} s | ${mib(r.idleMiB)} | ${mib(r.idlePeakMiB)} | ` +
        `${mib(r.loadPeakMiB)} | ${mib(r.afterLoadMiB)} | ${r.reqPerSec.toFixed(0)} req/s, ` +
        `${r.requests} requests, ${r.non2xx} non-2xx |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0];
  log('building the server bundle (scripts/build.mjs)');
  const build = spawnSync(process.execPath, [path.join(repositoryRoot, 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('build failed');
  const results: MemoryResult[] = [];
  for (const backend of backends) results.push(await measure(backend));
  process.stdout.write(
    `Command: \`npm run bench:memory -- --backends ${backends.join(',')}\` ` +
      `(bench/memory.bench.ts; idle ${idleSeconds} s, GET load ${loadSeconds} s with ` +
      `${connections} connections).\n\n${describeMachine(machineInfo(loadAtStart))}\n\n` +
      `${table(results)}\n`,
  );
}

try {
  await main();
} finally {
  killStartedProcesses();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
