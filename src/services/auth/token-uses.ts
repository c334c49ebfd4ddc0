// `last_used_at` of API tokens, recorded off the request path: a token lookup (a cache miss,
// at most once a minute per token and instance) notes the use here, and the notes go to the
// database together a few seconds later in one statement. The lookup itself stays read-only,
// so a request never waits for a commit of this informational column. A note not yet written
// when the process dies is lost (the column then shows the use before); stopping the server
// and listing one's tokens write the notes first.

import { perDatabaseOfDeps } from '../../db/per-database.ts';
import { recordTokenUses } from '../../db/repositories/api-token-repository.ts';
import type { Deps } from '../deps.ts';

/** How long a noted use may wait before it is written. */
export const TOKEN_USE_FLUSH_MS = 5_000;

export class TokenUses {
  /** Token id → latest use noted since the last write. */
  private pending = new Map<number, Date>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: Pick<Deps, 'database' | 'logger'>) {}

  note(tokenId: number, usedAt: Date): void {
    const noted = this.pending.get(tokenId);
    if (noted === undefined || noted < usedAt) this.pending.set(tokenId, usedAt);
    // unref: a pending note never keeps the process alive (stopping the server flushes).
    this.timer ??= setTimeout(() => void this.flush(), TOKEN_USE_FLUSH_MS).unref();
  }

  /** Writes every note taken so far; resolves once they are stored (or failed, logged). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const uses = [...this.pending].map(([tokenId, usedAt]) => ({ tokenId, usedAt }));
    this.pending = new Map();
    // One write at a time, in order: a later flush waits for the one before it.
    this.writing = this.writing.then(() =>
      recordTokenUses(this.deps.database.db, uses).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, tokens: uses.length }, 'could not record token uses');
      }),
    );
    return this.writing;
  }
}

/** One per open database; whoever closes the database flushes it first. */
export const tokenUsesFor = perDatabaseOfDeps(
  (deps: Pick<Deps, 'database' | 'logger'>) => new TokenUses(deps),
);
