import { describe, expect, it } from 'vitest';
import { binaryReplacement, cpEventWrite } from '../../../test/factories/cp-event-writes.ts';
import type { HistoryUpsert } from '../../db/repositories/cp-event-repository.ts';
import { canMergeWrites, mergeHistoryChanges, mergeWrites } from './cp-write-merge.ts';

const VALUES = {
  forecasterCount: 1,
  forecastValues: [0.5],
  intervalLowerBounds: [0.5],
  centers: [0.5],
  intervalUpperBounds: [0.5],
  means: null,
};

function upsert(seq: number, startTime: number, endTime: number | null = null): HistoryUpsert {
  return { seq, startTime, endTime, byMethod: [['recency_weighted', VALUES]] };
}

describe('mergeHistoryChanges', () => {
  it('folds a later end into an entry the earlier event inserted', () => {
    const merged = mergeHistoryChanges(
      { deletes: [], ends: [{ seq: 4, endTime: 100 }], upserts: [upsert(5, 100)] },
      { deletes: [], ends: [{ seq: 5, endTime: 101 }], upserts: [upsert(6, 101)] },
    );
    expect(merged.ends).toEqual([{ seq: 4, endTime: 100 }]);
    expect(merged.deletes).toEqual([]);
    expect(merged.upserts).toEqual([upsert(5, 100, 101), upsert(6, 101)]);
  });

  it('lets the later event replace or delete what the earlier one wrote', () => {
    const merged = mergeHistoryChanges(
      { deletes: [], ends: [{ seq: 4, endTime: 100 }], upserts: [upsert(5, 100)] },
      { deletes: [5], ends: [{ seq: 4, endTime: null }], upserts: [] },
    );
    expect(merged).toEqual({ deletes: [5], ends: [{ seq: 4, endTime: null }], upserts: [] });
    const replaced = mergeHistoryChanges(
      { deletes: [], ends: [], upserts: [upsert(5, 100)] },
      { deletes: [], ends: [], upserts: [upsert(5, 100, 100)] },
    );
    expect(replaced.upserts).toEqual([upsert(5, 100, 100)]);
  });

  it('keeps a deletion when a later event only ends that entry', () => {
    const merged = mergeHistoryChanges(
      { deletes: [5], ends: [], upserts: [] },
      { deletes: [], ends: [{ seq: 5, endTime: 103 }], upserts: [] },
    );
    expect(merged).toEqual({ deletes: [5], ends: [], upserts: [] });
  });
});

describe('mergeWrites', () => {
  it('carries both events: forecasts, idempotent results, the later state and notification', () => {
    const key = (userId: number) => ({
      userId,
      key: `k${userId}`,
      requestHash: 'h',
      statusCode: 201,
      response: {},
    });
    const merged = mergeWrites(
      cpEventWrite({
        replacements: [binaryReplacement(1, 10)],
        processedUntil: 100,
        notifyPayload: '7:5',
        idempotency: [key(1)],
      }),
      cpEventWrite({
        now: new Date(1000),
        guard: { questionXmin: '1', version: 99 },
        replacements: [binaryReplacement(2, 11)],
        processedUntil: 101,
        notifyPayload: '7:6',
        idempotency: [key(2)],
      }),
    );
    expect(merged.replacements.map((forecast) => forecast.id)).toEqual([10, 11]);
    expect(merged.idempotency.map((result) => result.userId)).toEqual([1, 2]);
    expect(merged.guard).toEqual({ questionXmin: '1', version: 3 });
    expect(merged.processedUntil).toBe(101);
    expect(merged.notifyPayload).toBe('7:6');
    expect(merged.now).toEqual(new Date(1000));
  });

  it('refuses a second forecast by the same author, and writes of another question', () => {
    const first = cpEventWrite({ replacements: [binaryReplacement(1, 10)] });
    expect(canMergeWrites(first, cpEventWrite({ replacements: [binaryReplacement(1, 11)] }))).toBe(
      false,
    );
    expect(canMergeWrites(first, cpEventWrite({ replacements: [binaryReplacement(2, 11)] }))).toBe(
      true,
    );
    expect(() => mergeWrites(first, cpEventWrite({ questionId: 8 }))).toThrow(/two questions/);
  });
});
