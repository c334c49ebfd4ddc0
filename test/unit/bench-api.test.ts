// The HTTP API benchmark's own pieces: valid synthetic forecasts (docs/maths.md §14.2) and the doc edit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateApiData } from '../../bench/lib/api-data.ts';
import type { LoadResult } from '../../bench/lib/api-load.ts';
import { mergeLoads, nearestRank } from '../../bench/lib/api-measure.ts';
import { replaceHttpApiSection } from '../../bench/lib/api-report.ts';
import { HTTP_API_HEADING, MATHS_CORE_HEADING } from '../../bench/lib/performance-doc.ts';
import {
  envOf,
  nodeFlagsOf,
  startScriptEnv,
  startScriptNodeFlags,
} from '../../bench/lib/server-node-flags.ts';
import { preparedName, preparedSql } from '../../src/db/prepared-sql.ts';

describe('generateApiData', () => {
  const now = 1_800_000_000;
  const data = generateApiData({ users: 200, questions: 5, forecasts: 3_000, seed: 3, now });

  it('makes the requested number of whole-second forecasts in the past, in start order', () => {
    expect(data.forecasts).toHaveLength(3_000);
    for (const [index, forecast] of data.forecasts.entries()) {
      expect(Number.isInteger(forecast.startTime)).toBe(true);
      expect(forecast.startTime).toBeGreaterThan(data.openTime);
      expect(forecast.startTime).toBeLessThan(now);
      expect(forecast.probabilityYes).toBeGreaterThanOrEqual(0.001);
      expect(forecast.probabilityYes).toBeLessThanOrEqual(0.999);
      if (index > 0) {
        expect(forecast.startTime).toBeGreaterThanOrEqual(data.forecasts[index - 1].startTime);
      }
    }
  });

  it('chains each user’s forecasts on a question: no overlap, no zero length', () => {
    const chains = new Map<string, typeof data.forecasts>();
    for (const forecast of data.forecasts) {
      const key = `${forecast.user}:${forecast.question}`;
      chains.set(key, [...(chains.get(key) ?? []), forecast]);
    }
    let withdrawn = 0;
    for (const chain of chains.values()) {
      for (let i = 0; i < chain.length; i++) {
        const { startTime, endTime } = chain[i];
        if (i < chain.length - 1) expect(endTime).toBe(chain[i + 1].startTime);
        if (endTime !== null) {
          expect(endTime).toBeGreaterThan(startTime);
          expect(endTime).toBeLessThan(now);
        }
      }
      if (chain[chain.length - 1].endTime !== null) withdrawn++;
    }
    expect(withdrawn).toBe(data.withdrawnCount);
    expect(withdrawn).toBeGreaterThan(0);
  });

  it('is deterministic per seed', () => {
    const again = generateApiData({ users: 200, questions: 5, forecasts: 3_000, seed: 3, now });
    expect(again.forecasts).toEqual(data.forecasts);
  });
});

describe('replaceHttpApiSection', () => {
  const section = `${HTTP_API_HEADING}\n\nnew table\n`;

  it('replaces only the HTTP API section', () => {
    const existing = `# Performance\n\n${MATHS_CORE_HEADING}\n\ncore\n\n${HTTP_API_HEADING}\n\nold\n\n## Later\n\nkept\n`;
    const updated = replaceHttpApiSection(existing, section);
    expect(updated).toContain(`${MATHS_CORE_HEADING}\n\ncore`);
    expect(updated).toContain('new table');
    expect(updated).not.toContain('old');
    expect(updated).toContain('## Later\n\nkept');
  });

  it('appends the section when missing', () => {
    expect(replaceHttpApiSection('# Performance\n', section)).toBe(`# Performance\n\n${section}`);
  });
});

describe('preparedSql', () => {
  it('marks a statement with its name, which preparedName reads back', () => {
    const text = preparedSql('cp_event_write', 'select 1');
    expect(preparedName(text)).toBe('cp_event_write');
    expect(text.endsWith('select 1')).toBe(true);
    expect(preparedName('select 1')).toBeUndefined();
    expect(() => preparedSql('Bad name', 'select 1')).toThrow(RangeError);
  });
});

describe('mergeLoads', () => {
  const round = (total: number, durationSeconds: number, non2xxSamples: string[] = []) =>
    ({
      reqPerSec: total / durationSeconds,
      total,
      p50Ms: 0,
      p99Ms: 0,
      errors: 1,
      non2xx: non2xxSamples.length,
      non2xxSamples,
      durationSeconds,
    }) satisfies LoadResult;

  it('sums the rounds and takes req/s as requests over seconds, not a mean of rates', () => {
    const merged = mergeLoads([round(3_000, 5), round(1_000, 5)], [1, 2, 3]);
    expect(merged.total).toBe(4_000);
    expect(merged.durationSeconds).toBe(10);
    expect(merged.reqPerSec).toBe(400);
    expect(merged.errors).toBe(2);
  });

  it('takes the percentiles over every latency of every round', () => {
    // 98 fast answers in one round, 2 slow ones in the other: the p99 is a slow one.
    const latencies = [...Array.from({ length: 98 }, () => 10), 80, 90];
    const merged = mergeLoads([round(98, 5), round(2, 5)], latencies);
    expect(merged.p50Ms).toBe(10);
    expect(merged.p99Ms).toBe(80);
  });

  it('keeps at most five non-2xx samples', () => {
    const samples = ['500 a', '500 b', '500 c'];
    expect(mergeLoads([round(1, 1, samples), round(1, 1, samples)], [1]).non2xxSamples).toEqual([
      ...samples,
      '500 a',
      '500 b',
    ]);
  });
});

describe('nearestRank', () => {
  it('is the value at rank ceil(q·n), rounded to 0.1 ms', () => {
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 0.99)).toBe(4);
    expect(nearestRank([12.345], 0.99)).toBe(12.3);
    expect(nearestRank([], 0.5)).toBeNaN();
  });
});

describe('the server’s node flags', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

  it('are the same in npm start (which the bench reads) and in the Docker image', () => {
    const fromStart = startScriptNodeFlags(root);
    expect(fromStart).toContain('--max-semi-space-size=32');
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const command = /^CMD \[(.*)\]$/m.exec(dockerfile)?.[1] ?? '';
    const words = (JSON.parse(`[${command}]`) as string[]).join(' ');
    expect(nodeFlagsOf(words)).toEqual(fromStart);
    // The start script's environment is the image's too.
    const fromStartEnv = startScriptEnv(root);
    expect(fromStartEnv).toHaveProperty('MALLOC_MMAP_THRESHOLD_');
    for (const [name, value] of Object.entries(fromStartEnv)) {
      expect(dockerfile).toMatch(new RegExp(`\\b${name}=${value}\\b`));
    }
  });

  it('reads the environment of `exec env … node`', () => {
    expect(envOf('exec env A_B=1 C= node --x dist/brier.js serve')).toEqual({ A_B: '1', C: '' });
    expect(envOf('exec node dist/brier.js serve')).toEqual({});
  });

  it('reads only the flags before the bundle', () => {
    expect(nodeFlagsOf('exec node --a=1 --b dist/brier.js serve --port 3')).toEqual([
      '--a=1',
      '--b',
    ]);
    expect(nodeFlagsOf('exec node dist/brier.js serve')).toEqual([]);
    expect(() => nodeFlagsOf('tsx src/main.ts')).toThrow(/dist\/brier\.js serve/);
  });
});
