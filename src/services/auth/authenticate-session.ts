// Resolves a session cookie to its user; expired sessions are deleted, banned users refused, and
// the sliding expiry is moved forward at most once an hour.
import {
  deleteSession,
  findSessionWithUser,
  touchSession,
} from '../../db/repositories/session-repository.ts';
import { sessionActor } from '../../domain/actor.ts';
import { isSessionExpired, sessionExpiry, shouldTouchSession } from '../../domain/session.ts';
import type { Deps } from '../deps.ts';
import type { Authentication } from './authentication.ts';
import { sha256 } from './secrets.ts';

export interface AuthenticateSessionInput {
  /** The raw cookie value */
  sessionToken: string;
}

/** null when the cookie names no live session (the caller treats the request as anonymous). */
export async function authenticateSession(
  deps: Deps,
  input: AuthenticateSessionInput,
): Promise<Authentication | null> {
  const db = deps.database.db;
  const id = sha256(input.sessionToken);
  const found = await findSessionWithUser(db, id);
  if (!found) return null;
  const now = deps.clock.now();
  if (isSessionExpired(found.expiresAt, now) || found.user.isBanned) {
    await deleteSession(db, id);
    return null;
  }
  let expiresAt = found.expiresAt;
  const isRefreshed = shouldTouchSession(found.lastSeenAt, now);
  if (isRefreshed) {
    expiresAt = sessionExpiry(now, found.createdAt);
    await touchSession(db, id, { lastSeenAt: now, expiresAt });
  }
  return {
    actor: sessionActor(found.user),
    accountCreatedAt: found.user.createdAt,
    session: { id, csrfToken: found.csrfToken, expiresAt, isRefreshed },
  };
}
