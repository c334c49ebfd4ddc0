// Measuring servers under load in alternating rounds, with the CPU of the server, of PostgreSQL's
// processes and of the load generator (this process).
//
// The machines are shared virtual machines whose speed drifts by ±20 % within minutes: a baseline
// measured first and Brier measured a minute later could differ by that much for reasons of
// neither. So the targets of one comparison take turns: round 1 baseline then Brier, round 2
// again, and so on; drift then falls on both alike, and each target's figures are over all of its
// rounds together (requests, seconds and CPU summed, latency percentiles over every request).
import { readdirSync, readFileSync } from 'node:fs';
import { type LoadResult, readCpuMs, runLoad, type ServerProcess, sampleRss } from './api-load.ts';
import type { TargetResult } from './api-report.ts';

export interface LoadTarget {
  name: string;
  url: string;
  server: ServerProcess;
  method?: Parameters<typeof runLoad>[0]['method'];
  nextRequest: Parameters<typeof runLoad>[0]['nextRequest'];
}

export interface Measured {
  load: LoadResult;
  peakRssMiB: number;
  serverCpuMs: number;
  postgresCpuMs: number;
  loaderCpuMs: number;
}

export interface AlternationSettings {
  connections: number;
  warmupSeconds: number;
  /** Measured seconds per target, split evenly over the rounds. */
  durationSeconds: number;
  rounds: number;
  log: (message: string) => void;
}

/**
 * Warms each target up (unmeasured), then measures them in turn, `rounds` times, each for
 * durationSeconds / rounds. Results are in the order of `targets`.
 */
export async function measureAlternating(
  targets: readonly LoadTarget[],
  settings: AlternationSettings,
): Promise<Measured[]> {
  const { connections } = settings;
  for (const target of targets) {
    if (settings.warmupSeconds > 0) {
      const { url, method, nextRequest } = target;
      const durationSeconds = settings.warmupSeconds;
      await runLoad({ url, method, connections, durationSeconds, nextRequest });
    }
  }
  const samplers = targets.map((target) => sampleRss(target.server.pid));
  const sums = targets.map(() => ({ serverCpuMs: 0, postgresCpuMs: 0, loaderCpuMs: 0 }));
  const loads: LoadResult[][] = targets.map(() => []);
  const latencies: number[][] = targets.map(() => []);
  const windowSeconds = settings.durationSeconds / settings.rounds;
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const serverBefore = readCpuMs(target.server.pid) ?? 0;
      const postgresBefore = postgresCpuSnapshot();
      const loaderBefore = ownCpuMs();
      const load = await runLoad({
        url: target.url,
        method: target.method,
        connections,
        durationSeconds: windowSeconds,
        nextRequest: target.nextRequest,
        latencies: latencies[i],
      });
      sums[i].loaderCpuMs += ownCpuMs() - loaderBefore;
      sums[i].postgresCpuMs += postgresCpuSince(postgresBefore);
      sums[i].serverCpuMs += (readCpuMs(target.server.pid) ?? 0) - serverBefore;
      loads[i].push(load);
    }
    settings.log(`round ${round}/${settings.rounds}: ${roundSummary(targets, loads)}`);
  }
  return targets.map((_, i) => ({
    load: mergeLoads(loads[i], latencies[i]),
    peakRssMiB: samplers[i].stop(),
    ...sums[i],
  }));
}

function roundSummary(targets: readonly LoadTarget[], loads: LoadResult[][]): string {
  return targets
    .map((target, i) => `${target.name} ${loads[i][loads[i].length - 1].reqPerSec.toFixed(0)}`)
    .join(', ');
}

/** One result for several runs: totals, req/s = requests / seconds, percentiles of all latencies. */
export function mergeLoads(parts: readonly LoadResult[], latencies: number[]): LoadResult {
  const total = parts.reduce((sum, part) => sum + part.total, 0);
  const durationSeconds = parts.reduce((sum, part) => sum + part.durationSeconds, 0);
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: total / Math.max(durationSeconds, 1e-9),
    total,
    p50Ms: nearestRank(latencies, 0.5),
    p99Ms: nearestRank(latencies, 0.99),
    errors: parts.reduce((sum, part) => sum + part.errors, 0),
    non2xx: parts.reduce((sum, part) => sum + part.non2xx, 0),
    non2xxSamples: parts.flatMap((part) => part.non2xxSamples).slice(0, 5),
    durationSeconds,
  };
}

/** Nearest-rank percentile of ascending values, in ms to 0.1 (NaN when there are none). */
export function nearestRank(sorted: readonly number[], quantile: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

export function toTargetResult(name: string, measured: Measured): TargetResult {
  const requests = Math.max(1, measured.load.total);
  return {
    name,
    ...measured.load,
    peakRssMiB: measured.peakRssMiB,
    serverCpuMsPerRequest: measured.serverCpuMs / requests,
    postgresCpuMsPerRequest: measured.postgresCpuMs / requests,
    loaderCpuMsPerRequest: measured.loaderCpuMs / requests,
  };
}

// ---- CPU accounting: PostgreSQL's processes and this process ---------------------------------
function postgresCpuSnapshot(): Map<number, number> {
  const snapshot = new Map<number, number>();
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm !== 'postgres') continue;
      const cpu = readCpuMs(Number(entry));
      if (cpu !== null) snapshot.set(Number(entry), cpu);
    } catch {
      // the process ended
    }
  }
  return snapshot;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of postgresCpuSnapshot()) total += cpu - (before.get(pid) ?? 0);
  return total;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
