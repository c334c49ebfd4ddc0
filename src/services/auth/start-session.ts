// Opens a browser session for a user: a random cookie value (stored only as its sha-256) and a
// CSRF token that cookie-authenticated writes must echo.

import { insertSession } from '../../db/repositories/session-repository.ts';
import type { Executor } from '../../db/repositories/user-repository.ts';
import { sessionExpiry } from '../../domain/session.ts';
import type { Deps } from '../deps.ts';
import { randomToken, sha256 } from './secrets.ts';

export interface NewSession {
  /** The cookie value; never stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface StartSessionInput {
  userId: number;
  /** The browser's User-Agent, kept (shortened) for the session list. */
  userAgent?: string;
}

const USER_AGENT_MAX_LENGTH = 300;

export async function startSession(
  deps: Deps,
  input: StartSessionInput,
  db: Executor = deps.database.db,
): Promise<NewSession> {
  const now = deps.clock.now();
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = sessionExpiry(now, now);
  await insertSession(db, {
    id: sha256(token),
    userId: input.userId,
    csrfToken,
    createdAt: now,
    expiresAt,
    // Control characters would only garble the list; the text is shown escaped anyway.
    userAgent: (input.userAgent ?? '').replace(/\p{Cc}/gu, '').slice(0, USER_AGENT_MAX_LENGTH),
  });
  return { token, csrfToken, expiresAt };
}
