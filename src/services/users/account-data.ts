// The account holder's own data (GDPR articles 15, 17 and 20; OWASP ASVS 8.3): an export of
// everything the account owns as one JSON document, and deletion. Deleting pseudonymises: the
// person's name, e-mail, profile, password, sessions, tokens and notifications go; forecasts,
// questions and scores stay under `deleted-<id>`, so community predictions and leaderboards that
// others rely on stay reproducible, and threads keep their shape.
import {
  collectAccountData,
  pseudonymiseAccount,
} from '../../db/repositories/account-data-repository.ts';
import { insertAuditEntry } from '../../db/repositories/audit-log-repository.ts';
import { findUserById } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import { verifyPassword } from '../auth/password-hashing.ts';
import { requireUser } from '../auth/require-user.ts';
import { forgetUserTokens, notifyAuthChanged } from '../auth/token-cache.ts';
import type { Deps } from '../deps.ts';

export const ACCOUNT_EXPORT_FORMAT = 'brier-account-export';

export interface AccountExport {
  format: typeof ACCOUNT_EXPORT_FORMAT;
  exported_at: string;
  account: Record<string, unknown>;
  [section: string]: unknown;
}

export async function exportMyAccount(deps: Deps, actor: Actor | null): Promise<AccountExport> {
  const user = requireUser(actor, { scope: 'read' });
  const { account, ...sections } = await collectAccountData(deps.database.db, user.userId);
  const [own] = account ?? [];
  if (!own) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this.');
  return {
    format: ACCOUNT_EXPORT_FORMAT,
    exported_at: deps.clock.now().toISOString(),
    account: own,
    ...sections,
  };
}

export interface DeleteMyAccountInput {
  actor: Actor | null;
  /** The current password: deletion cannot be undone, so it is asked for again. */
  password: string;
}

export async function deleteMyAccount(deps: Deps, input: DeleteMyAccountInput): Promise<void> {
  const actor = requireUser(input.actor);
  if (actor.authMethod !== 'session') {
    throw new DomainError('FORBIDDEN', 'Accounts are deleted from a signed-in browser session.');
  }
  if (actor.role === 'admin') {
    throw new DomainError(
      'FORBIDDEN',
      'An admin account cannot delete itself; have another admin change its role first.',
    );
  }
  const record = await findUserById(deps.database.db, actor.userId);
  if (!record) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this.');
  if (!(await verifyPassword(record.passwordHash, input.password))) {
    throw invalidField('/password', 'is not your current password');
  }
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await pseudonymiseAccount(trx, actor.userId, now))) return;
    await insertAuditEntry(trx, {
      actorId: actor.userId,
      action: 'user.delete',
      targetType: 'user',
      targetId: actor.userId,
      details: {},
      createdAt: now,
    });
    await notifyAuthChanged(trx, actor.userId);
  });
  forgetUserTokens(deps.database, actor.userId);
}
