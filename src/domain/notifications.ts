// Notification kinds, how each reaches a user by default, and the sentence and link each shows
// (the page, the API's `text` and the e-mails all use describeNotification).

export type NotificationChannel = 'in_app' | 'email' | 'off';

export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ['in_app', 'email', 'off'];

export type FollowTargetType = 'question' | 'article' | 'tournament' | 'user';

export const FOLLOW_TARGET_TYPES: readonly FollowTargetType[] = [
  'question',
  'article',
  'tournament',
  'user',
];

export interface NotificationKindInfo {
  kind: string;
  /** What the settings page calls it. */
  label: string;
  /** 'email' means in-app and e-mail. */
  defaultChannel: NotificationChannel;
}

/** Every kind a user can choose a channel for, in the settings page's order. */
export const NOTIFICATION_KINDS: readonly NotificationKindInfo[] = [
  { kind: 'reply', label: 'Replies to your comments', defaultChannel: 'email' },
  { kind: 'mention', label: 'Mentions of you', defaultChannel: 'email' },
  {
    kind: 'question_resolved',
    label: 'Questions you forecast or follow resolved, with your scores',
    defaultChannel: 'email',
  },
  { kind: 'question_opened', label: 'Followed questions opening', defaultChannel: 'in_app' },
  { kind: 'question_closed', label: 'Followed questions closing', defaultChannel: 'in_app' },
  {
    kind: 'cp_moved',
    label: 'Community prediction moved beyond your threshold',
    defaultChannel: 'in_app',
  },
  { kind: 'new_comments', label: 'New comments on what you follow', defaultChannel: 'in_app' },
  {
    kind: 'forecast_expiring',
    label: 'Your forecast is about to withdraw itself',
    defaultChannel: 'email',
  },
  { kind: 'weekly_digest', label: 'Weekly digest e-mail', defaultChannel: 'email' },
];

const KIND_INFO = new Map(NOTIFICATION_KINDS.map((info) => [info.kind, info]));

export function isKnownKind(kind: string): boolean {
  return KIND_INFO.has(kind);
}

/** The channel of a kind when the user chose none (unknown kinds: in-app only). */
export function defaultChannel(kind: string): NotificationChannel {
  return KIND_INFO.get(kind)?.defaultChannel ?? 'in_app';
}

export const DEFAULT_CP_MOVE_THRESHOLD = 10;

/** What a notification shows: a sentence, a link on this site, and an optional quote. */
export interface NotificationText {
  text: string;
  href: string;
  excerpt: string | null;
}

export interface NotificationSubject {
  kind: string;
  payload: Record<string, unknown>;
  /** The question's title and page, when the notification is about a question still there. */
  question: { title: string; path: string } | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A link written by another part of the app: a path on this site only, never `//host`. */
function sitePath(value: unknown): string | null {
  const path = text(value);
  if (path === null || !path.startsWith('/') || path.startsWith('//') || path.includes('\\')) {
    return null;
  }
  return path;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The sentence and link of a notification. Payload fields read (writers may add others):
 * `url` (a site path), `title`, `actor_username`, `excerpt`, and per kind those below. Unknown
 * kinds get a generic sentence, so a writer that adds a kind never breaks the page.
 */
export function describeNotification(subject: NotificationSubject): NotificationText {
  const { kind, payload, question } = subject;
  const title = question?.title ?? text(payload.title) ?? text(payload.question_title);
  const named = title ? `“${title}”` : 'a question';
  const href = sitePath(payload.url) ?? question?.path ?? '/notifications';
  const actor = text(payload.actor_username) ?? text(payload.author_username) ?? 'Someone';
  const excerpt = text(payload.excerpt);
  const on = title ? ` on “${title}”` : '';
  switch (kind) {
    case 'question_resolved': {
      const resolution = text(payload.resolution);
      return {
        text: `${named} resolved${resolution ? ` as ${resolution}` : ''}. See your scores.`,
        href,
        excerpt,
      };
    }
    case 'question_opened':
      return { text: `${named} is open for forecasting.`, href, excerpt };
    case 'question_closed':
      return { text: `${named} closed to new forecasts.`, href, excerpt };
    case 'cp_moved': {
      const from = count(payload.from_percent);
      const to = count(payload.to_percent);
      const moved = count(payload.move_points);
      const detail =
        from !== null && to !== null
          ? ` from ${from}% to ${to}%`
          : moved !== null
            ? ` by ${moved} points`
            : '';
      return { text: `The community prediction of ${named} moved${detail}.`, href, excerpt };
    }
    case 'reply':
      return { text: `${actor} replied to your comment${on}.`, href, excerpt };
    case 'mention':
      return { text: `${actor} mentioned you${on}.`, href, excerpt };
    case 'new_comments': {
      const n = count(payload.count) ?? 1;
      const target = text(payload.target_title) ?? title;
      return {
        text: `${n} new comment${n === 1 ? '' : 's'}${target ? ` on “${target}”` : ' on something you follow'}.`,
        href,
        excerpt,
      };
    }
    case 'forecast_expiring': {
      return {
        text: `Your forecast on ${named} will withdraw itself soon. Update it to keep it.`,
        href,
        excerpt,
      };
    }
    case 'weekly_digest':
      return { text: 'Your weekly digest.', href, excerpt };
    default:
      return {
        text: title ? `Something happened on “${title}”.` : `New activity (${kind}).`,
        href,
        excerpt,
      };
  }
}
