// A misconfigured `brier` exits 2 with one line on stderr naming the variable: no stack trace.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  brierEnv,
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  type ProcessEnv,
  runBrier,
} from '../../helpers/brier-process.ts';
import { createEmptyPostgresDatabase, testBackend } from '../../helpers/test-db.ts';

// These tests start real processes: on a busy machine that takes far longer than usual.
vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

let dataDir: string;
let backendEnv: ProcessEnv;
let dropDatabase: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'brier-config-'));
  if (testBackend() === 'postgres') {
    const database = await createEmptyPostgresDatabase();
    backendEnv = { DATABASE_URL: database.url };
    dropDatabase = database.drop;
  } else {
    backendEnv = { DATA_DIR: dataDir };
  }
});

afterAll(async () => {
  await killStartedProcesses();
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

function expectOneLine(stderr: string, prefix: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]!.startsWith(prefix)).toBe(true);
  expect(stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
}

describe('configuration errors', () => {
  it('serve with PORT=abc exits 2 with one line naming PORT', async () => {
    const result = await runBrier(['serve'], brierEnv({ ...backendEnv, PORT: 'abc' }));
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, 'brier: PORT: ');
    expect(result.stdout).toBe('');
  });

  it('migrate with a non-PostgreSQL DATABASE_URL exits 2 naming DATABASE_URL', async () => {
    const result = await runBrier(
      ['migrate'],
      brierEnv({ DATABASE_URL: 'mysql://root:hunter2@localhost/brier' }),
    );
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, 'brier: DATABASE_URL: ');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('serve in production without SESSION_SECRET exits 2 naming SESSION_SECRET', async () => {
    const env = brierEnv({ ...backendEnv, NODE_ENV: 'production' });
    delete env.SESSION_SECRET;
    const result = await runBrier(['serve'], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, 'brier: SESSION_SECRET: ');
  });

  it('serve on a port that is taken exits 2 naming PORT and releases the database', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await runBrier(['serve'], brierEnv({ ...backendEnv, PORT: String(port) }));
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, 'brier: PORT: ');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    if (testBackend() === 'pglite') {
      // The process exited on its own (no hang) and left no lock behind.
      expect(readdirSync(dataDir)).not.toContain('brier.pid');
    }
  });
});
