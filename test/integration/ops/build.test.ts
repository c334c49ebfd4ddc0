// The production bundle (scripts/build.mjs, what `npm start` and the Docker image run) works
// without tsx: it finds its migrations, loads native and wasm packages from node_modules, serves
// the API and the pages, and its CP history worker thread runs as plain JavaScript.
// Both database projects run it: the bundle talks to PGlite and to PostgreSQL through its drivers.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryWorkerData, HistoryWorkerJob } from '../../../src/cli/parallel-history.ts';
import { buildCpHistorySegment } from '../../../src/core/aggregation/cp-history.ts';
import {
  brierEnv,
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  REPO_ROOT,
  runBrier,
  type SpawnOptions,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import { binaryQuestion, forecast } from '../../helpers/cp-fixtures.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';

// These tests start real processes: on a busy machine that takes far longer than usual.
vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

let outdir: string;
let bundle: SpawnOptions;
let storage: ServerStorage;

/** Runs scripts/build.mjs into `outdir`; resolves with its exit code and output. */
function build(outdir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/build.mjs', '--outdir', outdir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  // Inside the repository (test-results/ is git-ignored): the bundle imports its packages from
  // the repository's node_modules, which Node finds only by walking up from the bundle.
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  outdir = mkdtempSync(join(REPO_ROOT, 'test-results', 'build-'));
  bundle = { entry: join(outdir, 'brier.js') };
  storage = await createServerStorage();
  const result = await build(outdir);
  expect(result.output).toContain('brier.js');
  expect(result.code).toBe(0);
});

afterAll(async () => {
  await killStartedProcesses();
  await storage?.cleanup();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('the esbuild bundle', () => {
  it('runs a command that migrates and hashes a password (users create)', async () => {
    const result = await runBrier(
      [
        'users',
        'create',
        '--email',
        'ops@example.org',
        '--username',
        'ops',
        '--password',
        'pw-0123456789',
      ],
      brierEnv(storage.env),
      bundle,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created reader "ops"');
  });

  it('serves the health check and the home page, and stops cleanly on SIGTERM', async () => {
    const server = await startServerProcess(storage.env, bundle);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(await home.text()).toContain('<html');
    server.signal('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('runs the CP history worker thread as plain JavaScript', async () => {
    const question = binaryQuestion({ openTime: 1000 });
    const forecasts = [
      forecast(1, 1, 900, null, [0.2]),
      forecast(2, 2, 1100, 1500, [0.7]),
      forecast(3, 3, 1200, null, [0.4]),
    ];
    // The columns parallel-history.ts packs a bundle into (endTime null as NaN).
    const workerData: HistoryWorkerData = {
      question,
      forecasts: {
        ids: Float64Array.from(forecasts, (row) => row.id),
        userIds: Float64Array.from(forecasts, (row) => row.userId),
        startTimes: Float64Array.from(forecasts, (row) => row.startTime),
        endTimes: Float64Array.from(forecasts, (row) => row.endTime ?? Number.NaN),
        values: Float64Array.from(forecasts, (row) => row.values[0]),
        valueOffsets: Int32Array.from([0, 1, 2, 3]),
      },
    };
    const job: HistoryWorkerJob = {
      method: 'recency_weighted',
      range: { from: 1150, to: Number.POSITIVE_INFINITY },
      options: {},
    };
    const worker = new Worker(pathToFileURL(join(outdir, 'history-worker.js')), { workerData });
    const answer = new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage(job);
    expect(await answer).toEqual(
      buildCpHistorySegment({ question, forecasts }, job.method, job.range, job.options),
    );
  });
});
