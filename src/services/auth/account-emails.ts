// Password reset and e-mail verification through one-time tokens mailed via the outbox (stored
// as SHA-256, expiring, single use), and registration that answers the same whether the address
// is new or taken when e-mail can tell the owner (SMTP_URL set; docs/decisions.md).
import {
  consumeAccountToken,
  insertAccountToken,
  isAccountTokenUsable,
  voidAccountTokens,
} from '../../db/repositories/account-token-repository.ts';
import { deleteSessionsOfUser } from '../../db/repositories/session-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import type { Deps } from '../deps.ts';
import { queueEmail } from '../notifications/outbox.ts';
import { ALL_KINDS } from '../notifications/unsubscribe-token.ts';
import { hashPassword } from './password-hashing.ts';
import { checkNewPassword } from './password-policy.ts';
import { registerUser } from './register-user.ts';
import { requireUser } from './require-user.ts';
import { randomToken, sha256 } from './secrets.ts';
import type { NewSession } from './start-session.ts';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const VERIFY_EMAIL_TTL_MS = 48 * 60 * 60 * 1000;

type Executor = Parameters<typeof insertAccountToken>[0];

async function findAccountByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'email_verified_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

async function issueToken(
  deps: Deps,
  tx: Executor,
  user: { id: number; email: string },
  purpose: 'password_reset' | 'verify_email',
): Promise<string> {
  const token = randomToken();
  const now = deps.clock.now();
  await insertAccountToken(tx, {
    tokenHash: sha256(token),
    userId: user.id,
    purpose,
    email: user.email,
    createdAt: now,
    expiresAt: new Date(
      now.getTime() + (purpose === 'password_reset' ? PASSWORD_RESET_TTL_MS : VERIFY_EMAIL_TTL_MS),
    ),
  });
  return token;
}

async function queueVerification(
  deps: Deps,
  tx: Executor,
  user: { id: number; username: string; email: string },
): Promise<void> {
  const token = await issueToken(deps, tx, user, 'verify_email');
  await queueEmail(tx, deps, {
    userId: user.id,
    to: user.email,
    kind: ALL_KINDS,
    emailKind: 'verify_email',
    content: {
      subject: 'Confirm your e-mail address for Brier',
      paragraphs: [
        { text: `Hello ${user.username},` },
        {
          text: 'Confirm that this address is yours (the link works for 48 hours):',
          href: `${deps.config.baseUrl}/verify-email?token=${token}`,
          linkLabel: 'Confirm my address',
        },
        { text: 'If you did not create an account on Brier, ignore this e-mail.' },
      ],
    },
  });
}

/**
 * "Forgot password": mails a reset link to the account with this address, if there is one.
 * Answers the same either way, so nobody learns which addresses have accounts.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string }): Promise<void> {
  const email = input.email.trim();
  if (email.length === 0 || email.length > 320) return;
  await deps.database.db.transaction().execute(async (tx) => {
    const user = await findAccountByEmail(tx, email);
    if (!user) return;
    const token = await issueToken(deps, tx, user, 'password_reset');
    await queueEmail(tx, deps, {
      userId: user.id,
      to: user.email,
      kind: ALL_KINDS,
      emailKind: 'password_reset',
      content: {
        subject: 'Reset your Brier password',
        paragraphs: [
          { text: `Hello ${user.username},` },
          {
            text: 'Someone asked to reset the password of your account. Choose a new one (the link works for an hour, once):',
            href: `${deps.config.baseUrl}/reset-password?token=${token}`,
            linkLabel: 'Choose a new password',
          },
          { text: 'If it was not you, ignore this e-mail: your password stays as it is.' },
        ],
      },
    });
  });
}

export async function isPasswordResetTokenUsable(deps: Deps, token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  return isAccountTokenUsable(deps.database.db, sha256(token), 'password_reset', deps.clock.now());
}

function badToken(): DomainError {
  return new DomainError('VALIDATION_FAILED', 'token: this link is invalid, used or expired', {
    fields: [{ path: '/token', message: 'this link is invalid, used or expired' }],
  });
}

/**
 * Sets a new password from a reset link and ends every session of the account (whoever had
 * the old password is signed out); the link works once. The address is now known to work.
 */
export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string },
): Promise<{ username: string }> {
  const check = await checkNewPassword(input.password);
  if (!check.ok) {
    throw new DomainError('VALIDATION_FAILED', `password: ${check.reason}`, {
      fields: [{ path: '/password', message: check.reason }],
    });
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) throw badToken();
  const passwordHash = await hashPassword(deps.config, input.password);
  return deps.database.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const used = await consumeAccountToken(tx, sha256(input.token), 'password_reset', now);
    if (!used) throw badToken();
    const user = await tx
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        // Reading the mail proved the address.
        email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(now)),
      }))
      .where('id', '=', used.userId)
      .where('deleted_at', 'is', null)
      .returning('username')
      .executeTakeFirst();
    if (!user) throw badToken();
    await voidAccountTokens(tx, used.userId, 'password_reset', now);
    await deleteSessionsOfUser(tx, used.userId);
    deps.logger.info({ user_id: used.userId }, 'password reset; every session ended');
    return { username: user.username };
  });
}

/** Mails the signed-in user a link that confirms their address. */
export async function sendEmailVerification(
  deps: Deps,
  input: { actor: Actor | null },
): Promise<void> {
  const actor = requireUser(input.actor, { scope: 'write' });
  await deps.database.db.transaction().execute(async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['id', 'username', 'email', 'email_verified_at'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (user.email_verified_at !== null) {
      throw new DomainError('CONFLICT', 'Your e-mail address is already confirmed.');
    }
    await queueVerification(deps, tx, user);
  });
}

/** Confirms an address from a verification link (only if it is still the account's address). */
export async function verifyEmail(
  deps: Deps,
  input: { token: string },
): Promise<{ username: string }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) throw badToken();
  return deps.database.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const used = await consumeAccountToken(tx, sha256(input.token), 'verify_email', now);
    if (!used) throw badToken();
    const user = await tx
      .updateTable('users')
      .set({ email_verified_at: now })
      .where('id', '=', used.userId)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', used.email.toLowerCase()))
      .where('deleted_at', 'is', null)
      .returning('username')
      .executeTakeFirst();
    if (!user) throw badToken();
    return { username: user.username };
  });
}

export type RegistrationOutcome =
  | { kind: 'signed_in'; user: User; session: NewSession }
  | { kind: 'check_email' };

/**
 * Registration. Without SMTP_URL: the account and a session at once (a taken address is a 409,
 * as there is no other way to tell the person). With SMTP_URL: the same answer whether the
 * address is new or taken — a new account gets a verification e-mail, the owner of a taken
 * address an e-mail saying so — and nobody is signed in until they sign in.
 */
export async function registerAccount(
  deps: Deps,
  input: { email: string; username: string; password: string; userAgent?: string },
): Promise<RegistrationOutcome> {
  if (deps.config.smtpUrl === null) {
    const { user, session } = await registerUser(deps, input);
    return { kind: 'signed_in', user, session };
  }
  try {
    const { user } = await registerUser(deps, input);
    await deps.database.db.transaction().execute(async (tx) => {
      // The session registerUser started is not handed out: end it.
      await deleteSessionsOfUser(tx, user.id);
      await queueVerification(deps, tx, user);
    });
    return { kind: 'check_email' };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'ALREADY_EXISTS') throw error;
    const fields = (error.details?.fields ?? []) as Array<{ path: string }>;
    if (fields.some((field) => field.path === '/username')) {
      // Usernames are public (profiles): saying one is taken tells nothing private.
      throw new DomainError('ALREADY_EXISTS', 'That username is already taken.', {
        fields: [{ path: '/username', message: 'is already taken' }],
      });
    }
    await deps.database.db.transaction().execute(async (tx) => {
      const owner = await findAccountByEmail(tx, input.email);
      if (!owner) return;
      await queueEmail(tx, deps, {
        userId: owner.id,
        to: owner.email,
        kind: ALL_KINDS,
        emailKind: 'registration_attempt',
        content: {
          subject: 'Someone tried to register on Brier with your address',
          paragraphs: [
            { text: `Hello ${owner.username},` },
            {
              text: 'Someone tried to create an account with this address, which already has yours. If it was you, sign in, or reset your password:',
              href: `${deps.config.baseUrl}/forgot-password`,
              linkLabel: 'Reset my password',
            },
            { text: 'If it was not you, ignore this e-mail.' },
          ],
        },
      });
    });
    return { kind: 'check_email' };
  }
}
