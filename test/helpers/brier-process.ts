// Runs the real `brier` executable (bin/brier.mjs) as a child process, the way an operator does;
// or, with `entry`, another build of it (the esbuild bundle `npm start` runs, see build.test.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_METRICS_TOKEN } from './test-app.ts';
import { waitFor } from './wait-for.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BRIER_BIN = join(REPO_ROOT, 'bin', 'brier.mjs');

export type ProcessEnv = Record<string, string>;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BrierProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited (never rejects). */
  exited: Promise<ExitStatus>;
  hasExited(): boolean;
  signal(signal: NodeJS.Signals): void;
}

export interface RunningBrierServer extends BrierProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
}

export interface SpawnOptions {
  /**
   * The script `node` runs: bin/brier.mjs (the current sources through tsx) unless a test runs
   * a bundle built by scripts/build.mjs, e.g. `<outdir>/brier.js`.
   */
  entry?: string;
  /**
   * A command that runs node, e.g. `['strace', '-f', '-o', file]`: then `pid` and `signal` are
   * the wrapper's; `nodePid()` finds node itself.
   */
  wrapper?: string[];
}

/** Per-test budget for tests that spawn servers or clusters (generous: CI machines get busy). */
export const PROCESS_TEST_TIMEOUT_MS = 180_000;

const started = new Set<BrierProcess>();

/**
 * The child's environment is built from scratch (plus PATH/HOME/TMPDIR) so that nothing from the
 * test runner, such as a DATABASE_URL in the developer's shell, leaks into it.
 */
export function brierEnv(env: ProcessEnv = {}): ProcessEnv {
  const base: ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return {
    ...base,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    SESSION_SECRET: 'ops-test-secret-ops-test-secret-0123456789',
    LOAD_DEMO_CONTENT: 'false',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // Tests fire many requests from one IP and hash many passwords: keep both cheap.
    RATE_LIMIT_MULTIPLIER: '1000',
    ARGON2_MEMORY_KIB: '64',
    ARGON2_TIME_COST: '1',
    ...env,
  };
}

/** Starts `node bin/brier.mjs ...args` (or `node <entry> ...args`) with exactly `env`. */
export function spawnBrier(
  args: string[],
  env: ProcessEnv,
  options: SpawnOptions = {},
): BrierProcess {
  const command = [process.execPath, options.entry ?? BRIER_BIN, ...args];
  const [file, ...rest] = options.wrapper ? [...options.wrapper, ...command] : command;
  const child = spawn(file as string, rest, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let hasExited = false;
  const exited = new Promise<ExitStatus>((resolve) => {
    // 'close' (not 'exit') so that stdout and stderr are complete when we resolve.
    child.on('close', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
    child.on('error', () => {
      hasExited = true;
      resolve({ code: null, signal: null });
    });
  });
  const process_: BrierProcess = {
    child,
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    hasExited: () => hasExited,
    signal(signal) {
      if (!hasExited) child.kill(signal);
    },
  };
  started.add(process_);
  exited.then(() => started.delete(process_));
  return process_;
}

/** Runs a command to completion, e.g. `brier migrate`. */
export async function runBrier(
  args: string[],
  env: ProcessEnv,
  options: SpawnOptions = {},
): Promise<ExitStatus & { stdout: string; stderr: string }> {
  const brier = spawnBrier(args, env, options);
  const status = await brier.exited;
  return { ...status, stdout: brier.stdout(), stderr: brier.stderr() };
}

/** Parses the JSON log lines a server printed (non-JSON lines are skipped). */
export function logLines(output: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line cut by SIGKILL
    }
  }
  return lines;
}

class StartFailed extends Error {}

/**
 * Starts `brier serve` on a kernel-chosen port and resolves once it logs the address it listens on
 * (after migrations). Rejects with the process's stderr if it exits first.
 */
export async function startServerProcess(
  env: ProcessEnv = {},
  options: SpawnOptions = {},
): Promise<RunningBrierServer> {
  const server = spawnBrier(['serve'], brierEnv(env), options);
  const url = await waitFor(
    () => {
      if (server.hasExited()) {
        throw new StartFailed(`brier serve exited early:\n${server.stderr()}${server.stdout()}`);
      }
      const listening = logLines(server.stdout()).find((line) => typeof line.address === 'string');
      return listening ? (listening.address as string) : undefined;
    },
    {
      timeoutMs: 60_000,
      description: 'brier serve to listen',
      isFatal: (error) => error instanceof StartFailed,
    },
  ).catch(async (error) => {
    server.signal('SIGKILL');
    await server.exited;
    throw error;
  });
  return { ...server, url };
}

/** SIGKILLs every process started by this module that is still running (afterAll safety net). */
export async function killStartedProcesses(): Promise<void> {
  const running = [...started];
  for (const brier of running) brier.signal('SIGKILL');
  await Promise.all(running.map((brier) => brier.exited));
}

/** Re-exported for the tests' child processes and clusters (one implementation with the bench). */
export { freePort } from '../../bench/lib/free-port.ts';
