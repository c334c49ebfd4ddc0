// The HTTP API benchmark's own pieces: valid synthetic forecasts (MATH.md §14.2) and the doc edit.
import { describe, expect, it } from 'vitest';
import { generateApiData } from '../../bench/lib/api-data.ts';
import { replaceHttpApiSection } from '../../bench/lib/api-report.ts';
import { HTTP_API_HEADING, MATHS_CORE_HEADING } from '../../bench/lib/performance-doc.ts';
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
