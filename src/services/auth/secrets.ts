// Random secrets and their digests: session cookies, CSRF tokens, API tokens, generated passwords.
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_TOKEN_PREFIX = 'brier_';
/** How much of a token is kept in clear for display ("brier_AbC1…"). */
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;

/** 32 random bytes, base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of the UTF-8 text (one-shot `crypto.hash`: half the cost of a Hash object). */
export function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}

export function newApiToken(): { token: string; tokenHash: string; tokenPrefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  return { token, tokenHash: sha256(token), tokenPrefix: token.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/** A password people can copy: 24 base64url characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Compares secrets without leaking, through timing, how long a common prefix is. */
export function secretsEqual(expected: string, given: string): boolean {
  const a = Buffer.from(sha256(expected), 'hex');
  const b = Buffer.from(sha256(given), 'hex');
  return timingSafeEqual(a, b);
}
