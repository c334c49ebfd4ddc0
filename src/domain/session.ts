// Session lifetime rules: 30 days from the last activity, which is recorded at most once an hour.

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry without a database write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export function sessionExpiry(lastSeenAt: Date): Date {
  return new Date(lastSeenAt.getTime() + SESSION_LIFETIME_MS);
}

export function isSessionExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

export function shouldTouchSession(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}
