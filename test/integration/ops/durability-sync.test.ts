// PGlite on disk syncs each acknowledged write before answering (src/db/pglite-durable-fs.ts): the
// real server runs under `strace -f -e trace=fsync,fdatasync`, and every forecast answered has at
// least one sync system call before its answer; under concurrent load, at least one sync per
// group-committed batch. (PostgreSQL syncs its WAL itself: nothing of ours to check there.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  type RunningBrierServer,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import {
  type ForecastData,
  metricValue,
  missingForecasts,
  nthForecast,
  type PostedForecast,
  postForecast,
  seedForecastData,
} from '../../helpers/forecast-load.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';
import { METRICS_AUTH } from '../../helpers/test-app.ts';
import { testBackend } from '../../helpers/test-db.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const isPglite = testBackend() === 'pglite';

const SEQUENTIAL = 12;
const CONCURRENT = 96;
const CLIENTS = 16;

let storage: ServerStorage;
let data: ForecastData;
let traceDir: string;
let traceFile: string;
let server: RunningBrierServer;
let nodePid = 0;

/** Sync system calls strace has written so far (it writes each line as the call returns). */
function syncCalls(): number {
  let text: string;
  try {
    text = readFileSync(traceFile, 'utf8');
  } catch {
    return 0;
  }
  return text.split('\n').filter((line) => /\b(fdatasync|fsync)\(\d+\)\s+= 0/.test(line)).length;
}

async function metrics(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH });
  return response.text();
}

describe.runIf(isPglite)('PGlite syncs acknowledged writes', () => {
  beforeAll(async () => {
    if (!hasStrace) throw new Error('strace is not installed (.ci/run installs it)');
    storage = await createServerStorage();
    data = await seedForecastData(storage);
    traceDir = mkdtempSync(join(tmpdir(), 'brier-strace-'));
    traceFile = join(traceDir, 'syncs.txt');
    server = await startServerProcess(storage.env, {
      wrapper: ['strace', '-f', '-qq', '-e', 'trace=fsync,fdatasync', '-o', traceFile],
    });
    nodePid = childPid(server.pid);
  });
  afterAll(async () => {
    if (nodePid > 0 && isRunning(nodePid)) process.kill(nodePid, 'SIGKILL');
    await killStartedProcesses();
    await storage?.cleanup();
    if (traceDir) rmSync(traceDir, { recursive: true, force: true });
  });

  it('syncs before answering each forecast', async () => {
    const acknowledged: PostedForecast[] = [];
    for (let index = 0; index < SEQUENTIAL; index++) {
      const forecast = nthForecast(data, index);
      const before = syncCalls();
      const { status, body } = await postForecast(server.url, forecast.token, forecast);
      expect(status, JSON.stringify(body)).toBe(201);
      acknowledged.push(forecast);
      // The sync's line is in the file before the answer arrives: strace writes it when the
      // call returns, before the server goes on to answer.
      expect(syncCalls() - before).toBeGreaterThanOrEqual(1);
    }
    expect(acknowledged).toHaveLength(SEQUENTIAL);
  });

  it('syncs at least once per group-committed batch under concurrent load', async () => {
    const statementsBefore = metricValue(
      await metrics(),
      'brier_batched_statements',
      'purpose="cp_write",kind="statements"',
    );
    const syncsBefore = syncCalls();
    const acknowledged: PostedForecast[] = [];
    let next = SEQUENTIAL;
    const client = async () => {
      while (next < SEQUENTIAL + CONCURRENT) {
        const forecast = nthForecast(data, next++);
        const { status, body } = await postForecast(server.url, forecast.token, forecast);
        expect(status, JSON.stringify(body)).toBe(201);
        acknowledged.push(forecast);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const after = await metrics();
    const statements =
      metricValue(after, 'brier_batched_statements', 'purpose="cp_write",kind="statements"') -
      statementsBefore;
    const syncs = syncCalls() - syncsBefore;
    expect(acknowledged).toHaveLength(CONCURRENT);
    // Batches did form (fewer statements than forecasts), and each had its sync.
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(CONCURRENT);
    expect(syncs).toBeGreaterThanOrEqual(statements);
    // The server's own count agrees with what the kernel saw.
    expect(metricValue(after, 'brier_pglite_syncs')).toBeGreaterThanOrEqual(syncs);

    // Stop the server (strace then exits too): every acknowledged forecast is stored.
    process.kill(nodePid, 'SIGTERM');
    await server.exited;
    const database = await storage.open();
    try {
      expect(await missingForecasts(database, acknowledged)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

/** The node process strace started: signals go to it (strace would detach and leave it running). */
function childPid(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  const found = Number(children[0]);
  if (!Number.isInteger(found) || found <= 0) throw new Error(`strace ${pid} has no child`);
  return found;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
