// SQL for one-time account tokens (password reset, e-mail verification), stored as SHA-256.
import type { Executor } from './question-repository.ts';

export type AccountTokenPurpose = 'password_reset' | 'verify_email';

export async function insertAccountToken(
  db: Executor,
  token: {
    tokenHash: string;
    userId: number;
    purpose: AccountTokenPurpose;
    email: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('account_tokens')
    .values({
      token_hash: token.tokenHash,
      user_id: token.userId,
      purpose: token.purpose,
      email: token.email,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/**
 * Uses a token once: marks it used and returns its user and e-mail, or undefined when it is
 * unknown, of another purpose, used or expired. Concurrent uses: one wins (the row lock).
 */
export async function consumeAccountToken(
  db: Executor,
  tokenHash: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<{ userId: number; email: string } | undefined> {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, email: row.email } : undefined;
}

/** Whether a token would work now (the reset page checks before asking for a password). */
export async function isAccountTokenUsable(
  db: Executor,
  tokenHash: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('account_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/** Voids a user's unused tokens of a purpose (a reset voids the other reset links). */
export async function voidAccountTokens(
  db: Executor,
  userId: number,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
