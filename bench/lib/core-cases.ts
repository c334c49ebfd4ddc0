// The maths core benchmark's cases, the result one case reports, and the reference numbers.
import type { BenchQuestionType } from './synthetic-bundle.ts';

export interface CaseSize {
  label: string;
  forecastCount: number;
  forecasterCount: number;
}

export const CASE_SIZES: readonly CaseSize[] = [
  { label: '1k', forecastCount: 1_000, forecasterCount: 200 },
  { label: '10k', forecastCount: 10_000, forecasterCount: 2_000 },
  { label: '50k', forecastCount: 50_000, forecasterCount: 10_000 },
];

export function caseSizeOf(label: string): CaseSize {
  const size = CASE_SIZES.find((candidate) => candidate.label === label);
  if (size === undefined) {
    throw new RangeError(`unknown size ${label}; use ${CASE_SIZES.map((s) => s.label).join(', ')}`);
  }
  return size;
}

/** Fixed per case so every run benchmarks the same data. */
export function caseSeed(type: BenchQuestionType, size: CaseSize): number {
  const typeIndex = ['binary', 'multiple_choice', 'numeric'].indexOf(type);
  return 0x5eed0000 + typeIndex * 1000 + size.forecastCount / 1000;
}

/** Updates applied before timing (JIT warm-up) and timed, per case. */
export const INCREMENTAL_WARMUP_UPDATES = 50;
export const INCREMENTAL_TIMED_UPDATES = 200;

export type CasePhase = 'generate' | 'build' | 'incremental' | 'score' | 'parallel';
export const CASE_PHASES: readonly CasePhase[] = [
  'generate',
  'build',
  'score',
  'incremental',
  'parallel',
];

/** What `bench/core-case.ts` reports for one case (times in ms, memory in MiB). */
export interface CaseResult {
  type: BenchQuestionType;
  size: string;
  forecastCount: number;
  forecasterCount: number;
  historyEntries: number;
  /** Σ of the active-set sizes over the history entries: the (entry, forecast) pairs a build visits. */
  activeEntryVisits: number;
  /** Forecasts active when the incremental updates start. */
  activeAtEnd: number;
  generateMs: number;
  buildMs: number;
  buildCpuMs: number;
  buildRuns: number;
  /** The same build on two threads, as `brier aggregate` / `brier score` run it (median). */
  buildParallelMs: number;
  buildParallelCpuMs: number;
  buildParallelRuns: number;
  incrementalMeanMs: number;
  /** Process CPU time per timed update: mean and p99 (µs resolution). */
  incrementalCpuMeanMs: number;
  incrementalCpuP99Ms: number;
  incrementalP99Ms: number;
  incrementalMaxMs: number;
  /** Scoring a question: the history build (buildMs) + scoreBundle on that history. */
  scoreMs: number;
  scoreCpuMs: number;
  /** The scoreBundle part of scoreMs (median over scoreBundleRuns runs). */
  scoreBundleMs: number;
  scoreBundleCpuMs: number;
  scoreBundleRuns: number;
  /** Peak RSS of the case process after data generation and the first (cold) history build. */
  peakRssAfterBuildMiB: number;
  /** Peak RSS after the first scoreBundle run on that history (still held). */
  peakRssAfterScoreMiB: number;
  /** Peak RSS of the whole case process, repeated runs and incremental updates included. */
  peakRssMiB: number;
}

/** Messages from a case process to the parent. */
export type CaseMessage =
  | { kind: 'phase'; phase: CasePhase }
  | { kind: 'result'; result: CaseResult };

/**
 * Metaculus' own Python code measured on this machine (issue 4): binary full-history build
 * at 1k / 10k / 50k forecasts and binary scoring at 1k / 4k / 10k forecasts, in seconds, plus
 * the build's 2.5 GB peak at 50k. Our cases have no 4k point, so that number is listed only.
 */
export const METACULUS_BINARY_BUILD_SECONDS: Record<string, number> = {
  '1k': 0.46,
  '10k': 17.6,
  '50k': 211,
};
export const METACULUS_BINARY_SCORE_SECONDS: Record<string, number> = { '1k': 2.6, '10k': 165 };
export const METACULUS_BINARY_SCORE_4K_SECONDS = 37.7;
export const METACULUS_BINARY_BUILD_PEAK_50K = '2.5 GB';

/** The targets on this machine. */
export const TARGETS = {
  binaryBuild50kMs: 2_000,
  binaryBuild50kPeakMiB: 300,
  binaryScore10kMs: 1_500,
  incrementalBinaryMcMs: 1,
  incrementalCdfMs: 5,
};
