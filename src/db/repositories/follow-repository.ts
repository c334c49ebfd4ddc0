// SQL for follows (generic target_type + target_id, no foreign key to the target).
import type { FollowTargetType } from '../schema.ts';
import type { Executor } from './question-repository.ts';

export interface FollowRecord {
  targetType: FollowTargetType;
  targetId: number;
  createdAt: Date;
}

/**
 * Follows (`explicit`: also after an unfollow) or, for automatic follows (a forecast), follows
 * unless the user ever unfollowed. Following twice is one follow.
 */
export async function insertFollow(
  db: Executor,
  follow: {
    userId: number;
    targetType: FollowTargetType;
    targetId: number;
    at: Date;
    isExplicit: boolean;
  },
): Promise<void> {
  await db
    .insertInto('follows')
    .values({
      user_id: follow.userId,
      target_type: follow.targetType,
      target_id: follow.targetId,
      created_at: follow.at,
    })
    .onConflict((conflict) => {
      const target = conflict.columns(['user_id', 'target_type', 'target_id']);
      return follow.isExplicit
        ? target.doUpdateSet({ is_muted: false }).where('follows.is_muted', '=', true)
        : target.doNothing();
    })
    .execute();
}

/** Unfollows, remembering it (a muted row), so a later forecast does not follow again. */
export async function muteFollow(
  db: Executor,
  follow: { userId: number; targetType: FollowTargetType; targetId: number; at: Date },
): Promise<void> {
  await db
    .insertInto('follows')
    .values({
      user_id: follow.userId,
      target_type: follow.targetType,
      target_id: follow.targetId,
      is_muted: true,
      created_at: follow.at,
    })
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'target_type', 'target_id']).doUpdateSet({ is_muted: true }),
    )
    .execute();
}

export async function isFollowing(
  db: Executor,
  follow: { userId: number; targetType: FollowTargetType; targetId: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('follows')
    .select('user_id')
    .where('user_id', '=', follow.userId)
    .where('target_type', '=', follow.targetType)
    .where('target_id', '=', follow.targetId)
    .where('is_muted', '=', false)
    .executeTakeFirst();
  return row !== undefined;
}

/** A user's follows, newest first, `limit` after the (created_at, type, id) cursor. */
export async function listFollowsOf(
  db: Executor,
  userId: number,
  options: { targetType?: FollowTargetType; limit: number; offset: number },
): Promise<FollowRecord[]> {
  let query = db
    .selectFrom('follows')
    .select(['target_type', 'target_id', 'created_at'])
    .where('user_id', '=', userId)
    .where('is_muted', '=', false);
  if (options.targetType) query = query.where('target_type', '=', options.targetType);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('target_type')
    .orderBy('target_id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((row) => ({
    targetType: row.target_type,
    targetId: row.target_id,
    createdAt: row.created_at,
  }));
}

/** Ids of the users following a target who still have a usable account. */
export async function selectFollowerIds(
  db: Executor,
  targetType: FollowTargetType,
  targetId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('follows')
    .innerJoin('users', 'users.id', 'follows.user_id')
    .select('follows.user_id')
    .where('follows.target_type', '=', targetType)
    .where('follows.target_id', '=', targetId)
    .where('follows.is_muted', '=', false)
    .where('users.deleted_at', 'is', null)
    .where('users.is_banned', '=', false)
    .orderBy('follows.user_id')
    .execute();
  return rows.map((row) => row.user_id);
}
