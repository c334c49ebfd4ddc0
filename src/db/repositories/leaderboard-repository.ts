// SQL for stored leaderboards (migration 0030): a board's header row and its ranked entries.
import type {
  StoredEntry,
  StoredEntryWithUser,
  StoredLeaderboard,
} from '../../domain/view-models/standings.ts';
import type { Executor } from './user-repository.ts';

export type { StoredEntry, StoredEntryWithUser, StoredLeaderboard };

const ENTRY_BATCH = 1000;

/** Replaces a board and all its entries (inside the caller's transaction). */
export async function storeLeaderboard(
  db: Executor,
  board: StoredLeaderboard,
  entries: readonly StoredEntry[],
): Promise<void> {
  await db.deleteFrom('leaderboards').where('key', '=', board.key).execute();
  await db
    .insertInto('leaderboards')
    .values({
      key: board.key,
      score_type: board.scoreType,
      tournament_id: board.tournamentId,
      time_window: board.timeWindow,
      window_start: board.windowStart,
      window_end: board.windowEnd,
      question_count: board.questionCount,
      entry_count: board.entryCount,
      is_finalized: board.isFinalized,
      computed_at: board.computedAt,
    })
    .execute();
  for (let start = 0; start < entries.length; start += ENTRY_BATCH) {
    await db
      .insertInto('leaderboard_entries')
      .values(
        entries.slice(start, start + ENTRY_BATCH).map((entry) => ({
          leaderboard_key: board.key,
          position: entry.position,
          user_id: entry.userId,
          aggregation_method: entry.aggregationMethod,
          score: entry.score,
          coverage: entry.coverage,
          contribution_count: entry.contributionCount,
          take: entry.take,
          rank: entry.rank,
          exclusion_status: entry.exclusionStatus,
          percent_prize: entry.percentPrize,
          prize: entry.prize,
          medal: entry.medal,
        })),
      )
      .execute();
  }
}

/** Deletes boards whose key starts with `prefix` and is not in `keep` (stale year windows). */
export async function deleteLeaderboardsExcept(
  db: Executor,
  prefix: string,
  keep: readonly string[],
): Promise<void> {
  let query = db.deleteFrom('leaderboards').where('key', 'like', `${prefix}%`);
  if (keep.length > 0) query = query.where('key', 'not in', keep);
  await query.execute();
}

export async function findLeaderboard(
  db: Executor,
  key: string,
): Promise<StoredLeaderboard | undefined> {
  const row = await db
    .selectFrom('leaderboards')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    key: row.key,
    scoreType: row.score_type,
    tournamentId: row.tournament_id === null ? null : Number(row.tournament_id),
    timeWindow: row.time_window,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    questionCount: Number(row.question_count),
    entryCount: Number(row.entry_count),
    isFinalized: row.is_finalized,
    computedAt: row.computed_at,
  };
}

/** Keys of the stored global boards' windows for a score type, e.g. ['all', '2026', …]. */
export async function listLeaderboardWindows(db: Executor, scoreType: string): Promise<string[]> {
  const rows = await db
    .selectFrom('leaderboards')
    .select('time_window')
    .where('score_type', '=', scoreType)
    .where('tournament_id', 'is', null)
    .orderBy('time_window', 'desc')
    .execute();
  return rows.map((row) => row.time_window);
}

function selectEntries(db: Executor, key: string) {
  return db
    .selectFrom('leaderboard_entries as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select([
      'e.position',
      'e.user_id',
      'e.aggregation_method',
      'e.score',
      'e.coverage',
      'e.contribution_count',
      'e.take',
      'e.rank',
      'e.exclusion_status',
      'e.percent_prize',
      'e.prize',
      'e.medal',
      'u.username',
      'u.display_name',
    ])
    .where('e.leaderboard_key', '=', key);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['execute']>>[number];

function toEntry(row: EntryRow): StoredEntryWithUser {
  return {
    position: Number(row.position),
    userId: row.user_id === null ? null : Number(row.user_id),
    aggregationMethod: row.aggregation_method,
    score: Number(row.score),
    coverage: Number(row.coverage),
    contributionCount: Number(row.contribution_count),
    take: row.take === null ? null : Number(row.take),
    rank: Number(row.rank),
    exclusionStatus: Number(row.exclusion_status),
    percentPrize: Number(row.percent_prize),
    prize: row.prize === null ? null : Number(row.prize),
    medal: row.medal as StoredEntry['medal'],
    username: row.username ?? null,
    displayName: row.display_name ?? null,
  };
}

/** Entries shown to everyone (status ≤ 2: excluded 3/4 stay stored but hidden), in ranked order. */
export async function listLeaderboardEntries(
  db: Executor,
  key: string,
  page: { offset: number; limit: number },
): Promise<StoredEntryWithUser[]> {
  const rows = await selectEntries(db, key)
    .where('e.exclusion_status', '<=', 2)
    .orderBy('e.position')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows.map(toEntry);
}

export async function findUserEntry(
  db: Executor,
  key: string,
  userId: number,
): Promise<StoredEntryWithUser | undefined> {
  const row = await selectEntries(db, key).where('e.user_id', '=', userId).executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

/** Every entry of a board (for the finalised tournament view and tests). */
export async function listAllLeaderboardEntries(
  db: Executor,
  key: string,
): Promise<StoredEntryWithUser[]> {
  const rows = await selectEntries(db, key).orderBy('e.position').execute();
  return rows.map(toEntry);
}
