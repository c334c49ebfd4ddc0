// View models of the account pages: the signed-in user's settings, and anyone's public profile.

import { listQuestionsForecastBy } from '../../db/repositories/question-repository.ts';
import { listTournaments } from '../../db/repositories/tournament-repository.ts';
import { listResolvedTags } from '../../db/repositories/track-record-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { PUBLIC_QUESTION_STATUSES } from '../../domain/question-record.ts';
import type { PublicProfileModel, SettingsModel } from '../../domain/view-models/account.ts';
import { listApiTokens } from '../auth/list-api-tokens.ts';
import { listMySessions } from '../auth/manage-sessions.ts';
import type { Deps } from '../deps.ts';
import { getTrackRecord } from '../standings/get-track-record.ts';
import { getMyProfile } from '../users/get-my-profile.ts';
import { getUserProfile } from '../users/get-user-profile.ts';
import { getFollowButton, getNotificationSettings } from './get-notification-pages.ts';

const PROFILE_QUESTION_LIMIT = 50;
const TOKEN_LIMIT = 100;

export async function getSettingsPage(
  deps: Deps,
  input: { actor: Actor | null; currentSessionId: string | null },
): Promise<SettingsModel> {
  const { actor } = input;
  const [user, tokens, sessions, notifications] = await Promise.all([
    getMyProfile(deps, { actor }),
    listApiTokens(deps, { actor, limit: TOKEN_LIMIT }),
    listMySessions(deps, input),
    getNotificationSettings(deps, actor),
  ]);
  return {
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    bio: user.bio,
    notifications,
    tokens: tokens.items.map((token) => ({
      id: token.id,
      name: token.name,
      tokenPrefix: token.tokenPrefix,
      scopes: token.scopes,
      createdAt: token.createdAt,
      lastUsedAt: token.lastUsedAt,
    })),
    sessions: sessions.map(({ id, createdAt, lastSeenAt, userAgent, isCurrent }) => ({
      id,
      createdAt,
      lastSeenAt,
      userAgent,
      isCurrent,
    })),
  };
}

export async function getProfilePage(
  deps: Deps,
  input: { username: string; tag?: string; tournament?: string; actor?: Actor | null },
): Promise<PublicProfileModel> {
  const profile = await getUserProfile(deps, { username: input.username });
  const trackRecord = await getTrackRecord(deps, input);
  const tagOptions = await listResolvedTags(deps.database.db);
  const tournamentOptions = (await listTournaments(deps.database.db)).map((t) => ({
    slug: t.slug,
    title: t.title,
  }));
  const questions = await listQuestionsForecastBy(
    deps.database.db,
    profile.id,
    PUBLIC_QUESTION_STATUSES,
    PROFILE_QUESTION_LIMIT,
  );
  return {
    username: profile.username,
    displayName: profile.displayName,
    bio: profile.bio,
    memberSince: profile.createdAt,
    follow: await getFollowButton(deps, {
      actor: input.actor ?? null,
      targetType: 'user',
      targetId: profile.id,
      targetName: profile.username,
      returnTo: `/users/${encodeURIComponent(profile.username)}`,
    }),
    forecastQuestions: questions,
    trackRecord,
    tagOptions,
    tournamentOptions,
  };
}
