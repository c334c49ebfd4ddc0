import { describe, expect, it } from 'vitest';
import { binaryReplacement, cpEventWrite } from '../../../test/factories/cp-event-writes.ts';
import type { CpEventWrite, CpEventWritten } from '../../db/repositories/cp-event-repository.ts';
import { CpWriteChain } from './cp-write-chain.ts';

function write(userId: number): CpEventWrite {
  return cpEventWrite({
    questionId: 1,
    guard: { questionXmin: '5', version: -1 },
    replacements: [binaryReplacement(userId, userId)],
    processedUntil: 100,
  });
}

/** A chain whose statements wait until the test answers them. */
function harness(version = 10) {
  const sent: Array<{ write: CpEventWrite; answer(written: CpEventWritten | Error): void }> = [];
  const events: string[] = [];
  const chain = new CpWriteChain(version, {
    send: (sentWrite) =>
      new Promise((resolve, reject) => {
        sent.push({
          write: sentWrite,
          answer: (written) => (written instanceof Error ? reject(written) : resolve(written)),
        });
      }),
    idsToReserve: () => 4,
    committed: (written) => events.push(`committed ${written.version}`),
    broken: () => events.push('broken'),
  });
  return { chain, sent, events };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('CpWriteChain', () => {
  it('sends one statement at a time, merging the writes that wait, each guarded by the last version', async () => {
    const { chain, sent, events } = harness(10);
    const first = chain.submit(write(1));
    const second = chain.submit(write(2));
    const third = chain.submit(write(3));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.write.guard?.version).toBe(10);
    expect(sent[0]?.write.reserveIds).toBe(4);
    expect(chain.isSettled).toBe(false);
    sent[0]?.answer({ ok: true, version: 11, reservedIds: [20, 21] });
    expect(await first).toEqual({ ok: true, version: 11, reservedIds: [20, 21] });
    expect(sent).toHaveLength(2);
    expect(sent[1]?.write.replacements.map((forecast) => forecast.userId)).toEqual([2, 3]);
    expect(sent[1]?.write.guard?.version).toBe(11);
    sent[1]?.answer({ ok: true, version: 12, reservedIds: [] });
    expect((await second).version).toBe(12);
    expect((await third).version).toBe(12);
    expect(events).toEqual(['committed 11', 'committed 12']);
    expect(chain.isSettled).toBe(true);
  });

  it('does not merge a second forecast of the same author', async () => {
    const { chain, sent } = harness();
    void chain.submit(write(1));
    void chain.submit(write(2));
    void chain.submit(write(2));
    sent[0]?.answer({ ok: true, version: 11, reservedIds: [] });
    await flush();
    expect(sent[1]?.write.replacements).toHaveLength(1);
    sent[1]?.answer({ ok: true, version: 12, reservedIds: [] });
    await flush();
    expect(sent[2]?.write.guard?.version).toBe(12);
  });

  it('breaks when a guard fails: the waiting writes are not sent and report not written', async () => {
    const { chain, sent, events } = harness();
    const first = chain.submit(write(1));
    const second = chain.submit(write(2));
    sent[0]?.answer({ ok: false, version: null, reservedIds: [] });
    expect((await first).ok).toBe(false);
    expect((await second).ok).toBe(false);
    expect(sent).toHaveLength(1);
    expect(events).toEqual(['broken']);
    expect(chain.isBroken).toBe(true);
    expect((await chain.submit(write(3))).ok).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('passes a failed statement on to its events and breaks', async () => {
    const { chain, sent } = harness();
    const first = chain.submit(write(1));
    const second = chain.submit(write(2));
    const settled = chain.nextSettlement();
    sent[0]?.answer(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    expect((await second).ok).toBe(false);
    await settled;
    expect(chain.isBroken).toBe(true);
  });
});
