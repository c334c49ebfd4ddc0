// Notification preferences: a channel per kind (in-app, e-mail = in-app and e-mail, off) and the
// CP-move threshold; and unsubscribing from a link, without signing in.
import {
  selectPreferences,
  selectSettings,
  upsertPreference,
  upsertSettings,
} from '../../db/repositories/notification-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  DEFAULT_CP_MOVE_THRESHOLD,
  defaultChannel,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
} from '../../domain/notifications.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { ALL_KINDS, readUnsubscribeToken } from './unsubscribe-token.ts';

export interface NotificationPreferences {
  cpMoveThreshold: number;
  /** false after "unsubscribe from all e-mail": e-mail channels then act as in-app. */
  isEmailEnabled: boolean;
  kinds: Array<{ kind: string; label: string; channel: NotificationChannel }>;
}

async function readPreferences(deps: Deps, userId: number): Promise<NotificationPreferences> {
  const db = deps.database.db;
  const [stored, settings] = await Promise.all([
    selectPreferences(db, [userId]),
    selectSettings(db, [userId]),
  ]);
  const chosen = new Map(stored.map((row) => [row.kind, row.channel]));
  return {
    cpMoveThreshold: settings.get(userId)?.cpMoveThreshold ?? DEFAULT_CP_MOVE_THRESHOLD,
    isEmailEnabled: chosen.get(ALL_KINDS) !== 'in_app',
    kinds: NOTIFICATION_KINDS.map((info) => ({
      kind: info.kind,
      label: info.label,
      channel: chosen.get(info.kind) ?? defaultChannel(info.kind),
    })),
  };
}

export async function getMyNotificationPreferences(
  deps: Deps,
  input: { actor: Actor | null },
): Promise<NotificationPreferences> {
  const user = requireUser(input.actor, { scope: 'read' });
  return readPreferences(deps, user.userId);
}

export interface PreferencesChange {
  cpMoveThreshold?: number;
  channels?: Record<string, string>;
  isEmailEnabled?: boolean;
}

export async function updateMyNotificationPreferences(
  deps: Deps,
  input: { actor: Actor | null } & PreferencesChange,
): Promise<NotificationPreferences> {
  const user = requireUser(input.actor, { scope: 'write' });
  const problems: Array<{ path: string; message: string }> = [];
  const threshold = input.cpMoveThreshold;
  if (
    threshold !== undefined &&
    (!Number.isInteger(threshold) || threshold < 1 || threshold > 100)
  ) {
    problems.push({ path: '/cp_move_threshold', message: 'must be a whole number from 1 to 100' });
  }
  const known = new Set(NOTIFICATION_KINDS.map((info) => info.kind));
  const changes: Array<[string, NotificationChannel]> = [];
  for (const [kind, channel] of Object.entries(input.channels ?? {})) {
    if (!known.has(kind)) {
      problems.push({ path: `/channels/${kind}`, message: 'is not a notification kind' });
    } else if (!NOTIFICATION_CHANNELS.includes(channel as NotificationChannel)) {
      problems.push({ path: `/channels/${kind}`, message: 'must be in_app, email or off' });
    } else {
      changes.push([kind, channel as NotificationChannel]);
    }
  }
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, {
      fields: problems,
    });
  }
  await deps.database.db.transaction().execute(async (tx) => {
    for (const [kind, channel] of changes) await upsertPreference(tx, user.userId, kind, channel);
    if (input.isEmailEnabled !== undefined) {
      await upsertPreference(tx, user.userId, ALL_KINDS, input.isEmailEnabled ? 'email' : 'in_app');
    }
    if (threshold !== undefined) {
      await upsertSettings(tx, user.userId, { cpMoveThreshold: threshold });
    }
  });
  return readPreferences(deps, user.userId);
}

export interface UnsubscribeTarget {
  userId: number;
  username: string;
  kind: string;
  /** What the confirmation page names. */
  label: string;
}

/** What an unsubscribe link would change; NOT_FOUND for a forged or broken link. */
export async function readUnsubscribeLink(deps: Deps, token: string): Promise<UnsubscribeTarget> {
  const parsed = readUnsubscribeToken(deps.config.sessionSecret, token);
  const user = parsed
    ? await deps.database.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('id', '=', parsed.userId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!parsed || !user) {
    throw new DomainError('NOT_FOUND', 'This unsubscribe link is not valid.');
  }
  const label =
    parsed.kind === ALL_KINDS
      ? 'all notification e-mails'
      : `e-mails about: ${NOTIFICATION_KINDS.find((info) => info.kind === parsed.kind)?.label ?? parsed.kind}`;
  return { userId: user.id, username: user.username, kind: parsed.kind, label };
}

/**
 * Applies an unsubscribe link: the kind's e-mails stop (its channel becomes in-app; 'all' turns
 * every e-mail off). Idempotent.
 */
export async function applyUnsubscribeLink(deps: Deps, token: string): Promise<UnsubscribeTarget> {
  const target = await readUnsubscribeLink(deps, token);
  const db = deps.database.db;
  const current = (await selectPreferences(db, [target.userId])).find(
    (row) => row.kind === target.kind,
  );
  // A kind already off stays off; anything else keeps its in-app notifications only.
  if (current?.channel !== 'off') await upsertPreference(db, target.userId, target.kind, 'in_app');
  deps.logger.info({ user_id: target.userId, kind: target.kind }, 'unsubscribed by e-mail link');
  return target;
}
