// SQL for tournaments (series of questions with their own page and leaderboard).
import type { Executor } from './user-repository.ts';

export interface TournamentInput {
  slug: string;
  title: string;
  description: string;
  startTime: Date | null;
  closeTime: Date | null;
  createdAt: Date;
}

export interface TournamentRecord extends TournamentInput {
  id: number;
}

export async function insertTournament(
  db: Executor,
  input: TournamentInput,
): Promise<TournamentRecord> {
  const row = await db
    .insertInto('tournaments')
    .values({
      slug: input.slug,
      title: input.title,
      description: input.description,
      start_time: input.startTime,
      close_time: input.closeTime,
      prize_pool: null,
      created_at: input.createdAt,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, ...input };
}

export async function tournamentSlugExists(db: Executor, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom('tournaments')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every tournament's id and name, alphabetically (for filters). */
export async function listTournamentNames(
  db: Executor,
): Promise<Array<{ id: number; name: string }>> {
  const rows = await db
    .selectFrom('tournaments')
    .select(['id', 'title'])
    .orderBy('title')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: Number(row.id), name: row.title }));
}
