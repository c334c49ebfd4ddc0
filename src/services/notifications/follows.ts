// Follow and unfollow questions, articles, tournaments and users; list what you follow.
// Forecasting on a question follows it (submit-forecast.ts calls followOnForecast).

import { perDatabase } from '../../db/per-database.ts';
import {
  insertFollow,
  isFollowing,
  listFollowsOf,
  muteFollow,
} from '../../db/repositories/follow-repository.ts';
import type { Executor } from '../../db/repositories/question-repository.ts';
import { selectQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { FollowTargetType } from '../../domain/notifications.ts';
import { questionPath } from '../../domain/question-path.ts';
import { canViewQuestion } from '../../domain/question-permissions.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';

export interface FollowTarget {
  targetType: FollowTargetType;
  targetId: number;
}

function notFound(target: FollowTarget): DomainError {
  return new DomainError('NOT_FOUND', `There is no ${target.targetType} ${target.targetId}.`, {
    target_type: target.targetType,
    target_id: target.targetId,
  });
}

/**
 * Refuses targets the actor cannot see. Articles live in the discussion tables, which this
 * module does not read: any article id is accepted (docs/decisions.md).
 */
async function checkTarget(db: Executor, actor: Actor, target: FollowTarget): Promise<void> {
  switch (target.targetType) {
    case 'question': {
      const question = await selectQuestion(db, target.targetId);
      if (!question || !canViewQuestion(question, actor)) throw notFound(target);
      return;
    }
    case 'tournament': {
      const row = await db
        .selectFrom('tournaments')
        .select('id')
        .where('id', '=', target.targetId)
        .executeTakeFirst();
      if (!row) throw notFound(target);
      return;
    }
    case 'user': {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('id', '=', target.targetId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!row) throw notFound(target);
      if (actor.kind === 'user' && row.id === actor.userId) {
        throw new DomainError('VALIDATION_FAILED', 'target_id: you cannot follow yourself', {
          fields: [{ path: '/target_id', message: 'you cannot follow yourself' }],
        });
      }
      return;
    }
    case 'article':
      return;
  }
}

export async function follow(
  deps: Deps,
  input: { actor: Actor | null } & FollowTarget,
): Promise<void> {
  const user = requireUser(input.actor, { scope: 'write' });
  await checkTarget(deps.database.db, user, input);
  await insertFollow(deps.database.db, {
    userId: user.userId,
    targetType: input.targetType,
    targetId: input.targetId,
    at: deps.clock.now(),
    isExplicit: true,
  });
}

/** Unfollowing what you do not follow is fine (the result is the same). */
export async function unfollow(
  deps: Deps,
  input: { actor: Actor | null } & FollowTarget,
): Promise<void> {
  const user = requireUser(input.actor, { scope: 'write' });
  await muteFollow(deps.database.db, {
    userId: user.userId,
    targetType: input.targetType,
    targetId: input.targetId,
    at: deps.clock.now(),
  });
}

export async function getFollowState(
  deps: Deps,
  input: { actor: Actor | null } & FollowTarget,
): Promise<boolean> {
  if (input.actor?.kind !== 'user') return false;
  return isFollowing(deps.database.db, { userId: input.actor.userId, ...input });
}

/** Pairs `user:question` this process already followed on a forecast (bounded), per database. */
const autoFollowedIn = perDatabase((): Set<string> => new Set());
const AUTO_FOLLOW_MEMORY = 50_000;

/**
 * After a forecast commits: forecasting follows the question, unless the user unfollowed it
 * before. One statement the first time per user and question in this process, none after.
 */
export async function followOnForecast(
  deps: Deps,
  userId: number,
  questionId: number,
): Promise<void> {
  const autoFollowed = autoFollowedIn(deps.database);
  const key = `${userId}:${questionId}`;
  if (autoFollowed.has(key)) return;
  await insertFollow(deps.database.db, {
    userId,
    targetType: 'question',
    targetId: questionId,
    at: deps.clock.now(),
    isExplicit: false,
  });
  if (autoFollowed.size >= AUTO_FOLLOW_MEMORY) autoFollowed.clear();
  autoFollowed.add(key);
}

export interface FollowView {
  targetType: FollowTargetType;
  targetId: number;
  /** What the target is called, when it is known here (articles: null). */
  title: string | null;
  /** Its page, when there is one. */
  url: string | null;
  createdAt: Date;
}

function encodeOffset(offset: number): string {
  return Buffer.from(`off:${offset}`, 'utf8').toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^off:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'querystring/cursor: is not a valid cursor', {
      fields: [{ path: 'querystring/cursor', message: 'is not a valid cursor' }],
    });
  }
  return Number(match[1]);
}

export async function listMyFollows(
  deps: Deps,
  input: {
    actor: Actor | null;
    targetType?: FollowTargetType;
    limit?: number;
    cursor?: string;
  },
): Promise<{ items: FollowView[]; nextCursor: string | null }> {
  const user = requireUser(input.actor, { scope: 'read' });
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 100);
  const offset = decodeOffset(input.cursor);
  const db = deps.database.db;
  const rows = await listFollowsOf(db, user.userId, {
    targetType: input.targetType,
    limit: limit + 1,
    offset,
  });
  const page = rows.slice(0, limit);
  const idsOf = (type: FollowTargetType) =>
    page.filter((row) => row.targetType === type).map((row) => row.targetId);
  const [questions, tournaments, users] = await Promise.all([
    idsOf('question').length
      ? db
          .selectFrom('questions')
          .select(['id', 'title'])
          .where('id', 'in', idsOf('question'))
          .execute()
      : [],
    idsOf('tournament').length
      ? db
          .selectFrom('tournaments')
          .select(['id', 'title', 'slug'])
          .where('id', 'in', idsOf('tournament'))
          .execute()
      : [],
    idsOf('user').length
      ? db
          .selectFrom('users')
          .select(['id', 'username'])
          .where('id', 'in', idsOf('user'))
          .where('deleted_at', 'is', null)
          .execute()
      : [],
  ]);
  const questionById = new Map(questions.map((row) => [row.id, row]));
  const tournamentById = new Map(tournaments.map((row) => [Number(row.id), row]));
  const userById = new Map(users.map((row) => [row.id, row]));
  const items = page.map((row): FollowView => {
    let title: string | null = null;
    let url: string | null = null;
    if (row.targetType === 'question') {
      const question = questionById.get(row.targetId);
      if (question) {
        title = question.title;
        url = questionPath(question);
      }
    } else if (row.targetType === 'tournament') {
      const tournament = tournamentById.get(row.targetId);
      if (tournament) {
        title = tournament.title;
        url = `/tournaments/${encodeURIComponent(tournament.slug)}`;
      }
    } else if (row.targetType === 'user') {
      const followed = userById.get(row.targetId);
      if (followed) {
        title = followed.username;
        url = `/users/${encodeURIComponent(followed.username)}`;
      }
    }
    return { ...row, title, url };
  });
  return { items, nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null };
}
