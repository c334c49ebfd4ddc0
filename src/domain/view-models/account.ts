// What the settings and public profile pages show (built by services/pages/*).

import type { TokenScope } from '../actor.ts';
import type { QuestionRecord } from '../question-record.ts';
import type { FollowButtonModel, NotificationSettingsModel } from './notifications.ts';
import type { TrackRecord } from './standings.ts';

/** A browser session in the settings' session list. */
export interface SessionRow {
  /** Public id (16 hex digits of the digest). */
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string;
  isCurrent: boolean;
}

export interface ApiTokenSummary {
  id: number;
  name: string;
  /** The first characters of the secret, to recognise it. */
  tokenPrefix: string;
  scopes: TokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface SettingsModel {
  username: string;
  email: string;
  displayName: string | null;
  bio: string;
  tokens: ApiTokenSummary[];
  notifications: NotificationSettingsModel;
  sessions: SessionRow[];
}

export interface PublicProfileModel {
  username: string;
  displayName: string | null;
  bio: string;
  memberSince: Date;
  /** The follow button for signed-in viewers other than the user; null otherwise. */
  follow: FollowButtonModel | null;
  /** Public questions the user has forecast on, most recent first. */
  forecastQuestions: QuestionRecord[];
  trackRecord: TrackRecord;
  /** Filter choices: tags of resolved questions, tournaments. */
  tagOptions: string[];
  tournamentOptions: Array<{ slug: string; title: string }>;
}
