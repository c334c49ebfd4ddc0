// PGlite's DATA_DIR runs out of space during a forecast load (issue 22): writes fail with a clear
// 503, the process keeps running, and once there is space again it takes writes without a
// restart; nothing acknowledged is lost and the stored CP history equals a recompute. The data
// directory lives on a small tmpfs this test mounts (it needs root; otherwise it is skipped).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
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
  cpProblems,
  type ForecastData,
  missingForecasts,
  nthForecast,
  type PostedForecast,
  postForecast,
  seedForecastData,
} from '../../helpers/forecast-load.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';
import { testBackend } from '../../helpers/test-db.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const isPglite = testBackend() === 'pglite';
const TMPFS_SIZE = '160m';

/** Mounts a tmpfs at a new temp directory; null (with the reason) when that is not permitted. */
function mountTmpfs(): { dir: string; unmount(): void } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'brier-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `cannot mount a tmpfs: ${(mounted.stderr || mounted.error?.message) ?? ''}` };
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes 1 MiB blocks to `path` until the file system is full. */
function fillDisk(path: string): void {
  const block = Buffer.alloc(1024 * 1024, 1);
  const fd = openSync(path, 'w');
  try {
    for (;;) {
      try {
        writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
    // The last partial block: fill the remaining bytes too.
    for (let size = 512 * 1024; size >= 512; size /= 2) {
      try {
        for (;;) writeSync(fd, block.subarray(0, size));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

const mount = isPglite ? mountTmpfs() : { reason: 'PGlite only' };
const canMount = 'dir' in mount;

let storage: ServerStorage;
let data: ForecastData;
let server: RunningBrierServer;

describe.runIf(isPglite)('PGlite: the data directory runs out of space', () => {
  beforeAll(async () => {
    if (!('dir' in mount)) return;
    storage = await createServerStorage({ parentDir: mount.dir });
    data = await seedForecastData(storage, { forecasts: 100 });
  });
  afterAll(async () => {
    await killStartedProcesses();
    await storage?.cleanup();
    if ('dir' in mount) mount.unmount();
  });

  it.skipIf(!canMount)(
    `answers 503 while full, keeps running, and recovers once there is space (${'reason' in mount ? mount.reason : 'tmpfs'})`,
    async () => {
      if (!('dir' in mount)) return;
      server = await startServerProcess(storage.env);
      const acknowledged: PostedForecast[] = [];
      let next = 0;
      const post = async () => {
        const forecast = nthForecast(data, next++);
        const answer = await postForecast(server.url, forecast.token, forecast);
        if (answer.status === 201) acknowledged.push(forecast);
        return answer;
      };
      for (let i = 0; i < 10; i++) expect((await post()).status).toBe(201);

      const filler = join(mount.dir, 'filler');
      fillDisk(filler);
      // Writes go on until one needs a new block (a table page, a WAL segment).
      const refused: Array<{ status: number; body: unknown }> = [];
      const deadline = Date.now() + 60_000;
      while (refused.length < 3 && Date.now() < deadline && next < data.userIds.length - 50) {
        const answer = await post();
        if (answer.status !== 201) refused.push(answer);
      }
      expect(refused.length).toBeGreaterThan(0);
      for (const answer of refused) {
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({
          error: { code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/disk is full/) },
        });
      }
      expect(server.hasExited()).toBe(false);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      // Space again: writes succeed without a restart.
      rmSync(filler);
      const after = await post();
      expect(after.status, JSON.stringify(after.body)).toBe(201);
      for (let i = 0; i < 10; i++) expect((await post()).status).toBe(201);
      server.signal('SIGTERM');
      expect((await server.exited).code).toBe(0);

      const database = await storage.open();
      try {
        expect(await missingForecasts(database, acknowledged)).toEqual([]);
        expect(await cpProblems(database, data)).toEqual([]);
      } finally {
        await database.close();
      }
    },
  );
});
