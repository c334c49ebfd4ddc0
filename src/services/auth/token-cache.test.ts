// The token cache's rules on a hand-moved clock: entries live less than the TTL, the least
// recently used go beyond the bound, invalidations drop a user's entries and spoil reads that
// overlapped them, and `auth_changed` payloads map to the right invalidation.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/actor.ts';
import {
  applyAuthChanged,
  type CachedToken,
  TOKEN_CACHE_TTL_MS,
  TokenCache,
} from './token-cache.ts';

const START = new Date('2030-01-01T00:00:00Z');

function at(ms: number): Date {
  return new Date(START.getTime() + ms);
}

function token(userId: number, role: Role = 'reader'): CachedToken {
  return {
    userId,
    username: `user${userId}`,
    role,
    scopes: ['read', 'write'],
    accountCreatedAt: START,
  };
}

function cacheOf(maxEntries = 100): TokenCache {
  return new TokenCache({ ttlMs: TOKEN_CACHE_TTL_MS, maxEntries });
}

describe('TokenCache', () => {
  it('keeps an entry for less than the TTL after it was read', () => {
    const cache = cacheOf();
    cache.store('h1', token(1), at(0), cache.generation);
    expect(cache.get('h1', at(0))?.userId).toBe(1);
    expect(cache.get('h1', at(TOKEN_CACHE_TTL_MS - 1))?.userId).toBe(1);
    expect(cache.get('h1', at(TOKEN_CACHE_TTL_MS))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('counts the TTL from the read, not from the last hit', () => {
    const cache = cacheOf();
    cache.store('h1', token(1), at(0), cache.generation);
    for (let ms = 0; ms < TOKEN_CACHE_TTL_MS; ms += 10_000) {
      expect(cache.get('h1', at(ms))).toBeDefined();
    }
    expect(cache.get('h1', at(TOKEN_CACHE_TTL_MS))).toBeUndefined();
  });

  it('distrusts an entry when the clock went backwards', () => {
    const cache = cacheOf();
    cache.store('h1', token(1), at(5_000), cache.generation);
    expect(cache.get('h1', at(4_999))).toBeUndefined();
  });

  it('drops the least recently used entry beyond its bound', () => {
    const cache = cacheOf(3);
    for (const [hash, userId] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const) {
      cache.store(hash, token(userId), at(0), cache.generation);
    }
    expect(cache.get('a', at(1))).toBeDefined(); // now b is the least recently used
    cache.store('d', token(4), at(2), cache.generation);
    expect(cache.size).toBe(3);
    expect(cache.get('b', at(3))).toBeUndefined();
    for (const hash of ['a', 'c', 'd']) expect(cache.get(hash, at(3))).toBeDefined();
  });

  it('forgets every token of one user and keeps the others', () => {
    const cache = cacheOf();
    cache.store('a1', token(1), at(0), cache.generation);
    cache.store('a2', token(1), at(0), cache.generation);
    cache.store('b1', token(2), at(0), cache.generation);
    cache.forgetUser(1);
    expect(cache.get('a1', at(1))).toBeUndefined();
    expect(cache.get('a2', at(1))).toBeUndefined();
    expect(cache.get('b1', at(1))?.userId).toBe(2);
  });

  it('does not cache a read that overlapped an invalidation', () => {
    const cache = cacheOf();
    const before = cache.generation;
    cache.forgetUser(7); // e.g. a revocation committed while the lookup was in flight
    cache.store('h', token(7), at(0), before);
    expect(cache.get('h', at(1))).toBeUndefined();
    cache.store('h', token(7), at(0), cache.generation);
    expect(cache.get('h', at(1))).toBeDefined();
  });

  it('hands out scopes that cannot be changed through the cache', () => {
    const cache = cacheOf();
    const scopes: CachedToken['scopes'] = ['read'];
    cache.store('h', { ...token(1), scopes }, at(0), cache.generation);
    const cached = cache.get('h', at(1));
    expect(cached?.scopes).toEqual(['read']);
    expect(Object.isFrozen(cached?.scopes)).toBe(true);
  });
});

describe('applyAuthChanged', () => {
  it('forgets the named user, and everything for a payload it does not understand', () => {
    const cache = cacheOf();
    cache.store('a', token(1), at(0), cache.generation);
    cache.store('b', token(2), at(0), cache.generation);
    applyAuthChanged(cache, '1');
    expect(cache.get('a', at(1))).toBeUndefined();
    expect(cache.get('b', at(1))).toBeDefined();
    applyAuthChanged(cache, 'garbage');
    expect(cache.size).toBe(0);
  });
});
