// The maths core benchmark's markdown: result table, targets, growth fit, PERFORMANCE.md sections.
import os from 'node:os';
import {
  type CaseResult,
  INCREMENTAL_TIMED_UPDATES,
  INCREMENTAL_WARMUP_UPDATES,
  METACULUS_BINARY_BUILD_PEAK_50K,
  METACULUS_BINARY_BUILD_SECONDS,
  METACULUS_BINARY_SCORE_4K_SECONDS,
  METACULUS_BINARY_SCORE_SECONDS,
  TARGETS,
} from './core-cases.ts';
import { growthSection } from './growth-analysis.ts';
import { findCase, formatCount, formatMs, markdownTable, TYPE_LABELS } from './report-format.ts';
import { BENCH_QUESTION_TYPES } from './synthetic-bundle.ts';

export const MATHS_CORE_HEADING = '## Maths core';
export const HTTP_API_HEADING = '## HTTP API';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  nodeVersion: string;
  platform: string;
  /** 1-minute load average when the run started and ended (the machine may be shared). */
  loadAtStart: number;
  loadAtEnd: number;
}

/** This machine now; `loadAtStart` is the load average read when the run began. */
export function machineInfo(loadAtStart: number): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    nodeVersion: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAtStart,
    loadAtEnd: os.loadavg()[0],
  };
}

export interface RunInfo {
  command: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  machine: MachineInfo;
  totalSeconds: number;
}

function formatRatio(referenceSeconds: number, ms: number): string {
  return `${Math.round((referenceSeconds * 1000) / ms).toLocaleString('en-US')}×`;
}

/** "211 s (26× wall, 38× cpu)": the reference and our speed-up on both clocks. */
function referenceCell(
  referenceSeconds: number | undefined,
  wallMs: number,
  cpuMs: number,
): string {
  if (referenceSeconds === undefined) return '—';
  const wall = formatRatio(referenceSeconds, wallMs);
  return `${referenceSeconds} s (${wall} wall, ${formatRatio(referenceSeconds, cpuMs)} cpu)`;
}

function referenceSeconds(table: Record<string, number>, result: CaseResult): number | undefined {
  return result.type === 'binary' ? table[result.size] : undefined;
}

/** The per-case table: our numbers, then Metaculus' binary numbers and the speed-up. */
export function resultTable(results: readonly CaseResult[]): string {
  const header = [
    'Case',
    'Forecasts / forecasters',
    'CP entries',
    'Full history build',
    'Full history build, 2 threads',
    'Incremental update mean / p99, wall; cpu (active N)',
    'Scoring = build + scoreBundle',
    'Peak RSS: build / + scoring / process',
    'Metaculus build (speed-up)',
    'Metaculus scoring (speed-up)',
  ];
  const rows = results.map((result) => {
    const buildReference = referenceSeconds(METACULUS_BINARY_BUILD_SECONDS, result);
    const scoreReference = referenceSeconds(METACULUS_BINARY_SCORE_SECONDS, result);
    return [
      `${TYPE_LABELS[result.type]} ${result.size}`,
      `${formatCount(result.forecastCount)} / ${formatCount(result.forecasterCount)}`,
      formatCount(result.historyEntries),
      `${formatMs(result.buildMs)} (cpu ${formatMs(result.buildCpuMs)})`,
      `${formatMs(result.buildParallelMs)} (cpu ${formatMs(result.buildParallelCpuMs)})`,
      `${formatMs(result.incrementalMeanMs)} / ${formatMs(result.incrementalP99Ms)}; cpu ${formatMs(result.incrementalCpuMeanMs)} / ${formatMs(result.incrementalCpuP99Ms)} (${formatCount(result.activeAtEnd)})`,
      `${formatMs(result.scoreMs)} (cpu ${formatMs(result.scoreCpuMs)}); scoreBundle ${formatMs(result.scoreBundleMs)}`,
      `${result.peakRssAfterBuildMiB.toFixed(0)} / ${result.peakRssAfterScoreMiB.toFixed(0)} / ${result.peakRssMiB.toFixed(0)} MiB`,
      referenceCell(buildReference, result.buildMs, result.buildCpuMs),
      referenceCell(scoreReference, result.scoreMs, result.scoreCpuMs),
    ];
  });
  return markdownTable(header, rows);
}

/** The targets against this run, judged on wall time and on CPU time. */
export function targetTable(results: readonly CaseResult[]): string {
  const rows: string[][] = [];
  const verdict = (isMet: boolean) => (isMet ? 'met' : '**missed**');
  const timeRow = (target: string, limitMs: number, wallMs: number, cpuMs: number) => [
    target,
    `≤ ${formatMs(limitMs)}`,
    `${formatMs(wallMs)} / ${formatMs(cpuMs)}`,
    `${verdict(wallMs <= limitMs)} / ${verdict(cpuMs <= limitMs)}`,
  ];
  const binary50k = findCase(results, 'binary', '50k');
  if (binary50k !== undefined) {
    rows.push(
      timeRow(
        'binary full history at 50k forecasts',
        TARGETS.binaryBuild50kMs,
        binary50k.buildMs,
        binary50k.buildCpuMs,
      ),
    );
    // Two threads: the target is on elapsed time; their CPU time adds up both threads.
    const parallelRow = timeRow(
      'the same on 2 threads (`brier aggregate` / `brier score`)',
      TARGETS.binaryBuild50kMs,
      binary50k.buildParallelMs,
      binary50k.buildParallelCpuMs,
    );
    parallelRow[3] = `${verdict(binary50k.buildParallelMs <= TARGETS.binaryBuild50kMs)} / — (cpu of 2 threads)`;
    rows.push(parallelRow);
    const isMemoryMet = binary50k.peakRssAfterBuildMiB <= TARGETS.binaryBuild50kPeakMiB;
    rows.push([
      'peak memory of that build (whole process)',
      `≤ ${TARGETS.binaryBuild50kPeakMiB} MB (Metaculus: ${METACULUS_BINARY_BUILD_PEAK_50K})`,
      `${binary50k.peakRssAfterBuildMiB.toFixed(0)} MiB`,
      verdict(isMemoryMet),
    ]);
  }
  const binary10k = findCase(results, 'binary', '10k');
  if (binary10k !== undefined) {
    rows.push(
      timeRow(
        'scoring a 10k-forecast binary question',
        TARGETS.binaryScore10kMs,
        binary10k.scoreMs,
        binary10k.scoreCpuMs,
      ),
    );
  }
  for (const type of BENCH_QUESTION_TYPES) {
    const large = findCase(results, type, '50k');
    if (large === undefined) continue;
    const limit = type === 'numeric' ? TARGETS.incrementalCdfMs : TARGETS.incrementalBinaryMcMs;
    rows.push(
      timeRow(
        `one incremental update (p99), ${TYPE_LABELS[type]}, ${formatCount(large.activeAtEnd)} active`,
        limit,
        large.incrementalP99Ms,
        large.incrementalCpuP99Ms,
      ),
    );
  }
  return markdownTable(
    ['Target (issue 4)', 'Limit', 'Measured: wall / cpu', 'Verdict: wall / cpu'],
    rows,
  );
}

/**
 * What the binary build target means per unit of work, so a miss reads as a cost per pair
 * rather than a bare time (empty when the 50k binary case was not run).
 */
export function buildBudgetNote(results: readonly CaseResult[]): string {
  const binary50k = findCase(results, 'binary', '50k');
  if (binary50k === undefined) return '';
  const allowed = (TARGETS.binaryBuild50kMs * 1e6) / binary50k.activeEntryVisits;
  const measured = (binary50k.buildCpuMs * 1e6) / binary50k.activeEntryVisits;
  return [
    `The 50k binary build visits Σ N = ${formatCount(binary50k.activeEntryVisits)} (entry, active`,
    `forecast) pairs, so the ${formatMs(TARGETS.binaryBuild50kMs)} target allows`,
    `${allowed.toFixed(1)} ns per pair, weight vectors included; this run spent`,
    `${measured.toFixed(1)} ns (CPU).`,
    '',
  ].join('\n');
}

/** The whole "Maths core" section, heading included. */
export function mathsCoreSection(results: readonly CaseResult[], run: RunInfo): string {
  const { machine } = run;
  return [
    MATHS_CORE_HEADING,
    '',
    `Command: \`${run.command}\` (bench/core.bench.ts; each case runs in its own process,`,
    '`bench/core-case.ts <type> <size>`, so peak memory is per case).',
    '',
    `Date: ${run.date}. Machine: ${machine.cpuModel}, ${machine.cores} cores, ` +
      `${machine.memoryGiB.toFixed(1)} GiB RAM, Node ${machine.nodeVersion} (${machine.platform}). ` +
      `1-minute load average ${machine.loadAtStart.toFixed(1)} at the start and ` +
      `${machine.loadAtEnd.toFixed(1)} at the end (the machine is shared; times are wall clock). ` +
      `Whole run: ${run.totalSeconds.toFixed(0)} s.`,
    '',
    'Synthetic data (seeded mulberry32, bench/lib/synthetic-bundle.ts): a 90-day question; each',
    'forecaster arrives at a uniform time in the first 80 % of the window and forecasts, the other',
    'forecasts are updates at uniform times up to 95 % of the window, each ending its author’s',
    'previous forecast; 5 % of forecasters withdraw before the close. Binary P(yes) to 3 decimals,',
    'MC 5-option vectors (softmax with a 0.001 floor, summing to 1), numeric 201-point CDFs from',
    'logistics on a closed [0, 100] range; values drift towards the resolution.',
    '',
    '* **Full history build**: `buildCpHistory(bundle, "recency_weighted")`. A phase whose first',
    '  run takes under 1 s is then run 5 times untimed (a warm JIT, as in a server) and timed over',
    '  up to 20 runs or 1 s, and the median is reported; longer phases are one cold run.',
    '* **2 threads**: `buildCpHistoryInParallel` (src/cli/parallel-history.ts), which `brier',
    '  aggregate` and `brier score` use: for a large enough history, when a second core is idle',
    '  (1-minute load average below cores − 0.5), a worker thread builds the later timesteps',
    '  while the calling thread builds the earlier ones (an identical history); otherwise, and',
    '  for the small cases, it is the one-thread build. Each run starts its own worker (≈ 0.3 s),',
    '  which the split accounts for. Timed like the build (median of 5 after 2 untimed runs, or',
    '  one run of ≥ 1 s); cpu counts both threads.',
    `* **Incremental update**: \`IncrementalCp.fromForecasts\` rebuilt from the forecasts standing at`,
    `  the last event, then ${INCREMENTAL_WARMUP_UPDATES} untimed and ${INCREMENTAL_TIMED_UPDATES} timed \`addForecast\` calls,`,
    '  each a new forecast by a random standing forecaster (ends their previous one: a removal, an',
    '  insertion and one CP entry). p99 is the nearest-rank 99th percentile of the timed calls.',
    '* **Scoring**: the full history build above plus `scoreBundle(bundle, history)` on the',
    '  resolved question (timed separately in the same process and added, so the 50k CDF history',
    '  is built once); "scoreBundle" is that second part alone.',
    '* **cpu**: `process.cpuUsage()` (user + system, all threads of the process) over the same',
    '  calls. On a busy machine wall time includes waiting for a core; CPU time does not.',
    '* **Peak RSS**: `process.resourceUsage().maxRSS` of the case process (nothing subtracted; a',
    '  bare `node --import tsx` process already peaks at ≈ 80 MiB), read after data generation and',
    '  the first (cold) history build, after the first `scoreBundle` on that history, and at the',
    '  end of the process (repeated runs leave garbage that V8 collects lazily, which inflates the',
    '  last figure for the short cases).',
    '',
    resultTable(results),
    '',
    'Metaculus reference (issue 4, their Python code on this machine): binary full-history build',
    '0.46 s / 17.6 s / 211 s at 1k / 10k / 50k forecasts (2.5 GB peak at 50k); binary scoring',
    `2.6 s / ${METACULUS_BINARY_SCORE_4K_SECONDS} s / 165 s at 1k / 4k / 10k forecasts. We have no 4k case, so its`,
    'speed-up is not reported (nothing is interpolated); the 10k scoring speed-up compares their 10k',
    'figure with our 10k case.',
    '',
    '### Targets',
    '',
    targetTable(results),
    '',
    buildBudgetNote(results),
    '### How the time grows',
    '',
    growthSection(results),
    '',
  ].join('\n');
}

const HTTP_API_PLACEHOLDER = [
  HTTP_API_HEADING,
  '',
  '_Placeholder: the HTTP API benchmark (command, date, machine and table) is not written yet._',
  '',
].join('\n');

/**
 * PERFORMANCE.md with its "Maths core" section replaced by `section` (everything from that
 * heading up to the next level-2 heading). A missing file or section is created, keeping the
 * "HTTP API" section (or adding its placeholder).
 */
export function replaceMathsCoreSection(existing: string | null, section: string): string {
  if (existing === null) {
    return ['# Performance', '', section, HTTP_API_PLACEHOLDER].join('\n');
  }
  const lines = existing.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === MATHS_CORE_HEADING);
  if (start < 0) {
    const httpStart = lines.findIndex((line) => line.trimEnd() === HTTP_API_HEADING);
    if (httpStart < 0) return `${existing.trimEnd()}\n\n${section}\n${HTTP_API_PLACEHOLDER}`;
    return [...lines.slice(0, httpStart), section, ...lines.slice(httpStart)].join('\n');
  }
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith('## ')) end++;
  return [...lines.slice(0, start), section, ...lines.slice(end)].join('\n');
}
