// Markdown and number formatting shared by the benchmark reports.
import type { CaseResult } from './core-cases.ts';
import type { BenchQuestionType } from './synthetic-bundle.ts';

export const TYPE_LABELS: Record<BenchQuestionType, string> = {
  binary: 'binary',
  multiple_choice: 'MC (5 options)',
  numeric: 'numeric (201-point CDF)',
};

/** Milliseconds as a short human figure: 0.042 ms, 3.1 ms, 412 ms, 8.74 s. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function findCase(
  results: readonly CaseResult[],
  type: BenchQuestionType,
  size: string,
): CaseResult | undefined {
  return results.find((result) => result.type === type && result.size === size);
}
