// The signed-in user's browser sessions: list them, sign one out, or sign out every other one
// ("sign out everywhere else"). Sessions are named by the first 16 hex digits of their digest:
// enough to tell them apart, and useless as a cookie. Every ending tells all instances
// (`auth_changed`), so live streams opened under those sessions end too.
import {
  deleteOtherSessions,
  deleteSessionsByPrefix,
  listSessionsOfUser,
  type SessionSummary,
} from '../../db/repositories/session-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { requireUser } from './require-user.ts';
import { notifyAuthChanged } from './token-cache.ts';

export const SESSION_PUBLIC_ID_LENGTH = 16;
const PUBLIC_ID = /^[0-9a-f]{16}$/;

export interface SessionView extends Omit<SessionSummary, 'id'> {
  id: string;
  /** The session this request was made with. */
  isCurrent: boolean;
}

export interface SessionRequest {
  actor: Actor | null;
  /** Digest of the session the request came with; null for API tokens. */
  currentSessionId: string | null;
}

export async function listMySessions(deps: Deps, input: SessionRequest): Promise<SessionView[]> {
  const actor = requireUser(input.actor, { scope: 'read' });
  const sessions = await listSessionsOfUser(deps.database.db, actor.userId, deps.clock.now());
  return sessions.map((session) => ({
    ...session,
    id: session.id.slice(0, SESSION_PUBLIC_ID_LENGTH),
    isCurrent: session.id === input.currentSessionId,
  }));
}

/** Signs one session out; another user's or an unknown id is the same NOT_FOUND. */
export async function endMySession(
  deps: Deps,
  input: SessionRequest & { sessionId: string },
): Promise<void> {
  const actor = requireUser(input.actor, { scope: 'write' });
  if (!PUBLIC_ID.test(input.sessionId)) throw new DomainError('NOT_FOUND', 'No such session.');
  const ended = await deps.database.db.transaction().execute(async (trx) => {
    const count = await deleteSessionsByPrefix(trx, actor.userId, input.sessionId);
    if (count > 0) await notifyAuthChanged(trx, actor.userId);
    return count;
  });
  if (ended === 0) throw new DomainError('NOT_FOUND', 'No such session.');
}

/** Signs out every session of the user but the current one; returns how many ended. */
export async function endOtherSessions(deps: Deps, input: SessionRequest): Promise<number> {
  const actor = requireUser(input.actor, { scope: 'write' });
  return deps.database.db.transaction().execute(async (trx) => {
    const count = await deleteOtherSessions(trx, actor.userId, input.currentSessionId);
    await notifyAuthChanged(trx, actor.userId);
    return count;
  });
}
