// Ends a browser session by deleting its row (the cookie alone then proves nothing), and tells
// every instance (`auth_changed`) so that live streams opened under it end.
import { deleteSession } from '../../db/repositories/session-repository.ts';
import type { Deps } from '../deps.ts';
import type { Authentication } from './authentication.ts';
import { notifyAuthChanged } from './token-cache.ts';

/** Ends the request's session, if it was made with one; a no-op for tokens and guests. */
export async function logOut(deps: Deps, credentials: Authentication | null): Promise<void> {
  const session = credentials?.session;
  if (!credentials || !session) return;
  await deps.database.db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.id);
    await notifyAuthChanged(trx, credentials.actor.userId);
  });
}
