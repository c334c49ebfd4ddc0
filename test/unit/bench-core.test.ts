// The maths core benchmark's own pieces: valid deterministic synthetic data, growth fit, doc edit.
import { describe, expect, it } from 'vitest';
import { bundleToJson } from '../../bench/lib/bundle-json.ts';
import { logLogSlope } from '../../bench/lib/growth-analysis.ts';
import { Mulberry32 } from '../../bench/lib/mulberry32.ts';
import { MATHS_CORE_HEADING, replaceMathsCoreSection } from '../../bench/lib/performance-doc.ts';
import { BENCH_QUESTION_TYPES, syntheticQuestion } from '../../bench/lib/synthetic-bundle.ts';
import { parseBundle } from '../../src/core/bundle/parse-bundle.ts';

describe('Mulberry32', () => {
  it('is deterministic per seed and uniform in [0, 1)', () => {
    const first = new Mulberry32(42);
    const second = new Mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => first.next());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => second.next()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const average = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(Math.abs(average - 0.5)).toBeLessThan(0.05);
    expect(new Mulberry32(43).next()).not.toBe(draws[0]);
  });
});

describe('syntheticQuestion', () => {
  for (const type of BENCH_QUESTION_TYPES) {
    it(`${type}: passes the §14.1 scoring validation with the requested counts`, () => {
      const synthetic = syntheticQuestion({
        type,
        forecastCount: 500,
        forecasterCount: 100,
        seed: 7,
      });
      const { forecasts } = synthetic.bundle;
      expect(forecasts).toHaveLength(500);
      expect(new Set(forecasts.map((forecast) => forecast.userId)).size).toBe(100);
      const parsed = parseBundle(bundleToJson(synthetic.bundle), { forScoring: true });
      expect(parsed.ok ? 'valid' : parsed.error).toBe('valid');
      // Forecasters update and a few withdraw: most are still standing at the last event.
      const time = synthetic.lastEventTime;
      const standing = forecasts.filter(
        (forecast) =>
          forecast.startTime <= time && (forecast.endTime === null || time < forecast.endTime),
      );
      expect(standing.length).toBeGreaterThan(80);
      expect(standing.length).toBeLessThan(100);
    });
  }

  it('gives the same bundle for the same seed and another for another seed', () => {
    const spec = { type: 'binary' as const, forecastCount: 50, forecasterCount: 10, seed: 1 };
    const values = (seed: number) =>
      syntheticQuestion({ ...spec, seed }).bundle.forecasts.map((forecast) => [
        forecast.startTime,
        forecast.endTime,
        forecast.values[0],
      ]);
    expect(values(1)).toEqual(values(1));
    expect(values(2)).not.toEqual(values(1));
  });
});

describe('logLogSlope', () => {
  it('recovers the exponent of an exact power law', () => {
    // y = 3·x² at x = 1k, 10k, 50k: ln y = ln 3 + 2 ln x, so the slope is 2.
    const xs = [1_000, 10_000, 50_000];
    expect(
      logLogSlope(
        xs,
        xs.map((x) => 3 * x * x),
      ),
    ).toBeCloseTo(2, 12);
    expect(
      logLogSlope(
        xs,
        xs.map((x) => 5 * x),
      ),
    ).toBeCloseTo(1, 12);
  });
});

describe('replaceMathsCoreSection', () => {
  const section = `${MATHS_CORE_HEADING}\n\nnew table\n`;

  it('creates both sections when the file does not exist', () => {
    const text = replaceMathsCoreSection(null, section);
    expect(text.indexOf('## Maths core')).toBeLessThan(text.indexOf('## HTTP API'));
    expect(text).toContain('new table');
  });

  it('replaces only the Maths core section and keeps the HTTP API one', () => {
    const existing = '# Performance\n\n## Maths core\n\nold table\n\n## HTTP API\n\nlead text\n';
    const text = replaceMathsCoreSection(existing, section);
    expect(text).not.toContain('old table');
    expect(text).toContain('new table');
    expect(text).toContain('## HTTP API\n\nlead text\n');
    expect(text.startsWith('# Performance\n')).toBe(true);
  });
});
