// The optimistic writes of one question's cached engines, in the order their events ran.
//
// An optimistic event (cp-transaction.ts) runs on the engines the previous event left and hands
// its write here; the engines go back to the cache at once, so the question's next event can run
// before this one is committed. The chain sends one statement at a time per question: the events
// that run while a statement is on its way are merged into the next one (cp-write-merge.ts), so a
// busy question advances by its whole backlog per round trip instead of one forecast.
//
// Each statement is guarded by the state version the previous one committed. If a guard fails
// (another writer moved the question) or a statement fails, nothing of it was written, the
// chain is broken: the statement's events and every event waiting behind it are told so (ok =
// false) and run again the locked way, on engines rebuilt from the database. An acknowledged
// forecast is always a committed one: an event answers only once its statement has committed.

import type { CpEventWrite, CpEventWritten } from '../../db/repositories/cp-event-repository.ts';
import { canMergeWrites, mergeWrites } from './cp-write-merge.ts';

const NOT_WRITTEN: CpEventWritten = { ok: false, version: null, reservedIds: [] };

export interface CpWriteChainHooks {
  /** Sends one statement (the write batcher). */
  send(write: CpEventWrite): Promise<CpEventWritten>;
  /** How many forecast ids the next statement should reserve. */
  idsToReserve(): number;
  /** A statement committed (runs before its events are answered). */
  committed(written: CpEventWritten): void;
  /** The chain broke: its engines no longer match the database. */
  broken(): void;
}

interface Group {
  write: CpEventWrite;
  resolvers: Array<{ resolve(written: CpEventWritten): void; reject(error: unknown): void }>;
}

export class CpWriteChain {
  private version: number;
  private isSending = false;
  private waiting: Group[] = [];
  private isBrokenFlag = false;
  private settledWaiters: Array<() => void> = [];

  constructor(
    /** The committed state version the engines are at. */
    version: number,
    private readonly hooks: CpWriteChainHooks,
  ) {
    this.version = version;
  }

  get isBroken(): boolean {
    return this.isBrokenFlag;
  }

  /** Nothing sent or waiting: the engines are exactly the committed state. */
  get isSettled(): boolean {
    return !this.isSending && this.waiting.length === 0;
  }

  /** Resolves once the statement on its way (if any) is done. */
  nextSettlement(): Promise<void> {
    if (this.isSettled) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /**
   * Queues a write computed on the engines after every earlier write of the chain; resolves
   * once it is committed (ok) or known not to be (ok = false), or rejects with the statement's
   * error.
   */
  submit(write: CpEventWrite): Promise<CpEventWritten> {
    if (this.isBrokenFlag) return Promise.resolve(NOT_WRITTEN);
    return new Promise((resolve, reject) => {
      const last = this.waiting.at(-1);
      if (last && canMergeWrites(last.write, write)) {
        last.write = mergeWrites(last.write, write);
        last.resolvers.push({ resolve, reject });
      } else {
        this.waiting.push({ write, resolvers: [{ resolve, reject }] });
      }
      this.sendNext();
    });
  }

  private sendNext(): void {
    if (this.isSending || this.isBrokenFlag) return;
    const group = this.waiting.shift();
    if (group === undefined) {
      this.wakeSettledWaiters();
      return;
    }
    this.isSending = true;
    const { guard } = group.write;
    const write: CpEventWrite = {
      ...group.write,
      guard: guard === null ? null : { ...guard, version: this.version },
      reserveIds: this.hooks.idsToReserve(),
    };
    this.hooks.send(write).then(
      (written) => {
        this.isSending = false;
        if (written.ok && written.version !== null) {
          this.version = written.version;
          this.hooks.committed(written);
        } else {
          this.break();
        }
        for (const resolver of group.resolvers) resolver.resolve(written);
        this.sendNext();
      },
      (error: unknown) => {
        this.isSending = false;
        this.break();
        for (const resolver of group.resolvers) resolver.reject(error);
        this.wakeSettledWaiters();
      },
    );
  }

  private break(): void {
    if (this.isBrokenFlag) return;
    this.isBrokenFlag = true;
    const waiting = this.waiting;
    this.waiting = [];
    for (const group of waiting) {
      for (const resolver of group.resolvers) resolver.resolve(NOT_WRITTEN);
    }
    this.hooks.broken();
    this.wakeSettledWaiters();
  }

  private wakeSettledWaiters(): void {
    if (!this.isSettled && !this.isBrokenFlag) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const wake of waiters) wake();
  }
}
