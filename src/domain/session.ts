// Session lifetime rules: 30 days from the last activity, which is recorded at most once an hour,
// and never more than 90 days from the sign-in, however active (OWASP ASVS 3.3: a stolen cookie
// does not live forever, and everyone types their password again now and then).

const DAY_MS = 24 * 60 * 60 * 1000;
/** Idle timeout. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Absolute lifetime from the sign-in. */
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * DAY_MS;
/** Sliding expiry without a database write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** When a session seen at `lastSeenAt`, started at `createdAt`, expires: both limits in one. */
export function sessionExpiry(lastSeenAt: Date, createdAt: Date): Date {
  return new Date(
    Math.min(
      lastSeenAt.getTime() + SESSION_LIFETIME_MS,
      createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME_MS,
    ),
  );
}

export function isSessionExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

export function shouldTouchSession(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}
