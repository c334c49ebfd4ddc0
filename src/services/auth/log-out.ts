// Ends a browser session by deleting its row (the cookie alone then proves nothing).
import { deleteSession } from '../../db/repositories/session-repository.ts';
import type { Deps } from '../deps.ts';

export interface LogOutInput {
  /** sha-256 of the cookie value, as resolved by the auth plugin */
  sessionId: string;
}

export async function logOut(deps: Deps, input: LogOutInput): Promise<void> {
  await deleteSession(deps.database.db, input.sessionId);
}
