// Checks scoreBundle's fast paths against a literal, slow transcription of docs/maths.md §9–12.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinContract } from '../../../test/factories/core-bundles.ts';
import { buildCpHistory } from '../aggregation/cp-history.ts';
import { resolutionBucket } from '../locations/bucket.ts';
import { cpEntryPmf, forecastPmf, isContinuousType } from '../locations/pmf.ts';
import type { CoreBundle, CoreForecast, CoreQuestion, ScoreType } from '../types.ts';
import { geometricMeanEntries } from './geometric-mean-history.ts';
import { scoreBundle } from './score-bundle.ts';

function score(bundle: CoreBundle) {
  return scoreBundle(bundle, buildCpHistory(bundle, 'recency_weighted'));
}

function naiveScores(bundle: CoreBundle) {
  const question = bundle.question;
  const bucket = resolutionBucket(question) as number;
  const continuous = isContinuousType(question.type);
  const open = question.openTime;
  const close = question.actualCloseTime as number;
  const scheduled = question.scheduledCloseTime - open;
  const spot = Math.min(question.spotScoringTime ?? close, close);
  const fallback = (pmf: ArrayLike<number>) =>
    Number.isNaN(pmf[bucket]) ? pmf[pmf.length - 1] : pmf[bucket];
  const forecastPmfs = bundle.forecasts.map((f) => forecastPmf(question.type, f.values));
  const isActive = (start: number, end: number | null, t: number) =>
    start <= t && (end === null || t < end);

  const times = [
    ...new Set(
      bundle.forecasts.flatMap((f) =>
        f.endTime === null ? [f.startTime] : [f.startTime, f.endTime],
      ),
    ),
  ].sort((a, b) => a - b);
  const gm: { t: number; k: number; pmf: number[] }[] = [];
  for (const t of times) {
    const active = bundle.forecasts
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => isActive(f.startTime, f.endTime, t))
      .sort((a, b) => a.f.startTime - b.f.startTime || a.f.id - b.f.id);
    if (active.length === 0) continue;
    const width = forecastPmfs[active[0].i].length;
    const pmf: number[] = [];
    for (let j = 0; j < width; j++) {
      let sum = 0;
      for (const { i } of active) sum += Math.log(forecastPmfs[i][j]);
      pmf.push(Math.exp(sum / active.length));
    }
    gm.push({ t, k: active.length >= 2 ? active.length : 0, pmf });
  }
  const tau = gm.map((entry) => Math.max(entry.t, open));

  const history = buildCpHistory(bundle, 'recency_weighted');
  const cpPmfs = history.map((entry) => cpEntryPmf(question, entry));
  const cpTau = history.map((entry) => Math.max(entry.startTime, open));

  const interval = (start: number, end: number | null) => ({
    s: Math.max(start, open),
    e: end === null ? close : Math.min(end, close),
  });
  const accumulate = (
    taus: number[],
    x: (i: number) => number,
    s: number,
    e: number,
    duration: number,
  ) => {
    const limited = taus.filter((t) => t < close);
    const bounds = [...limited, close];
    let total = 0;
    let coverage = 0;
    for (let i = 0; i < limited.length; i++) {
      if (s <= limited[i] && limited[i] < e) {
        total += (x(i) * (bounds[i + 1] - bounds[i])) / duration;
        coverage += (bounds[i + 1] - bounds[i]) / duration;
      }
    }
    return { score: total, coverage };
  };
  const scoreItem = (pmf: Float64Array, start: number, end: number | null) => {
    const p = fallback(pmf);
    const { s, e } = interval(start, end);
    let baseline: number;
    if (continuous) {
      const n = question.inboundOutcomeCount ?? 200;
      const opens = (question.openLowerBound ? 1 : 0) + (question.openUpperBound ? 1 : 0);
      const base = bucket === 0 || bucket === n + 1 ? 0.05 : (1 - 0.05 * opens) / n;
      baseline = (100 * Math.log(pmf[bucket] / base)) / 2;
    } else {
      const k = Array.from(pmf).filter((v) => !Number.isNaN(v)).length;
      baseline = (100 * Math.log(p * k)) / Math.log(k);
    }
    const result: Record<ScoreType, { score: number; coverage: number }> = {
      baseline: { score: 0, coverage: 0 },
      peer: { score: 0, coverage: 0 },
      spot_baseline: { score: 0, coverage: 0 },
      spot_peer: { score: 0, coverage: 0 },
      relative_legacy: { score: 0, coverage: 0 },
    };
    if (e - s > 0) {
      result.baseline = { score: baseline * ((e - s) / scheduled), coverage: (e - s) / scheduled };
      result.peer = accumulate(
        tau,
        (i) => {
          const x = 100 * (gm[i].k / (gm[i].k - 1)) * Math.log(p / fallback(gm[i].pmf));
          return continuous ? x / 2 : x;
        },
        s,
        e,
        scheduled,
      );
      result.relative_legacy = accumulate(
        cpTau,
        (i) => Math.log2(p / fallback(cpPmfs[i])),
        s,
        e,
        close - open,
      );
    }
    if (isActive(start, end, spot)) {
      result.spot_baseline = { score: baseline, coverage: 1 };
      let reference = -1;
      for (let i = 0; i < gm.length; i++) if (tau[i] < spot) reference = i;
      if (reference >= 0) {
        const g = gm[reference];
        const x = 100 * (g.k / (g.k - 1)) * Math.log(p / fallback(g.pmf));
        result.spot_peer = { score: continuous ? x / 2 : x, coverage: 1 };
      }
    }
    return result;
  };
  return {
    forecasts: bundle.forecasts.map((f, i) => scoreItem(forecastPmfs[i], f.startTime, f.endTime)),
    cp: history.map((entry, i) => scoreItem(cpPmfs[i], entry.startTime, entry.endTime)),
    gm,
  };
}

const questionArbitrary: fc.Arbitrary<CoreQuestion> = fc
  .record({
    type: fc.constantFrom('binary', 'multiple_choice', 'numeric', 'discrete'),
    closeOffset: fc.integer({ min: 0, max: 1200 }),
    spot: fc.option(fc.integer({ min: -100, max: 1300 }), { nil: null }),
    openLower: fc.boolean(),
    openUpper: fc.boolean(),
    resolutionPick: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ type, closeOffset, spot, openLower, openUpper, resolutionPick }) => {
    const base: CoreQuestion = {
      id: 1,
      type,
      openTime: 100,
      scheduledCloseTime: 1100,
      actualCloseTime: 100 + closeOffset,
      spotScoringTime: spot,
    } as CoreQuestion;
    if (type === 'binary') return { ...base, resolution: resolutionPick % 2 ? 'yes' : 'no' };
    if (type === 'multiple_choice') {
      const allOptions = ['a', 'b', 'c', 'Other'];
      return { ...base, allOptions, resolution: allOptions[resolutionPick % 4] };
    }
    const value = -1 + (resolutionPick / 1000) * 12;
    return {
      ...base,
      rangeMin: 0,
      rangeMax: 10,
      zeroPoint: null,
      openLowerBound: openLower,
      openUpperBound: openUpper,
      inboundOutcomeCount: 5,
      resolution: String(Math.round(value * 100) / 100),
    };
  });

function randomValues(question: CoreQuestion, seeds: number[]): number[] {
  if (question.type === 'binary') return [0.001 + 0.998 * seeds[0]];
  if (question.type === 'multiple_choice') {
    // b may be unavailable (null), as for an option added later.
    const raw = seeds.slice(0, 4).map((seed) => 0.05 + seed);
    const hasB = seeds[4] > 0.3;
    const total = raw.reduce((sum, value, i) => (i === 1 && !hasB ? sum : sum + value), 0);
    return raw.map((value, i) => (i === 1 && !hasB ? Number.NaN : value / total));
  }
  // Non-decreasing CDF of 6 points; closed bounds pin the ends, flat steps are allowed.
  const steps = seeds.slice(0, 7).map((seed) => (seed < 0.2 ? 0 : seed));
  const total = steps.reduce((sum, value) => sum + value, 0) || 1;
  const cdf: number[] = [];
  let running = 0;
  for (let i = 0; i < 6; i++) {
    running += steps[i] / total;
    cdf.push(Math.min(1, running));
  }
  if (!question.openLowerBound) cdf[0] = 0;
  if (!question.openUpperBound) cdf[5] = 1;
  return cdf;
}

const bundleArbitrary: fc.Arbitrary<CoreBundle> = questionArbitrary.chain((question) =>
  fc
    .array(
      fc.record({
        userId: fc.integer({ min: 1, max: 6 }),
        start: fc.integer({ min: 0, max: 1300 }),
        length: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
        seeds: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: 7,
          maxLength: 7,
        }),
      }),
      { maxLength: 14 },
    )
    .map((rows) => {
      // One standing forecast per user at a time: chain each user's rows without overlap.
      const lastEnd = new Map<number, number | null>();
      const forecasts: CoreForecast[] = [];
      rows.forEach((row, index) => {
        const previousEnd = lastEnd.get(row.userId);
        if (previousEnd === null) return;
        const start = previousEnd === undefined ? row.start : previousEnd + (row.start % 50);
        const end = row.length === null ? null : start + row.length;
        lastEnd.set(row.userId, end);
        forecasts.push({
          id: 100 - index,
          userId: row.userId,
          startTime: start,
          endTime: end,
          values: randomValues(question, row.seeds),
        });
      });
      return { question, forecasts };
    }),
);

function expectLiteralScores(bundle: CoreBundle): void {
  const result = score(bundle);
  const expected = naiveScores(bundle);
  const gm = geometricMeanEntries(result.geometricMeans);
  expect(gm.length).toBe(expected.gm.length);
  gm.forEach((entry, i) => {
    expect(entry.timestamp).toBe(expected.gm[i].t);
    expect(entry.numForecasters).toBe(expected.gm[i].k);
    entry.pmf.forEach((value, j) => {
      expect(isWithinContract(value, expected.gm[i].pmf[j])).toBe(true);
    });
  });
  result.perForecast.forEach((row, i) => {
    for (const type of ['baseline', 'peer'] as const) {
      const want = expected.forecasts[i][type];
      if (!isWithinContract(row[type].score, want.score)) {
        throw new Error(`${type} of forecast ${i}: ${row[type].score} ≠ ${want.score}`);
      }
      expect(isWithinContract(row[type].coverage, want.coverage)).toBe(true);
    }
  });
  for (const user of result.users) {
    const indices = bundle.forecasts.flatMap((f, i) => (f.userId === user.userId ? [i] : []));
    for (const [type, value] of Object.entries(user.scores)) {
      let total = 0;
      let coverage = 0;
      for (const i of indices) {
        total += expected.forecasts[i][type as ScoreType].score;
        coverage += expected.forecasts[i][type as ScoreType].coverage;
      }
      if (!isWithinContract(value.score, total)) {
        throw new Error(`${type} of user ${user.userId}: ${value.score} ≠ ${total}`);
      }
      expect(isWithinContract(value.coverage, coverage)).toBe(true);
    }
  }
  const cp = result.aggregations.recency_weighted;
  for (const type of Object.keys(cp ?? {}) as ScoreType[]) {
    let total = 0;
    for (const entry of expected.cp) total += entry[type].score;
    if (!isWithinContract(cp?.[type].score as number, total)) {
      throw new Error(`CP ${type}: ${cp?.[type].score} ≠ ${total}`);
    }
  }
}

describe('scoreBundle against a literal transcription of §9–12', () => {
  it('matches per forecast, per CP entry and in G', () => {
    fc.assert(
      fc.property(bundleArbitrary, (bundle) => {
        expectLiteralScores(bundle);
      }),
      { numRuns: 400 },
    );
  });

  it('matches on a long binary question with many updates and withdrawals', () => {
    // 400 forecasts by 60 users over a 10⁶-second window: items span hundreds of G entries, so
    // the prefix-sum path and its cancellations are exercised.
    let seed = 11;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const forecasts: CoreForecast[] = [];
    for (let user = 1; user <= 60; user++) {
      let time = Math.floor(random() * 300_000) - 50_000;
      for (let k = 0; k < 7; k++) {
        const length = 1 + Math.floor(random() * 200_000);
        const isLast = k === 6;
        forecasts.push({
          id: forecasts.length + 1,
          userId: user,
          startTime: time,
          endTime: isLast && random() < 0.5 ? null : time + length,
          values: [0.001 + 0.998 * random()],
        });
        time += length + (random() < 0.3 ? Math.floor(random() * 50_000) : 0);
      }
    }
    const question: CoreQuestion = {
      id: 1,
      type: 'binary',
      openTime: 0,
      scheduledCloseTime: 1_000_000,
      actualCloseTime: 900_000,
      resolution: 'no',
      spotScoringTime: 700_000,
    };
    expectLiteralScores({ question, forecasts });
  });
});
