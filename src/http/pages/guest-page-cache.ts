// A micro-cache of anonymous question page renders (docs/decisions.md, "Front end"): the HTML a
// guest gets, kept in process for at most a second or two and dropped at once when the
// question's CP changes (LISTEN cp_updated) or the question itself changes (LISTEN
// question_changed), on every instance since each listens. Headers are never cached: a hit is
// sent through the ordinary reply, so helmet's CSP, x-request-id and cache-control are set per
// request as for any page. Only for requests without an actor (no session, no token): a
// signed-in page carries its viewer's forecast and CSRF token and is always rendered.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { watchQuestionPageChanges } from '../../services/live/page-changes.ts';

/** How long a render is served again (milliseconds of the injected clock). */
export const GUEST_PAGE_TTL_MS = 1_500;
/** Most pages kept (least recently used dropped first). */
export const GUEST_PAGE_MAX_ENTRIES = 500;

interface Entry {
  html: string;
  expiresAt: number;
  /** Every question whose change alters the page (the question, its conditional family). */
  questionIds: readonly number[];
}

export class GuestPageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<
    string,
    { generation: number; html: Promise<string | null> }
  >();
  /** Bumped by every invalidation: a render begun before one is not stored. */
  private generation = 0;
  private listening: Promise<void> | null = null;
  private isReady = false;
  private stop: (() => Promise<void>) | null = null;
  private isClosed = false;

  constructor(
    private readonly deps: Pick<Deps, 'database' | 'logger' | 'clock'>,
    private readonly options = { ttlMs: GUEST_PAGE_TTL_MS, maxEntries: GUEST_PAGE_MAX_ENTRIES },
  ) {}

  /** The cache key of a request that may use the cache, else null (an actor, a non-GET). */
  keyOf(request: FastifyRequest): string | null {
    if (request.actor !== null && request.actor !== undefined) return null;
    if (request.method !== 'GET') return null;
    // The render depends on the path and the discussion's query (sort, cursor, rationale): the
    // whole URL is the key, so one query never gets another's page.
    return request.url;
  }

  /** The cached HTML for the key, when fresh and the invalidation feed is live. */
  get(key: string): string | null {
    if (!this.isReady) return null;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.deps.clock.now().getTime()) {
      this.entries.delete(key);
      return null;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.html;
  }

  /**
   * Renders a missing page once however many guests ask at the same moment (a popular page's
   * expiry would otherwise start a render per waiting connection): a guest arriving while a
   * render begun since the last invalidation is under way waits for it. `render` resolves to
   * the page's HTML, or null when it is not a page to share (a redirect, an error); waiters then
   * render for themselves.
   */
  async shared(key: string, render: () => Promise<string | null>): Promise<string | null> {
    const running = this.inFlight.get(key);
    if (running && running.generation === this.generation) return running.html;
    const html = render();
    const entry = { generation: this.generation, html: html.catch(() => null) };
    this.inFlight.set(key, entry);
    try {
      return await html;
    } finally {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    }
  }

  /** A token to pass to `set`: a render begun before an invalidation is not kept. */
  begin(): number {
    return this.generation;
  }

  set(
    key: string,
    started: number,
    html: string,
    questionIds: readonly number[],
    notAfter: Date | null,
  ): void {
    if (!this.isReady || started !== this.generation) return;
    const now = this.deps.clock.now().getTime();
    let expiresAt = now + this.options.ttlMs;
    // A page that changes at a known time (the CP reveal) is not kept past it.
    if (notAfter !== null && notAfter.getTime() > now) {
      expiresAt = Math.min(expiresAt, notAfter.getTime());
    }
    this.entries.delete(key);
    this.entries.set(key, { html, expiresAt, questionIds });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops the pages of a question (null: every page). */
  invalidate(questionId: number | null): void {
    this.generation++;
    if (questionId === null) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) {
      if (entry.questionIds.includes(questionId)) this.entries.delete(key);
    }
  }

  /** Starts the invalidation feed (once); pages are cached only once it is live. */
  startListening(): Promise<void> {
    if (this.isReady || this.isClosed) return Promise.resolve();
    this.listening ??= watchQuestionPageChanges(this.deps, (id) => this.invalidate(id))
      .then(async (stop) => {
        if (this.isClosed) {
          await stop();
          return;
        }
        this.stop = stop;
        this.isReady = true;
      })
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'guest page cache disabled: LISTEN failed');
        // Try again on a later request.
        this.listening = null;
      });
    return this.listening;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.isReady = false;
    this.entries.clear();
    await this.listening;
    const stop = this.stop;
    this.stop = null;
    await stop?.().catch(() => undefined);
  }
}
