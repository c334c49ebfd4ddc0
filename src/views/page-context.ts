// What every page knows besides its own view model: who is looking, and the asset URLs.
import type { Role } from '../domain/actor.ts';
import type { AssetManifest } from './assets.ts';

export interface Viewer {
  userId: number;
  username: string;
  role: Role;
  /** The session's CSRF token, echoed by every form as the `_csrf` field. */
  csrfToken: string;
  /** Unread notifications, shown in the header (read with the page, no extra request). */
  unreadNotifications: number;
}

export interface PageContext {
  viewer: Viewer | null;
  assets: AssetManifest;
  /** The request path, to mark the current navigation link. */
  path: string;
}
