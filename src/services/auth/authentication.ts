// What a request proved about itself: the actor plus, for browser sessions, the session facts
// the HTTP layer needs (CSRF token, refreshed expiry).
import type { UserActor } from '../../domain/actor.ts';

export interface Authentication {
  actor: UserActor;
  /** For rate limits: accounts younger than a day are limited harder. */
  accountCreatedAt: Date;
  session: {
    id: string;
    csrfToken: string;
    expiresAt: Date;
    /** True when this request slid the expiry forward (the cookie should be re-sent). */
    isRefreshed: boolean;
  } | null;
}
