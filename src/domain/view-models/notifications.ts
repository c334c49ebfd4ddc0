// What the notifications, follow and unsubscribe pages show (built by services/pages/*).
import type { FollowTargetType, NotificationChannel } from '../notifications.ts';

export interface NotificationItem {
  id: number;
  kind: string;
  text: string;
  href: string;
  excerpt: string | null;
  createdAt: Date;
  isRead: boolean;
}

export interface NotificationsPageModel {
  items: NotificationItem[];
  unreadCount: number;
  /** The next page's cursor, or null on the last page. */
  nextCursor: string | null;
  /** True when this is not the first page. */
  isContinued: boolean;
}

/** A follow button: the target, whether the viewer follows it, and where to come back to. */
export interface FollowButtonModel {
  targetType: FollowTargetType;
  targetId: number;
  /** What the button's accessible name names, e.g. the question's title. */
  targetName: string;
  isFollowing: boolean;
  returnTo: string;
}

export interface NotificationSettingsModel {
  cpMoveThreshold: number;
  isEmailEnabled: boolean;
  kinds: Array<{ kind: string; label: string; channel: NotificationChannel }>;
}

export interface UnsubscribeModel {
  token: string;
  username: string;
  label: string;
  isDone: boolean;
}
