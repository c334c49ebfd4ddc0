// SIGKILL in the middle of concurrent writes loses no acknowledged write, and the server starts
// again cleanly on the same storage (PGlite data dir or PostgreSQL database).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import { register, storedUsernames } from '../../helpers/register-request.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';
import { waitFor } from '../../helpers/wait-for.ts';

// These tests start real processes: on a busy machine that takes far longer than usual.
vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const WRITERS = 8;
const ACKNOWLEDGED_BEFORE_KILL = 40;

let storage: ServerStorage;
beforeAll(async () => {
  storage = await createServerStorage();
});
afterAll(async () => {
  await killStartedProcesses();
  await storage.cleanup();
});

describe('SIGKILL during writes', () => {
  it('keeps every acknowledged write and restarts cleanly', async () => {
    const server = await startServerProcess(storage.env);
    const acknowledged: string[] = [];
    const unexpected: number[] = [];

    // Each writer registers users one after another until its connection fails (the kill).
    const writer = async (writerIndex: number) => {
      for (let i = 0; ; i++) {
        const username = `w${writerIndex}_${i}`;
        let status: number;
        try {
          status = await register(server.url, username);
        } catch {
          return;
        }
        if (status === 201) acknowledged.push(username);
        else unexpected.push(status);
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));

    await waitFor(() => acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL || unexpected.length > 0, {
      timeoutMs: 60_000,
      description: `${ACKNOWLEDGED_BEFORE_KILL} acknowledged registrations`,
    });
    // Every writer has a request in flight right now: kill without any chance to clean up.
    server.signal('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    await Promise.all(writers);
    const acknowledgedAtKill = [...acknowledged];
    expect(unexpected).toEqual([]);
    expect(acknowledgedAtKill.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    // Same storage, new process: it starts (stale PGlite lock and all), is ready and takes writes.
    const restarted = await startServerProcess(storage.env);
    const ready = await fetch(`${restarted.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(await register(restarted.url, 'after_restart')).toBe(201);
    // A username taken before the kill is still taken: the row is really there.
    expect(await register(restarted.url, acknowledgedAtKill[0]!)).toBe(409);
    restarted.signal('SIGTERM');
    expect((await restarted.exited).code).toBe(0);

    const database = await storage.open();
    try {
      const stored = await storedUsernames(database);
      expect(acknowledgedAtKill.filter((name) => !stored.has(name))).toEqual([]);
      expect(stored).toContain('after_restart');
    } finally {
      await database.close();
    }
  });
});
