// SQL for tournaments (series of questions with their own page and leaderboard).
import type {
  TournamentDetails,
  TournamentQuestionRow,
} from '../../domain/view-models/standings.ts';
import type { Executor } from './user-repository.ts';

export type { TournamentDetails, TournamentQuestionRow };

export interface TournamentInput {
  slug: string;
  title: string;
  description: string;
  startTime: Date | null;
  closeTime: Date | null;
  scoreType?: string;
  prizePool?: number | null;
  minimumPrizeAmount?: number;
  finalizeTime?: Date | null;
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
      score_type: input.scoreType ?? 'peer_tournament',
      prize_pool: input.prizePool ?? null,
      minimum_prize_amount: input.minimumPrizeAmount ?? 0,
      finalize_time: input.finalizeTime ?? null,
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

type TournamentRow = {
  id: number;
  slug: string;
  title: string;
  description: string;
  start_time: Date | null;
  close_time: Date | null;
  score_type: string;
  prize_pool: number | null;
  minimum_prize_amount: number;
  is_finalized: boolean;
  finalize_time: Date | null;
  finalized_at: Date | null;
  created_at: Date;
};

function toDetails(row: TournamentRow): TournamentDetails {
  return {
    id: Number(row.id),
    slug: row.slug,
    title: row.title,
    description: row.description,
    startTime: row.start_time,
    closeTime: row.close_time,
    createdAt: row.created_at,
    scoreType: row.score_type,
    prizePool: row.prize_pool === null ? null : Number(row.prize_pool),
    minimumPrizeAmount: Number(row.minimum_prize_amount),
    isFinalized: row.is_finalized,
    finalizeTime: row.finalize_time,
    finalizedAt: row.finalized_at,
  };
}

export async function findTournamentBySlug(
  db: Executor,
  slug: string,
  options: { forUpdate?: boolean } = {},
): Promise<TournamentDetails | undefined> {
  let query = db.selectFrom('tournaments').selectAll().where('slug', '=', slug);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toDetails(row as TournamentRow) : undefined;
}

export async function findTournamentById(
  db: Executor,
  id: number,
): Promise<TournamentDetails | undefined> {
  const row = await db
    .selectFrom('tournaments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toDetails(row as TournamentRow) : undefined;
}

/** Every tournament, newest start first. */
export async function listTournaments(db: Executor): Promise<TournamentDetails[]> {
  const rows = await db
    .selectFrom('tournaments')
    .selectAll()
    .orderBy('start_time', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => toDetails(row as TournamentRow));
}

/** Tournaments not yet finalised (their boards follow every resolution). */
export async function listOpenTournaments(db: Executor): Promise<TournamentDetails[]> {
  const rows = await db
    .selectFrom('tournaments')
    .selectAll()
    .where('is_finalized', '=', false)
    .orderBy('id')
    .execute();
  return rows.map((row) => toDetails(row as TournamentRow));
}

export interface TournamentChanges {
  title?: string;
  description?: string;
  startTime?: Date | null;
  closeTime?: Date | null;
  scoreType?: string;
  prizePool?: number | null;
  minimumPrizeAmount?: number;
  finalizeTime?: Date | null;
  isFinalized?: boolean;
  finalizedAt?: Date | null;
}

export async function updateTournament(
  db: Executor,
  id: number,
  changes: TournamentChanges,
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (changes.title !== undefined) set.title = changes.title;
  if (changes.description !== undefined) set.description = changes.description;
  if (changes.startTime !== undefined) set.start_time = changes.startTime;
  if (changes.closeTime !== undefined) set.close_time = changes.closeTime;
  if (changes.scoreType !== undefined) set.score_type = changes.scoreType;
  if (changes.prizePool !== undefined) set.prize_pool = changes.prizePool;
  if (changes.minimumPrizeAmount !== undefined) {
    set.minimum_prize_amount = changes.minimumPrizeAmount;
  }
  if (changes.finalizeTime !== undefined) set.finalize_time = changes.finalizeTime;
  if (changes.isFinalized !== undefined) set.is_finalized = changes.isFinalized;
  if (changes.finalizedAt !== undefined) set.finalized_at = changes.finalizedAt;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('tournaments').set(set).where('id', '=', id).execute();
}

/** The tournament's public questions (not drafts or in review), by id. */
export async function listTournamentQuestions(
  db: Executor,
  tournamentId: number,
): Promise<TournamentQuestionRow[]> {
  const rows = await db
    .selectFrom('questions')
    .select([
      'id',
      'title',
      'type',
      'status',
      'question_weight',
      'resolution',
      'scheduled_close_time',
    ])
    .where('tournament_id', '=', tournamentId)
    .where('status', 'not in', ['draft', 'in_review'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    title: row.title,
    type: row.type,
    status: row.status,
    questionWeight: Number(row.question_weight),
    resolution: row.resolution,
    scheduledCloseTime: row.scheduled_close_time,
  }));
}
