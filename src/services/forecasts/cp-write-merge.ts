// Two consecutive CP events of one question as one write (cp-write-chain.ts): the second event ran
// on the state the first left, and one statement's changes cannot see each other, so their row
// changes are combined here into one set that touches each history entry once.
import type {
  CpEventWrite,
  HistoryChanges,
  HistoryUpsert,
} from '../../db/repositories/cp-event-repository.ts';

type EntryChange =
  | { kind: 'delete' }
  | { kind: 'end'; endTime: number | null }
  | { kind: 'upsert'; upsert: HistoryUpsert };

function applyChanges(into: Map<number, EntryChange>, changes: HistoryChanges): void {
  for (const seq of changes.deletes) into.set(seq, { kind: 'delete' });
  for (const { seq, endTime } of changes.ends) {
    const earlier = into.get(seq);
    if (earlier?.kind === 'upsert') {
      into.set(seq, { kind: 'upsert', upsert: { ...earlier.upsert, endTime } });
    } else if (earlier?.kind !== 'delete') {
      into.set(seq, { kind: 'end', endTime });
    }
  }
  for (const upsert of changes.upserts) into.set(upsert.seq, { kind: 'upsert', upsert });
}

/** The history changes of `earlier` followed by `later`, each entry changed once. */
export function mergeHistoryChanges(
  earlier: HistoryChanges,
  later: HistoryChanges,
): HistoryChanges {
  const bySeq = new Map<number, EntryChange>();
  applyChanges(bySeq, earlier);
  applyChanges(bySeq, later);
  const merged: HistoryChanges = { deletes: [], ends: [], upserts: [] };
  for (const [seq, change] of bySeq) {
    if (change.kind === 'delete') merged.deletes.push(seq);
    else if (change.kind === 'end') merged.ends.push({ seq, endTime: change.endTime });
    else merged.upserts.push(change.upsert);
  }
  return merged;
}

/** Whether `later` can join `earlier`'s statement: no author may replace a forecast twice. */
export function canMergeWrites(earlier: CpEventWrite, later: CpEventWrite): boolean {
  const authors = new Set(earlier.replacements.map((forecast) => forecast.userId));
  return later.replacements.every((forecast) => !authors.has(forecast.userId));
}

/** `earlier` then `later` (same question, `later` computed on `earlier`'s state) as one write. */
export function mergeWrites(earlier: CpEventWrite, later: CpEventWrite): CpEventWrite {
  if (earlier.questionId !== later.questionId) throw new RangeError('writes of two questions');
  return {
    questionId: earlier.questionId,
    now: later.now,
    guard: earlier.guard,
    replacements: [...earlier.replacements, ...later.replacements],
    history: mergeHistoryChanges(earlier.history, later.history),
    processedUntil: later.processedUntil ?? earlier.processedUntil,
    notifyPayload: later.notifyPayload ?? earlier.notifyPayload,
    idempotency: [...earlier.idempotency, ...later.idempotency],
    reserveIds: Math.max(earlier.reserveIds, later.reserveIds),
  };
}
