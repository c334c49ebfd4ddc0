// Unsubscribe links that work without signing in: `<user id>.<kind>.<HMAC-SHA256>` under a key
// derived from the server's SESSION_SECRET, so only this server can make one, and one link
// changes one user's one kind. They do not expire (an old e-mail's link keeps working); changing
// SESSION_SECRET voids them all.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isKnownKind } from '../../domain/notifications.ts';

/** `all`: every notification e-mail (the link in account e-mails such as password resets). */
export const ALL_KINDS = 'all';

function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('brier unsubscribe v1').digest();
}

function signature(secret: string, userId: number, kind: string): Buffer {
  return createHmac('sha256', key(secret)).update(`${userId}.${kind}`).digest();
}

export function unsubscribeToken(secret: string, userId: number, kind: string): string {
  return `${userId}.${kind}.${signature(secret, userId, kind).toString('base64url')}`;
}

/** The user and kind of a genuine token, or null for anything else. */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { userId: number; kind: string } | null {
  const match = /^([1-9]\d{0,15})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const kind = match[2]!;
  if (!Number.isSafeInteger(userId) || (kind !== ALL_KINDS && !isKnownKind(kind))) return null;
  const expected = signature(secret, userId, kind);
  const given = Buffer.from(match[3]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, kind };
}
