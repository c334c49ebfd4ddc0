import { describe, expect, it } from 'vitest';
import type { CoreQuestion } from '../types.ts';
import { bucketOfUnscaledLocation, resolutionBucket } from './bucket.ts';

const question = (overrides: Partial<CoreQuestion>): CoreQuestion => ({
  id: 1,
  type: 'numeric',
  openTime: 0,
  scheduledCloseTime: 10,
  actualCloseTime: 10,
  rangeMin: 0,
  rangeMax: 100,
  zeroPoint: null,
  openLowerBound: true,
  openUpperBound: true,
  ...overrides,
});

describe('resolution → bucket (docs/maths.md §8)', () => {
  it('annulled and ambiguous have no bucket', () => {
    expect(resolutionBucket(question({ resolution: 'annulled' }))).toBeNull();
    expect(resolutionBucket(question({ type: 'binary', resolution: 'ambiguous' }))).toBeNull();
  });

  it('binary yes → 1, no → 0; MC → all-options index', () => {
    expect(resolutionBucket(question({ type: 'binary', resolution: 'yes' }))).toBe(1);
    expect(resolutionBucket(question({ type: 'binary', resolution: 'no' }))).toBe(0);
    const mc = question({ type: 'multiple_choice', allOptions: ['a', 'b', 'Other'] });
    expect(resolutionBucket({ ...mc, resolution: 'b' })).toBe(1);
    expect(resolutionBucket({ ...mc, resolution: 'Other' })).toBe(2);
  });

  it('numeric, linear [0, 100], n = 200', () => {
    // 42.3: u = 0.423, u·200 + 1 = 85.6 (in doubles 85.60000000000001) → ⌊85.6 − 1e-10⌋ = 85.
    expect(resolutionBucket(question({ resolution: '42.3' }))).toBe(85);
    // range_min: u = 0 → ⌊1 − 1e-10⌋ = 0 → max(0, 1) = 1.
    expect(resolutionBucket(question({ resolution: '0' }))).toBe(1);
    // range_max: u = 1 → n.
    expect(resolutionBucket(question({ resolution: '100' }))).toBe(200);
    // A grid point x = 0.5 (u·n + 1 = 2 exactly) belongs to the bucket below: ⌊2 − 1e-10⌋ = 1.
    expect(resolutionBucket(question({ resolution: '0.5' }))).toBe(1);
    expect(resolutionBucket(question({ resolution: '0.5000001' }))).toBe(2);
    // Outside the range.
    expect(resolutionBucket(question({ resolution: '-7.25' }))).toBe(0);
    expect(resolutionBucket(question({ resolution: '100.5' }))).toBe(201);
    expect(resolutionBucket(question({ resolution: 'below_lower_bound' }))).toBe(0);
    expect(resolutionBucket(question({ resolution: 'above_upper_bound' }))).toBe(201);
  });

  it('uses inbound_outcome_count', () => {
    // n = 4 on [0, 100]: 60 → u = 0.6, 0.6·4 + 1 = 3.4 → 3; above → n + 1 = 5.
    const q = question({ inboundOutcomeCount: 4 });
    expect(resolutionBucket({ ...q, resolution: '60' })).toBe(3);
    expect(resolutionBucket({ ...q, resolution: 'above_upper_bound' })).toBe(5);
  });

  it('dates resolve through unix seconds', () => {
    // Range 2026-01-01 … 2026-01-11 (10 days), n = 10: 2026-01-04T12:00Z is 3.5 days in,
    // u = 0.35, 0.35·10 + 1 = 4.5 → bucket 4; the same instant written with +02:00 agrees.
    const start = Date.UTC(2026, 0, 1) / 1000;
    const q = question({
      type: 'date',
      rangeMin: start,
      rangeMax: start + 10 * 86400,
      inboundOutcomeCount: 10,
    });
    expect(resolutionBucket({ ...q, resolution: '2026-01-04T12:00:00Z' })).toBe(4);
    expect(resolutionBucket({ ...q, resolution: '2026-01-04 14:00+02:00' })).toBe(4);
    expect(resolutionBucket({ ...q, resolution: '2026-01-11' })).toBe(10);
  });

  it('discrete questions use their padded range', () => {
    // Outcomes 1…5 stored as [0.5, 5.5] with n = 5: outcome 3 → u = 0.5, 0.5·5 + 1 = 3.5 → 3.
    const q = question({ type: 'discrete', rangeMin: 0.5, rangeMax: 5.5, inboundOutcomeCount: 5 });
    expect(resolutionBucket({ ...q, resolution: '3' })).toBe(3);
    expect(resolutionBucket({ ...q, resolution: '1' })).toBe(1);
    expect(resolutionBucket({ ...q, resolution: '5' })).toBe(5);
  });

  it('compatibility quirk: log-scale u(range_max) = 1 + 2⁻⁵² lands in bucket n + 1', () => {
    // Range [1, 37] with zero_point 0: r = 37, u(37) = (ln(36·36 + 36) − ln 36)/ln 37
    // = 1.0000000000000002 in doubles, so range_max itself maps above the range.
    const q = question({ rangeMin: 1, rangeMax: 37, zeroPoint: 0, resolution: '37' });
    expect(resolutionBucket(q)).toBe(201);
    // On a linear scale range_max stays in bucket n.
    expect(resolutionBucket({ ...q, zeroPoint: null })).toBe(200);
  });

  it('maps unscaled locations directly', () => {
    expect(bucketOfUnscaledLocation(-1e-12, 200)).toBe(0);
    expect(bucketOfUnscaledLocation(0, 200)).toBe(1);
    expect(bucketOfUnscaledLocation(1, 200)).toBe(200);
    expect(bucketOfUnscaledLocation(1 + 2 ** -52, 200)).toBe(201);
    expect(bucketOfUnscaledLocation(0.999, 200)).toBe(200);
  });
});
