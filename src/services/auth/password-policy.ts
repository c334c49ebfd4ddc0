// Passwords people actually guess first: the ~49,000 most common and breached passwords of
// zxcvbn-ts's common list (@zxcvbn-ts/language-common, MIT), bundled and checked offline, so an
// account never starts with one (OWASP ASVS 2.1.7). Loaded on first use: a one-off command that
// creates no account never pays for it.
import { checkPassword, type FieldCheck } from '../../domain/account-rules.ts';

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase())),
  );
  return commonPasswords;
}

/** How many passwords the list holds (for tests and docs). */
export async function commonPasswordCount(): Promise<number> {
  return (await loadCommonPasswords()).size;
}

/**
 * The length rule of domain/account-rules.ts, then the list: compared case-insensitively and
 * also without surrounding spaces, so "Password123 " counts as "password123".
 */
export async function checkNewPassword(password: string): Promise<FieldCheck> {
  const length = checkPassword(password);
  if (!length.ok) return length;
  const common = await loadCommonPasswords();
  if (common.has(password.toLowerCase()) || common.has(password.trim().toLowerCase())) {
    return { ok: false, reason: 'is one of the most common passwords; choose another' };
  }
  return { ok: true };
}
