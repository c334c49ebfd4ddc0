import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertWithinContract } from '../../../test/factories/core-bundles.ts';
import { binaryPmf } from '../locations/pmf.ts';
import { buildGeometricMeanHistory, geometricMeanEntries } from './geometric-mean-history.ts';
import type { ScoringItem } from './scoring-item.ts';

const binaryItem = (p: number, startTime: number, endTime: number | null = null): ScoringItem => ({
  startTime,
  endTime,
  pmf: binaryPmf(p),
});

describe('geometric-mean history G (docs/maths.md §11)', () => {
  it('E6: a lone forecaster gives k = 0, two give the GM with k = 2', () => {
    // A: p = 0.8 from 0; B: p = 0.4 from 500. t = 0: {A}, pmf = [0.19999999999999996, 0.8];
    // t = 500: {A, B}, P(yes) = exp((ln 0.8 + ln 0.4)/2) = 0.565685424949238.
    const entries = geometricMeanEntries(
      buildGeometricMeanHistory([binaryItem(0.8, 0), binaryItem(0.4, 500)], 2),
    );
    expect(entries.map((entry) => entry.timestamp)).toEqual([0, 500]);
    expect(entries.map((entry) => entry.numForecasters)).toEqual([0, 2]);
    assertWithinContract(entries[0].pmf[0], 0.19999999999999996);
    assertWithinContract(entries[0].pmf[1], 0.8);
    assertWithinContract(entries[1].pmf[1], 0.565685424949238);
    // P(no) = exp((ln 0.2 + ln 0.6)/2) = √0.12 = 0.34641016151377546.
    assertWithinContract(entries[1].pmf[0], 0.34641016151377546);
  });

  it('keeps raw timestamps (no open-time clipping) and makes no entry for an empty set', () => {
    // A [−50, 100), B [−20, 100), C [300, ∞): times −50, −20, 100 (empty), 300.
    const history = buildGeometricMeanHistory(
      [binaryItem(0.5, -50, 100), binaryItem(0.5, -20, 100), binaryItem(0.9, 300)],
      2,
    );
    expect(Array.from(history.timestamps)).toEqual([-50, -20, 300]);
    expect(Array.from(history.forecasterCounts)).toEqual([0, 2, 0]);
    // After the empty stretch the sums restart from zero: C alone gives exactly its own PMF.
    assertWithinContract(history.pmfs[5], 0.9);
  });

  it('a null in any active PMF makes GM_j null; a zero makes it 0', () => {
    const items: ScoringItem[] = [
      { startTime: 0, endTime: null, pmf: Float64Array.from([0.5, Number.NaN, 0.5]) },
      { startTime: 0, endTime: 10, pmf: Float64Array.from([0, 0.5, 0.5]) },
    ];
    const history = buildGeometricMeanHistory(items, 3);
    // t = 0: column 0 has ln 0 = −∞ → 0; column 1 has a null → null; column 2 = 0.5.
    expect(history.pmfs[0]).toBe(0);
    expect(history.pmfs[1]).toBeNaN();
    assertWithinContract(history.pmfs[2], 0.5);
    // t = 10: the zero and the null's partner left; only the first item remains.
    assertWithinContract(history.pmfs[3], 0.5);
    expect(history.pmfs[4]).toBeNaN();
    expect(Array.from(history.forecasterCounts)).toEqual([2, 0]);
  });

  it('incremental sums match exp(Σ ln π / |A|) over each active set (property)', () => {
    const itemArbitrary = fc.record({
      p: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
      start: fc.integer({ min: 0, max: 200 }),
      length: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(itemArbitrary, { minLength: 1, maxLength: 120 }), (specs) => {
        const items = specs.map((spec) =>
          binaryItem(spec.p, spec.start, spec.length === null ? null : spec.start + spec.length),
        );
        const history = buildGeometricMeanHistory(items, 2);
        for (let i = 0; i < history.count; i++) {
          const time = history.timestamps[i];
          const active = items.filter(
            (item) => item.startTime <= time && (item.endTime === null || time < item.endTime),
          );
          expect(history.forecasterCounts[i]).toBe(active.length >= 2 ? active.length : 0);
          for (let j = 0; j < 2; j++) {
            let sum = 0;
            for (const item of active) sum += Math.log(item.pmf[j]);
            assertWithinContract(history.pmfs[i * 2 + j], Math.exp(sum / active.length));
          }
        }
      }),
    );
  });

  it('stays exact over long update chains where a plain running sum would drift', () => {
    // 20,000 updates through a set of ~500 standing forecasts with widely spread logs.
    const items: ScoringItem[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let user = 0; user < 500; user++) {
      let time = Math.floor(random() * 100);
      for (let k = 0; k < 40; k++) {
        const next = time + 1 + Math.floor(random() * 1000);
        items.push(binaryItem(0.001 + 0.998 * random() ** 4, time, k === 39 ? null : next));
        time = next;
      }
    }
    const history = buildGeometricMeanHistory(items, 2);
    const probe = history.count - 1;
    const time = history.timestamps[probe];
    let sum = 0;
    let count = 0;
    for (const item of items) {
      if (item.startTime <= time && (item.endTime === null || time < item.endTime)) {
        sum += Math.log(item.pmf[1]);
        count++;
      }
    }
    const expected = Math.exp(sum / count);
    expect(Math.abs(history.pmfs[probe * 2 + 1] - expected) / expected).toBeLessThan(1e-13);
  });
});
