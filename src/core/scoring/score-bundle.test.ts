import { describe, expect, it } from 'vitest';
import {
  assertWithinContract,
  binaryForecast,
  binaryQuestion,
  forecast,
} from '../../../test/factories/core-bundles.ts';
import { buildCpHistory } from '../aggregation/cp-history.ts';
import type { CoreBundle, CoreForecast, CoreQuestion } from '../types.ts';
import { geometricMeanEntries } from './geometric-mean-history.ts';
import { scoreBundle } from './score-bundle.ts';

function score(bundle: CoreBundle) {
  return scoreBundle(bundle, buildCpHistory(bundle, 'recency_weighted'));
}

const e6Forecasts = (): CoreForecast[] => [
  binaryForecast(1, 0.8, 0, null, 1),
  binaryForecast(2, 0.4, 500, null, 2),
];

describe('scoreBundle (docs/maths.md §16.3)', () => {
  it('E6 end to end: users, per-forecast rows, G and extras', () => {
    const result = score({ question: binaryQuestion(), forecasts: e6Forecasts() });
    expect(result.resolutionBucket).toBe(1);
    const [userA, userB] = result.users;
    expect(userA.userId).toBe(1);
    expect(Object.keys(userA.scores)).toEqual([
      'baseline',
      'peer',
      'spot_baseline',
      'spot_peer',
      'relative_legacy',
    ]);
    assertWithinContract(userA.scores.baseline?.score as number, 67.80719051126377);
    assertWithinContract(userB.scores.baseline?.score as number, -16.096404744368115);
    expect(userB.scores.baseline?.coverage).toBe(0.5);
    assertWithinContract(userA.scores.peer?.score as number, 34.65735902799727);
    assertWithinContract(userB.scores.peer?.score as number, -34.65735902799726);
    assertWithinContract(userA.scores.spot_peer?.score as number, 69.31471805599455);
    assertWithinContract(userB.scores.spot_peer?.score as number, -69.31471805599452);
    // Relative legacy: CP [0, 500) = 0.8 (alone), [500, ∞) = median(0.8, 0.4) = 0.6000000000000001.
    // A: log2(0.8/0.8)·0.5 + log2(0.8/0.6000000000000001)·0.5; B: log2(0.4/0.6000000000000001)·0.5.
    assertWithinContract(userA.scores.relative_legacy?.score as number, 0.5 * 0.41503749927884376);
    assertWithinContract(
      userB.scores.relative_legacy?.score as number,
      0.5 * Math.log2(0.4 / 0.6000000000000001),
    );

    expect(result.perForecast.map((row) => [row.forecastId, row.userId])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    assertWithinContract(result.perForecast[1].baseline.score, -16.096404744368115);

    const gm = geometricMeanEntries(result.geometricMeans);
    expect(gm.map((entry) => entry.numForecasters)).toEqual([0, 2]);
    assertWithinContract(gm[1].pmf[1], 0.565685424949238);

    const extrasA = result.extras.users[0].scores;
    expect(Object.keys(extrasA)).toEqual(['brier', 'spot_brier', 'log', 'spot_log']);
    expect(extrasA.brier).toEqual({ score: 0.03999999999999998, coverage: 1 });
    assertWithinContract(result.extras.users[1].scores.brier?.score as number, 0.36);
    expect(result.extras.users[1].scores.brier?.coverage).toBe(0.5);
    assertWithinContract(extrasA.log?.score as number, -0.2231435513142097);
    assertWithinContract(result.extras.users[1].scores.log?.score as number, -0.916290731874155);
  });

  it('E6 with an early close: coverages 0.8 and 0.3 over the scheduled window', () => {
    const result = score({
      question: binaryQuestion({ actualCloseTime: 800 }),
      forecasts: e6Forecasts(),
    });
    expect(result.users[0].scores.baseline?.coverage).toBe(0.8);
    expect(result.users[1].scores.baseline?.coverage).toBeCloseTo(0.3, 15);
    assertWithinContract(result.users[0].scores.baseline?.score as number, 54.24575240901102);
    // Relative legacy is the one score over the actual window W' = 800: A covers all of it.
    expect(result.users[0].scores.relative_legacy?.coverage).toBe(1);
  });

  it('scores the CP as a forecaster with all five types, even at coverage 0', () => {
    const result = score({ question: binaryQuestion(), forecasts: e6Forecasts() });
    const cp = result.aggregations.recency_weighted;
    expect(cp && Object.keys(cp)).toEqual([
      'baseline',
      'peer',
      'spot_baseline',
      'spot_peer',
      'relative_legacy',
    ]);
    // The CP against itself: relative legacy 0.
    expect(cp?.relative_legacy).toEqual({ score: 0, coverage: 1 });
    // CP baseline: [0, 500) p = 0.8, [500, 1000) p = 0.6000000000000001.
    assertWithinContract(
      cp?.baseline.score as number,
      ((100 * Math.log(1.6)) / Math.log(2)) * 0.5 +
        ((100 * Math.log(0.6000000000000001 * 2)) / Math.log(2)) * 0.5,
    );
    // Nobody forecasts: the CP still reports every type with coverage 0.
    const empty = score({ question: binaryQuestion(), forecasts: [] });
    expect(empty.aggregations.recency_weighted?.peer).toEqual({ score: 0, coverage: 0 });
    expect(empty.users).toEqual([]);
    expect(empty.extras.aggregations.recency_weighted?.brier?.coverage).toBe(0);
    expect(empty.extras.aggregations.recency_weighted?.brier?.score).toBeNaN();
  });

  it('annulled and ambiguous questions have no scores but keep G', () => {
    for (const resolution of ['annulled', 'ambiguous']) {
      const result = score({
        question: binaryQuestion({ resolution }),
        forecasts: e6Forecasts(),
      });
      expect(result.resolutionBucket).toBeNull();
      expect(result.users).toEqual([]);
      expect(result.aggregations).toEqual({});
      expect(result.perForecast).toEqual([]);
      expect(result.extras).toEqual({ users: [], aggregations: {} });
      expect(result.geometricMeans.count).toBe(2);
    }
  });

  it('omits types with coverage 0 and users with none; per-forecast rows sum to the user', () => {
    const forecasts = [
      binaryForecast(3, 0.7, 0, 300, 10),
      binaryForecast(3, 0.6, 300, null, 11),
      // Made after the close: a zero-length item, so user 4 is absent.
      binaryForecast(4, 0.9, 1500, null, 12),
      // Withdrawn before the spot time: no spot scores for user 5.
      binaryForecast(5, 0.2, 100, 900, 13),
    ];
    const result = score({ question: binaryQuestion(), forecasts });
    expect(result.users.map((user) => user.userId)).toEqual([3, 5]);
    expect(Object.keys(result.users[1].scores)).toEqual(['baseline', 'peer', 'relative_legacy']);
    expect(result.perForecast).toHaveLength(4);
    expect(result.perForecast[2].baseline).toEqual({ score: 0, coverage: 0 });
    const userThree = result.users[0].scores;
    assertWithinContract(
      userThree.baseline?.score as number,
      result.perForecast[0].baseline.score + result.perForecast[1].baseline.score,
    );
    expect(result.extras.users.map((user) => user.userId)).toEqual([3, 5]);
    expect(Object.keys(result.extras.users[1].scores)).toEqual(['brier', 'log']);
  });

  it('continuous questions omit the Brier extras and NaN / ∞ become null in JSON', () => {
    // Closed bounds and a resolution outside the range: every PMF has 0 there, so the baseline
    // is −∞ and log is −∞; both print as null.
    const question: CoreQuestion = {
      ...binaryQuestion(),
      type: 'numeric',
      rangeMin: 0,
      rangeMax: 1,
      zeroPoint: null,
      openLowerBound: false,
      openUpperBound: false,
      inboundOutcomeCount: 2,
      resolution: '0.75',
    };
    const forecasts = [forecast({ id: 1, userId: 1, startTime: 0, values: [0, 0.5, 1] })];
    const result = score({ question, forecasts });
    expect(result.resolutionBucket).toBe(2);
    expect(Object.keys(result.extras.users[0].scores)).toEqual(['log', 'spot_log']);
    const closedOutside = score({
      question: { ...question, inboundOutcomeCount: 2, resolution: '1' },
      forecasts: [forecast({ id: 1, userId: 1, startTime: 0, values: [0, 1, 1] })],
    });
    // Bucket 2 has mass 1 − 1 = 0 → baseline −∞.
    expect(closedOutside.users[0].scores.baseline?.score).toBe(Number.NEGATIVE_INFINITY);
    expect(JSON.parse(JSON.stringify(closedOutside.users[0].scores.baseline))).toEqual({
      score: null,
      coverage: 1,
    });
  });
});
