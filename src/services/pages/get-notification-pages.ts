// View models of the notifications page and follow buttons.
import type { Actor } from '../../domain/actor.ts';
import type { FollowTargetType } from '../../domain/notifications.ts';
import type {
  FollowButtonModel,
  NotificationSettingsModel,
  NotificationsPageModel,
} from '../../domain/view-models/notifications.ts';
import type { Deps } from '../deps.ts';
import { getFollowState } from '../notifications/follows.ts';
import { countMyUnread, listMyNotifications } from '../notifications/notification-list.ts';
import { getMyNotificationPreferences } from '../notifications/preferences.ts';

export async function getNotificationsPage(
  deps: Deps,
  input: { actor: Actor | null; cursor?: string },
): Promise<NotificationsPageModel> {
  const [page, unreadCount] = await Promise.all([
    listMyNotifications(deps, { actor: input.actor, cursor: input.cursor, limit: 30 }),
    countMyUnread(deps, input.actor),
  ]);
  return {
    items: page.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      text: item.text,
      href: item.href,
      excerpt: item.excerpt,
      createdAt: item.createdAt,
      isRead: item.readAt !== null,
    })),
    unreadCount,
    nextCursor: page.nextCursor,
    isContinued: Boolean(input.cursor),
  };
}

/** The follow button of a page, or null for guests (who see no button). */
export async function getFollowButton(
  deps: Deps,
  input: {
    actor: Actor | null;
    targetType: FollowTargetType;
    targetId: number;
    targetName: string;
    returnTo: string;
  },
): Promise<FollowButtonModel | null> {
  if (input.actor?.kind !== 'user') return null;
  if (input.targetType === 'user' && input.actor.userId === input.targetId) return null;
  const isFollowing = await getFollowState(deps, input);
  return {
    targetType: input.targetType,
    targetId: input.targetId,
    targetName: input.targetName,
    isFollowing,
    returnTo: input.returnTo,
  };
}

export async function getNotificationSettings(
  deps: Deps,
  actor: Actor | null,
): Promise<NotificationSettingsModel> {
  const preferences = await getMyNotificationPreferences(deps, { actor });
  return {
    cpMoveThreshold: preferences.cpMoveThreshold,
    isEmailEnabled: preferences.isEmailEnabled,
    kinds: preferences.kinds,
  };
}
