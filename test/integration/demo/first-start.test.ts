// `brier serve` on an empty database loads the demo content and prints the admin login, once;
// `brier seed --demo` does the same on demand and refuses a database that has accounts. Real
// processes on a temp DATA_DIR (pglite project) or a fresh PostgreSQL database (postgres project).
import { describe, expect, it, vi } from 'vitest';
import {
  brierEnv,
  logLines,
  PROCESS_TEST_TIMEOUT_MS,
  runBrier,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import { useServerStorages } from '../../helpers/server-storage.ts';
import { waitFor } from '../../helpers/wait-for.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const LOGIN_LINE =
  /^Demo content loaded\. Admin login: username (\S+), email (\S+), password (\S+)$/m;

const freshStorage = useServerStorages();

async function questionCount(url: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/questions?limit=100`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

async function stop(server: Awaited<ReturnType<typeof startServerProcess>>): Promise<void> {
  server.signal('SIGTERM');
  expect(await server.exited).toEqual({ code: 0, signal: null });
}

describe('brier serve on an empty database', () => {
  it('loads the demo and prints the admin login; a restart does not load it again', async () => {
    const storage = await freshStorage();
    const env = { ...storage.env, LOAD_DEMO_CONTENT: 'true' };
    const first = await startServerProcess(env);
    const [, username, , password] = await waitFor(
      () => LOGIN_LINE.exec(first.stdout()) ?? undefined,
      {
        description: 'the admin login on stdout',
      },
    );
    // What was loaded is logged at info; the password is not in the JSON log at all.
    const entries = logLines(first.stdout());
    const logged = entries.find((entry) => entry.demo !== undefined);
    expect(logged).toMatchObject({ level: 30, demo: { admin: { username } } });
    expect(entries.filter((entry) => JSON.stringify(entry).includes(password!))).toEqual([]);
    const loadedQuestions = (logged!.demo as { questions: number }).questions;
    expect(loadedQuestions).toBeGreaterThanOrEqual(10);
    expect(await questionCount(first.url)).toBe(loadedQuestions);

    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: username, password }),
    });
    expect(login.status).toBe(200);
    await stop(first);
    // Each request is one line at info, with its id, method, URL and status.
    const requestLines = logLines(first.stdout()).filter((entry) => entry.reqId !== undefined);
    expect(
      requestLines.map(({ level, msg, method, status }) => ({ level, msg, method, status })),
    ).toEqual([
      { level: 30, msg: 'request', method: 'GET', status: 200 },
      { level: 30, msg: 'request', method: 'POST', status: 200 },
    ]);

    const second = await startServerProcess(env);
    expect(await questionCount(second.url)).toBe(loadedQuestions);
    await stop(second);
    expect(second.stdout()).not.toMatch(/Demo content loaded/);

    const seed = await runBrier(['seed', '--demo'], brierEnv(storage.env));
    expect(seed.code).toBe(1);
    expect(seed.stdout).toBe('');
    expect(seed.stderr).toMatch(/^brier: the database already has accounts; .*\n$/);
  });

  it('serves an empty site with LOAD_DEMO_CONTENT=false; `brier seed --demo` then loads it', async () => {
    const storage = await freshStorage();
    const server = await startServerProcess({ ...storage.env, LOAD_DEMO_CONTENT: 'false' });
    expect(await questionCount(server.url)).toBe(0);
    await stop(server);
    expect(server.stdout()).not.toMatch(/Demo content loaded/);

    const bad = await runBrier(['seed'], brierEnv(storage.env));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^brier: seed needs --demo/);

    const seed = await runBrier(
      ['seed', '--demo', '--admin-username', 'root', '--admin-email', 'root@example.com'],
      brierEnv(storage.env),
    );
    expect(seed.stderr).toBe('');
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/^admin username: root$/m);
    expect(seed.stdout).toMatch(/^admin email: root@example\.com$/m);
    expect(seed.stdout).toMatch(/^admin password: [A-Za-z0-9_-]{24}$/m);
  });
});
