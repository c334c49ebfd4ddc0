// The guest page cache's bookkeeping: bounded (least recently used dropped first), entries
// expire, an invalidation drops the question's pages (or all), and a render begun before an
// invalidation is not stored. The invalidation feed here is an in-memory stand-in for LISTEN.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { GuestPageCache } from '../../src/http/pages/guest-page-cache.ts';

function setup(maxEntries = 3) {
  let time = 1_000_000;
  const clock = { now: () => new Date(time) };
  const database = {
    listen: async () => async () => undefined,
  } as unknown as Database;
  const cache = new GuestPageCache(
    { database, logger: pino({ level: 'silent' }), clock },
    { ttlMs: 1_500, maxEntries },
  );
  return { cache, advance: (ms: number) => (time += ms) };
}

describe('GuestPageCache', () => {
  it('caches nothing until the invalidation feed is live', async () => {
    const { cache } = setup();
    cache.set('/questions/1-a', cache.begin(), 'one', [1], null);
    expect(cache.get('/questions/1-a')).toBeNull();
    await cache.startListening();
    cache.set('/questions/1-a', cache.begin(), 'one', [1], null);
    expect(cache.get('/questions/1-a')).toBe('one');
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const { cache } = setup(3);
    await cache.startListening();
    for (const id of [1, 2, 3]) cache.set(`/q/${id}`, cache.begin(), `page ${id}`, [id], null);
    expect(cache.get('/q/1')).toBe('page 1');
    cache.set('/q/4', cache.begin(), 'page 4', [4], null);
    expect(cache.size).toBe(3);
    expect(cache.get('/q/2')).toBeNull();
    expect(cache.get('/q/1')).toBe('page 1');
    expect(cache.get('/q/4')).toBe('page 4');
  });

  it('expires pages after the TTL, or at the next known change if sooner', async () => {
    const { cache, advance } = setup();
    await cache.startListening();
    cache.set('/q/1', cache.begin(), 'page', [1], null);
    cache.set('/q/2', cache.begin(), 'page', [2], new Date(1_000_000 + 500));
    advance(600);
    expect(cache.get('/q/1')).toBe('page');
    expect(cache.get('/q/2')).toBeNull();
    advance(1_000);
    expect(cache.get('/q/1')).toBeNull();
  });

  it('drops the pages that show a question, and every page on a reset', async () => {
    const { cache } = setup(10);
    await cache.startListening();
    cache.set('/q/1', cache.begin(), 'child', [1, 2, 3], null);
    cache.set('/q/2', cache.begin(), 'branch', [2, 1], null);
    cache.set('/q/5', cache.begin(), 'other', [5], null);
    cache.invalidate(3);
    expect(cache.get('/q/1')).toBeNull();
    expect(cache.get('/q/2')).toBe('branch');
    expect(cache.get('/q/5')).toBe('other');
    cache.invalidate(null);
    expect(cache.size).toBe(0);
  });

  it('does not store a render begun before an invalidation', async () => {
    const { cache } = setup();
    await cache.startListening();
    const started = cache.begin();
    cache.invalidate(7);
    cache.set('/q/1', started, 'stale', [1], null);
    expect(cache.get('/q/1')).toBeNull();
  });

  it('shares one render among guests arriving together', async () => {
    const { cache } = setup();
    await cache.startListening();
    let renders = 0;
    const pending: Array<(html: string) => void> = [];
    const render = () => {
      renders++;
      return new Promise<string | null>((resolve) => {
        pending.push(resolve);
      });
    };
    const finish = (html: string) => {
      for (const resolve of pending.splice(0)) resolve(html);
    };
    const first = cache.shared('/q/1', render);
    const second = cache.shared('/q/1', render);
    finish('page');
    expect(await first).toBe('page');
    expect(await second).toBe('page');
    expect(renders).toBe(1);
    // After an invalidation a newcomer does not join a render begun before it.
    const third = cache.shared('/q/1', render);
    cache.invalidate(1);
    const fourth = cache.shared('/q/1', render);
    expect(renders).toBe(3);
    finish('fresh');
    await Promise.all([third, fourth]);
  });
});
