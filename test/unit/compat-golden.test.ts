// Runs every public golden case of test/fixtures/compat through the real CLI and the core functions.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentPointFunction } from '../../src/core/aggregation/percent-point-function.ts';
import { recencyWeights } from '../../src/core/aggregation/recency-weights.ts';
import { weightedPercentile } from '../../src/core/aggregation/weighted-percentile.ts';
import { decimalHIndex } from '../../src/core/leaderboards/decimal-h-index.ts';
import { goldenDifferences } from '../helpers/compare-golden.ts';
import { REPOSITORY_ROOT, runCliProcess } from '../helpers/run-cli-process.ts';

const COMPAT_DIRECTORY = path.resolve(REPOSITORY_ROOT, 'test', 'fixtures', 'compat');

interface GoldenCase {
  id: string;
  description: string;
  command: string;
  args: string[];
  input: unknown;
  expected: unknown;
}

interface FormulaCase {
  id: string;
  kind: string;
  input: Record<string, unknown>;
  expected: unknown;
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(COMPAT_DIRECTORY, name), 'utf8')) as T;
}

const cases = readdirSync(COMPAT_DIRECTORY)
  .filter((name) => name.endsWith('.json') && name !== 'formulas.json')
  .sort()
  .map((name) => readJson<GoldenCase>(name));

describe('golden cases through `node bin/brier.mjs` (test/fixtures/compat/README.md rules)', () => {
  it('finds the public sample', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const golden of cases) {
    it(`${golden.id}: ${golden.command} — ${golden.description}`, async () => {
      const run = await runCliProcess(
        [golden.command, ...golden.args],
        JSON.stringify(golden.input),
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.endsWith('\n')).toBe(true);
      expect(goldenDifferences(JSON.parse(run.stdout), golden.expected)).toEqual([]);
    });
  }

  const commands = [...new Set(cases.map((golden) => golden.command))];
  for (const command of commands) {
    it(`${command}: all cases as one array give an array of results in order`, async () => {
      const group = cases.filter((golden) => golden.command === command);
      const run = await runCliProcess(
        [command, '-'],
        JSON.stringify(group.map((golden) => golden.input)),
      );
      expect(run.code).toBe(0);
      const output = JSON.parse(run.stdout) as unknown[];
      expect(Array.isArray(output)).toBe(true);
      expect(
        goldenDifferences(
          output,
          group.map((golden) => golden.expected),
        ),
      ).toEqual([]);
    });
  }
});

describe('formulas.json against the core functions', () => {
  const formulas = readJson<{ cases: FormulaCase[] }>('formulas.json').cases;

  function evaluate(formula: FormulaCase): unknown {
    const input = formula.input;
    switch (formula.kind) {
      case 'recency_weights': {
        const weights = recencyWeights(input.N as number);
        return weights === null ? null : Array.from(weights);
      }
      case 'weighted_percentile_2d': {
        const rows = input.values as (number | null)[][];
        const weights = input.weights as number[] | null;
        return (input.percentiles as number[]).map((percentile) =>
          rows[0].map((_, column) =>
            weightedPercentile(
              rows.map((row) => row[column]),
              weights,
              percentile,
            ),
          ),
        );
      }
      case 'percent_point_function':
        return (input.percentiles as number[]).map((percentile) =>
          percentPointFunction(input.cdf as number[], percentile),
        );
      case 'decimal_h_index':
        return decimalHIndex(input.scores as number[]);
      default:
        throw new Error(`unknown formula kind ${formula.kind}`);
    }
  }

  for (const formula of formulas) {
    it(`${formula.id} (${formula.kind})`, () => {
      expect(goldenDifferences(evaluate(formula), formula.expected)).toEqual([]);
    });
  }
});

describe('goldenDifferences', () => {
  it('can fail: tolerance, integers, lengths and missing keys', () => {
    expect(goldenDifferences({ a: 1 + 2e-9 }, { a: 1 })).toHaveLength(1);
    expect(goldenDifferences({ a: 1 + 5e-10 }, { a: 1 })).toEqual([]);
    expect(goldenDifferences({ a: 5e-10 }, { a: 0 })).toEqual([]);
    expect(goldenDifferences({ start_time: 1000.0000001 }, { start_time: 1000 })).toHaveLength(1);
    expect(goldenDifferences({ a: [1, 2] }, { a: [1] })).toHaveLength(1);
    expect(goldenDifferences({ b: 1 }, { a: 1 })).toEqual(['$.a: missing']);
    expect(goldenDifferences({ a: null }, { a: 0 })).toHaveLength(1);
    expect(goldenDifferences({ a: 1, extra: 2 }, { a: 1 })).toEqual([]);
  });
});
