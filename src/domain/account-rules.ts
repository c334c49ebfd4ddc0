// What a valid username, email, password, display name, bio and API token name look like.
// The HTTP schemas reuse these limits, so the rule lives here once and the CLI gets it too.

export type FieldCheck = { ok: true } | { ok: false; reason: string };

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 30;
export const USERNAME_PATTERN = '^[A-Za-z0-9_-]+$';
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 50;
export const BIO_MAX_LENGTH = 2000;
export const TOKEN_NAME_MAX_LENGTH = 100;

const USERNAME_REGEXP = new RegExp(USERNAME_PATTERN);
// Deliberately loose (one @, a dot in the domain, no spaces or control characters): the only real
// check of an address is a message that arrives.
const EMAIL_REGEXP = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** Multi-line text keeps tabs and line breaks; NUL cannot even be stored in PostgreSQL text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: see above.
const CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Bidirectional-text controls (the embeddings, overrides and isolates of Unicode's bidi
 * algorithm, and the marks) reorder what surrounds them: in a name or bio they can make a
 * comment appear to say something else or disguise a link ("Trojan Source" style), so they are
 * refused outright rather than rendered.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** True when the text can be stored and shown as it is (no NUL or other control characters). */
export function isStorableLine(text: string): boolean {
  return !CONTROL_CHARACTERS.test(text);
}

function checkLength(value: string, min: number, max: number): FieldCheck {
  // Count code points, not UTF-16 units, so "10 characters" means what people think.
  const length = [...value].length;
  if (length < min) return { ok: false, reason: `must be at least ${min} characters long` };
  if (length > max) return { ok: false, reason: `must be at most ${max} characters long` };
  return { ok: true };
}

export function checkUsername(username: string): FieldCheck {
  const length = checkLength(username, USERNAME_MIN_LENGTH, USERNAME_MAX_LENGTH);
  if (!length.ok) return length;
  if (!USERNAME_REGEXP.test(username)) {
    return { ok: false, reason: 'may contain only letters, digits, "_" and "-"' };
  }
  return { ok: true };
}

export function checkEmail(email: string): FieldCheck {
  if (email.length > EMAIL_MAX_LENGTH) {
    return { ok: false, reason: `must be at most ${EMAIL_MAX_LENGTH} characters long` };
  }
  if (!EMAIL_REGEXP.test(email)) return { ok: false, reason: 'is not an email address' };
  return { ok: true };
}

export function checkPassword(password: string): FieldCheck {
  return checkLength(password, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH);
}

export function checkDisplayName(displayName: string): FieldCheck {
  const length = checkLength(displayName.trim(), 1, DISPLAY_NAME_MAX_LENGTH);
  if (!length.ok) return length;
  if (CONTROL_CHARACTERS.test(displayName)) {
    return { ok: false, reason: 'must not contain control characters' };
  }
  if (BIDI_CONTROLS.test(displayName)) {
    return { ok: false, reason: 'must not contain bidirectional text controls' };
  }
  return { ok: true };
}

export function checkBio(bio: string): FieldCheck {
  const length = checkLength(bio, 0, BIO_MAX_LENGTH);
  if (!length.ok) return length;
  if (CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS.test(bio)) {
    return { ok: false, reason: 'must not contain control characters other than line breaks' };
  }
  if (BIDI_CONTROLS.test(bio)) {
    return { ok: false, reason: 'must not contain bidirectional text controls' };
  }
  return { ok: true };
}

export function checkTokenName(name: string): FieldCheck {
  const length = checkLength(name.trim(), 1, TOKEN_NAME_MAX_LENGTH);
  if (!length.ok) return length;
  if (CONTROL_CHARACTERS.test(name)) {
    return { ok: false, reason: 'must not contain control characters' };
  }
  return { ok: true };
}
