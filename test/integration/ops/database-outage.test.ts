// PostgreSQL going away: /readyz says 503 with a reason and requests fail fast with 503
// DATABASE_UNAVAILABLE; when it comes back the same process recovers. (PGlite lives inside the
// process, so there the checks are that readiness holds and that nobody else can open its data.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  brierEnv,
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  type RunningBrierServer,
  runBrier,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import { register } from '../../helpers/register-request.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { ThrowawayPostgres } from '../../helpers/throwaway-postgres.ts';
import { waitFor } from '../../helpers/wait-for.ts';

// These tests start real processes: on a busy machine that takes far longer than usual.
vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const isPostgres = testBackend() === 'postgres';

/**
 * The pool waits at most 2 s for a connection and readiness pings for at most 2 s; "fast" leaves a
 * margin for a busy machine but is far below a hang (TCP connect timeouts are minutes).
 */
const FAIL_FAST_MS = 5_000;

async function timed<T>(action: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const startedAt = performance.now();
  const value = await action();
  return { value, ms: performance.now() - startedAt };
}

async function readiness(server: RunningBrierServer) {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

afterAll(killStartedProcesses);

describe.runIf(isPostgres)('PostgreSQL stops and comes back', () => {
  let cluster: ThrowawayPostgres;
  beforeAll(async () => {
    cluster = await ThrowawayPostgres.create();
  });
  afterAll(async () => {
    await killStartedProcesses();
    await cluster?.destroy();
  });

  it('answers 503 quickly while it is down and recovers without a restart', async () => {
    const server = await startServerProcess({ DATABASE_URL: cluster.url });
    expect((await readiness(server)).status).toBe(200);
    expect(await register(server.url, 'before_outage')).toBe(201);

    await cluster.stop();

    const ready = await timed(() => readiness(server));
    expect(ready.value.status).toBe(503);
    expect(ready.value.body.status).toBe('not_ready');
    expect(ready.value.body.reason).toEqual(expect.any(String));
    expect(ready.ms).toBeLessThan(FAIL_FAST_MS);

    for (const username of ['during_outage_1', 'during_outage_2']) {
      const write = await timed(() =>
        fetch(`${server.url}/api/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email: `${username}@example.test`,
            username,
            password: 'a long enough password',
          }),
        }),
      );
      expect(write.value.status).toBe(503);
      expect(((await write.value.json()) as { error: { code: string } }).error.code).toBe(
        'DATABASE_UNAVAILABLE',
      );
      expect(write.ms).toBeLessThan(FAIL_FAST_MS);
    }
    // Liveness is about the process, not its dependencies.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await cluster.start();

    await waitFor(async () => (await readiness(server)).status === 200, {
      timeoutMs: 30_000,
      description: '/readyz to recover',
    });
    expect(await register(server.url, 'after_outage')).toBe(201);
    expect(await register(server.url, 'before_outage')).toBe(409);
    expect(server.hasExited()).toBe(false);

    server.signal('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});

describe.runIf(!isPostgres)('PGlite: the database lives in the process', () => {
  let storage: ServerStorage;
  beforeAll(async () => {
    storage = await createServerStorage();
  });
  afterAll(async () => {
    await killStartedProcesses();
    await storage?.cleanup();
  });

  it('stays ready and refuses a second process on the same DATA_DIR', async () => {
    const server = await startServerProcess(storage.env);
    expect((await readiness(server)).status).toBe(200);
    expect(await register(server.url, 'first_instance_user')).toBe(201);

    // A second writer would corrupt the data directory: both commands refuse, naming DATA_DIR.
    for (const command of ['serve', 'migrate']) {
      const second = await runBrier([command], brierEnv(storage.env));
      expect(second.code).toBe(2);
      expect(second.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(second.stderr).toMatch(/^brier: DATA_DIR .* is in use by process \d+/);
    }

    // The first instance did not notice.
    expect(await readiness(server)).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await register(server.url, 'first_instance_user')).toBe(409);
    expect(await register(server.url, 'second_user')).toBe(201);
    server.signal('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
