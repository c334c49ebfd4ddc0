// Load and measurement helpers of the HTTP API benchmark: server child processes (started, waited
// for and stopped by pid), an RSS sampler reading /proc/<pid>/status, and the autocannon run.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import autocannon, { type AutocannonRequest } from 'autocannon';

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const started = new Set<ServerProcess>();

/** Starts `node …args` with exactly `env` (stdout and stderr are kept for error reports). */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): ServerProcess {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  if (process.env.BENCH_SERVER_OUTPUT) {
    const file = createWriteStream(process.env.BENCH_SERVER_OUTPUT);
    child.stdout?.pipe(file);
  }
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const server: ServerProcess = {
    child,
    pid: child.pid ?? -1,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      started.delete(server);
    },
  };
  started.add(server);
  return server;
}

/** Kills (SIGKILL, by pid) every process this module started that still runs. */
export function killStartedProcesses(): void {
  for (const server of started) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
  started.clear();
}

/** Polls `url` until it answers 200; fails when the process exits or after `timeoutMs`. */
export async function waitForHttp(
  url: string,
  server: ServerProcess,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(
        `server exited (${server.child.exitCode}) before answering:\n${server.output()}`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${server.output()}`);
}

/** Resident set size of a process in MiB (VmRSS of /proc/<pid>/status), or null when gone. */
export function readRssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples VmRSS every `intervalMs`; `stop()` returns the largest sample in MiB. */
export function sampleRss(pid: number, intervalMs = 200): { stop(): number } {
  let peak = readRssMiB(pid) ?? 0;
  const timer = setInterval(() => {
    const rss = readRssMiB(pid);
    if (rss !== null && rss > peak) peak = rss;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const rss = readRssMiB(pid);
      return Math.max(peak, rss ?? 0);
    },
  };
}

/** Cumulative CPU time (user + system) of a process in ms, from /proc/<pid>/stat. */
export function readCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** POST unless said (the web bench GETs pages). */
  method?: 'GET' | 'POST';
  /** Builds each request: path, headers and body (none for a GET). */
  nextRequest: () => { path: string; headers: Record<string, string>; body?: string };
  /** Receives every answered request's latency in ms (to merge runs into one distribution). */
  latencies?: number[];
}

export interface LoadResult {
  /** Mean of autocannon's per-second samples (what its CLI prints as Req/Sec avg). */
  reqPerSec: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts included. */
  errors: number;
  non2xx: number;
  /** The first few non-2xx answers, `status body`. */
  non2xxSamples: string[];
  durationSeconds: number;
}

const MAX_SAMPLES = 5;

/** 50 connections (or as given), pipelining 1, every request built by `nextRequest`. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const non2xxSamples: string[] = [];
  const request: AutocannonRequest = {
    method: options.method ?? 'POST',
    setupRequest: (base) => {
      const next = options.nextRequest();
      const request = { ...base, path: next.path, headers: next.headers };
      return next.body === undefined ? request : { ...request, body: next.body };
    },
    onResponse: (status, body) => {
      if ((status < 200 || status >= 300) && non2xxSamples.length < MAX_SAMPLES) {
        non2xxSamples.push(`${status} ${body.slice(0, 300)}`);
      }
    },
  };
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    requests: [request],
  });
  const { latencies } = options;
  if (latencies !== undefined) {
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
    });
  }
  const result = await instance;
  return {
    reqPerSec: result.requests.average,
    total: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    non2xxSamples,
    durationSeconds: result.duration,
  };
}
