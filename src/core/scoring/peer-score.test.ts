import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertWithinContract,
  binaryQuestion,
  multipleChoiceQuestion,
  numericQuestion,
} from '../../../test/factories/core-bundles.ts';
import { binaryPmf, cdfToPmf } from '../locations/pmf.ts';
import type { CoreQuestion } from '../types.ts';
import { buildGeometricMeanHistory } from './geometric-mean-history.ts';
import { peerFactor, peerScores, peerTimeline, spotPeerScores } from './peer-score.ts';
import { scoringContext } from './scoring-context.ts';
import type { ScoringItem } from './scoring-item.ts';

const item = (p: number, startTime: number, endTime: number | null = null): ScoringItem => ({
  startTime,
  endTime,
  pmf: binaryPmf(p),
});

function scorePeer(items: ScoringItem[], question: CoreQuestion, bucket: number) {
  const context = scoringContext(question, bucket);
  const history = buildGeometricMeanHistory(items, items[0].pmf.length);
  return {
    peer: peerScores(items, peerTimeline(history, context), context),
    spot: spotPeerScores(items, history, context),
  };
}

describe('peer score (docs/maths.md §11)', () => {
  it('E6: two forecasters, the lone stretch scores 0', () => {
    // G: t = 0 {A} k = 0; t = 500 {A, B} k = 2, g = 0.565685424949238.
    // A: entry 0 has factor −0 → 0; entry 1: 200 · ln(0.8/g) = 69.31471805599455 × 500/1000.
    const { peer, spot } = scorePeer([item(0.8, 0), item(0.4, 500)], binaryQuestion(), 1);
    assertWithinContract(peer.scores[0], 34.65735902799727);
    expect(peer.coverages[0]).toBe(1);
    assertWithinContract(peer.scores[1], -34.65735902799726);
    expect(peer.coverages[1]).toBe(0.5);
    // Spot (t_s = 1000): the last entry before 1000 is t = 500.
    assertWithinContract(spot.scores[0], 69.31471805599455);
    assertWithinContract(spot.scores[1], -69.31471805599452);
    expect(Array.from(spot.coverages)).toEqual([1, 1]);
  });

  it('quirk: a lone forecaster scores exactly 0 against itself', () => {
    const { peer, spot } = scorePeer([item(0.9, 0)], binaryQuestion(), 1);
    // x = −0 · ln(p/g): ±0, written 0.
    expect(Math.abs(peer.scores[0])).toBe(0);
    expect(peer.coverages[0]).toBe(1);
    expect(Math.abs(spot.scores[0])).toBe(0);
    expect(peerFactor(0)).toBe(-0);
    expect(peerFactor(2)).toBe(200);
    expect(peerFactor(3)).toBe(150);
  });

  it('quirk (last withdrawal): the entry before a gap is credited up to T_close', () => {
    // A 0.8 and B 0.4 both on [0, 600), nobody after: G has one entry (t = 0, k = 2) and no entry
    // at 600, so both are credited 0 → 1000: coverage 1 although they covered 0.6.
    // A: 200 · ln(0.8/0.565685424949238) = 69.31471805599455, × 1000/1000.
    const { peer } = scorePeer([item(0.8, 0, 600), item(0.4, 0, 600)], binaryQuestion(), 1);
    assertWithinContract(peer.scores[0], 69.31471805599455);
    expect(peer.coverages[0]).toBe(1);
    assertWithinContract(peer.scores[1], -69.31471805599452);
  });

  it('quirk (last withdrawal) with k = 0 adds coverage but no score', () => {
    // A [0, 400), B [200, 600): entries 0 {A} k 0, 200 {A, B} k 2, 400 {B} k 0; 600 is empty.
    // B is credited 200 → 400 (k = 2) and 400 → 1000 (k = 0): coverage 0.2 + 0.6 = 0.8.
    const { peer } = scorePeer([item(0.8, 0, 400), item(0.4, 200, 600)], binaryQuestion(), 1);
    expect(peer.coverages[1]).toBeCloseTo(0.8, 15);
    assertWithinContract(peer.scores[1], -69.31471805599452 * 0.2);
    // A: entry 0 (k 0) for 0.2 and entry 200 (k 2) for 0.2.
    expect(peer.coverages[0]).toBeCloseTo(0.4, 15);
    assertWithinContract(peer.scores[0], 69.31471805599455 * 0.2);
  });

  it('clips G to open_time: pre-open forecasts enter at open, duplicates at open weigh 0', () => {
    // A from −100, B from −50, C from 500; open 0. τ = 0, 0, 500. The first τ = 0 entry ({A},
    // k = 0) spans 0 → 0; the second ({A, B}) spans 0 → 500.
    const items = [item(0.8, -100), item(0.4, -50), item(0.6, 500)];
    const { peer } = scorePeer(items, binaryQuestion(), 1);
    // A: 200·ln(0.8/√0.32)·0.5 + 150·ln(0.8/∛(0.8·0.4·0.6))·0.5.
    const g2 = Math.exp((Math.log(0.8) + Math.log(0.4)) / 2);
    const g3 = Math.exp((Math.log(0.8) + Math.log(0.4) + Math.log(0.6)) / 3);
    assertWithinContract(
      peer.scores[0],
      (200 * Math.log(0.8 / g2) * 500) / 1000 + (150 * Math.log(0.8 / g3) * 500) / 1000,
    );
    expect(peer.coverages[0]).toBe(1);
  });

  it('spot peer uses the last entry strictly before t_s', () => {
    // A 0.8 and C 0.6 from 0; B 0.3 made exactly at t_s = 1000 (= close). The reference is
    // the GM of A and C only: g = √0.48 = 0.6928203230275509, k = 2.
    // B: 200 · ln(0.3/g) = −167.39764335716717; A: 200 · ln(0.8/g) = 28.768207245178118.
    const { spot } = scorePeer([item(0.8, 0), item(0.3, 1000), item(0.6, 0)], binaryQuestion(), 1);
    assertWithinContract(spot.scores[1], -167.39764335716717);
    assertWithinContract(spot.scores[0], 28.768207245178118);
    expect(Array.from(spot.coverages)).toEqual([1, 1, 1]);
  });

  it('spot peer with t_s ≤ open_time has no reference: every item 0/0', () => {
    const items = [item(0.8, -100), item(0.4, -50)];
    const { spot } = scorePeer(items, binaryQuestion({ spotScoringTime: 0 }), 1);
    expect(Array.from(spot.coverages)).toEqual([0, 0]);
    expect(Array.from(spot.scores)).toEqual([0, 0]);
  });

  it('continuous scores are halved', () => {
    // n = 2, bucket 1. A: PMF [0, 0.8, 0.2, 0], B: [0, 0.2, 0.8, 0], both from 0:
    // g = √(0.8·0.2) = 0.4; A: 200 · ln(0.8/0.4) / 2 = 100 · ln 2 = 69.31471805599453.
    const question = numericQuestion({ inboundOutcomeCount: 2 });
    const items = [
      { startTime: 0, endTime: null, pmf: cdfToPmf([0, 0.8, 1]) },
      { startTime: 0, endTime: null, pmf: cdfToPmf([0, 0.2, 1]) },
    ];
    const { peer, spot } = scorePeer(items, question, 1);
    assertWithinContract(peer.scores[0], 69.31471805599453);
    assertWithinContract(spot.scores[0], 69.31471805599453);
    assertWithinContract(peer.scores[1], -69.31471805599453);
  });

  it('MC: a null GM at the outcome falls back to the GM of the catch-all', () => {
    // Outcome b (index 1). A lacks b: [0.6, null, 0.4]; B: [0.2, 0.5, 0.3]. GM_b is null, so
    // g = GM_Other = √(0.4·0.3); A's p also falls back to its Other: 0.4.
    // A: 200 · ln(0.4/√0.12); B: 200 · ln(0.5/√0.12).
    const question = multipleChoiceQuestion(['a', 'b', 'Other'], { resolution: 'b' });
    const items = [
      { startTime: 0, endTime: null, pmf: Float64Array.from([0.6, Number.NaN, 0.4]) },
      { startTime: 0, endTime: null, pmf: Float64Array.from([0.2, 0.5, 0.3]) },
    ];
    const { peer } = scorePeer(items, question, 1);
    assertWithinContract(peer.scores[0], 200 * Math.log(0.4 / Math.sqrt(0.4 * 0.3)));
    assertWithinContract(peer.scores[1], 200 * Math.log(0.5 / Math.sqrt(0.4 * 0.3)));
    expect(peer.scores[0]).toBeCloseTo(28.768, 3);
  });

  it('a forecaster identical to the geometric mean scores 0 (property)', () => {
    // n identical forecasters are each the GM of the group.
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.integer({ min: 2, max: 20 }),
        (p, copies) => {
          const items = Array.from({ length: copies }, (_, i) => item(p, i * 10));
          const { peer } = scorePeer(items, binaryQuestion(), 1);
          for (const score of peer.scores) expect(Math.abs(score)).toBeLessThan(1e-9);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 2, maxLength: 8 }),
        (probabilities) => {
          // A forecaster holding GM(others) in both columns: GM(others ∪ {GM(others)}) is
          // GM(others) again, so it scores ln(g/g) = 0 against G.
          const others = probabilities.map((p) => binaryPmf(p));
          const gm = new Float64Array(2);
          for (let j = 0; j < 2; j++) {
            let sum = 0;
            for (const pmf of others) sum += Math.log(pmf[j]);
            gm[j] = Math.exp(sum / others.length);
          }
          const items: ScoringItem[] = [
            ...others.map((pmf) => ({ startTime: 0, endTime: null, pmf })),
            { startTime: 0, endTime: null, pmf: gm },
          ];
          const { peer } = scorePeer(items, binaryQuestion(), 1);
          expect(Math.abs(peer.scores[items.length - 1])).toBeLessThan(1e-9);
        },
      ),
    );
  });
});
