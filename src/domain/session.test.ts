import { describe, expect, it } from 'vitest';
import {
  isSessionExpired,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_LIFETIME_MS,
  sessionExpiry,
  shouldTouchSession,
} from './session.ts';

const start = new Date('2030-01-01T00:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

describe('session lifetime', () => {
  it('expires 30 days after the last activity, not a millisecond later', () => {
    const expiresAt = sessionExpiry(start, start);
    expect(expiresAt.getTime() - start.getTime()).toBe(30 * 24 * 3600 * 1000);
    expect(isSessionExpired(expiresAt, later(SESSION_LIFETIME_MS - 1))).toBe(false);
    expect(isSessionExpired(expiresAt, later(SESSION_LIFETIME_MS))).toBe(true);
  });
  it('ends 90 days after the sign-in however active the session is', () => {
    const seenDaily = later(SESSION_ABSOLUTE_LIFETIME_MS - 24 * 3600 * 1000);
    expect(sessionExpiry(seenDaily, start)).toEqual(later(SESSION_ABSOLUTE_LIFETIME_MS));
    const seenEarly = later(10 * 24 * 3600 * 1000);
    expect(sessionExpiry(seenEarly, start)).toEqual(
      later(10 * 24 * 3600 * 1000 + SESSION_LIFETIME_MS),
    );
  });
  it('records activity at most once an hour', () => {
    expect(shouldTouchSession(start, later(59 * 60 * 1000))).toBe(false);
    expect(shouldTouchSession(start, later(60 * 60 * 1000))).toBe(true);
  });
});
