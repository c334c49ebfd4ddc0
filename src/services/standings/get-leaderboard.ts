// Reading stored boards: a global board (score type × window) or a tournament's, one page at a
// time, with the viewer's own row; and a board's input in the `brier leaderboard` format, so
// anyone can recompute it (docs/maths.md §16.4).
import {
  findLeaderboard,
  findUserEntry,
  listLeaderboardEntries,
  listLeaderboardWindows,
  type StoredLeaderboard,
} from '../../db/repositories/leaderboard-repository.ts';
import { findTournamentBySlug } from '../../db/repositories/tournament-repository.ts';
import { type Actor, actorUserId } from '../../domain/actor.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import {
  ALL_TIME,
  type GlobalScoreType,
  globalBoardKey,
  isGlobalScoreType,
  isWindowKey,
  LAST_90_DAYS,
} from '../../domain/leaderboard-boards.ts';
import type { LeaderboardView } from '../../domain/view-models/standings.ts';
import type { Deps } from '../deps.ts';
import { boardInput, globalBoardSpec, tournamentBoardSpec } from './refresh-leaderboards.ts';

export const LEADERBOARD_PAGE_SIZE = 50;

export type { LeaderboardView };

/** An empty board header for a window nothing has been computed for yet. */
function emptyBoard(key: string, scoreType: string, window: string): StoredLeaderboard {
  return {
    key,
    scoreType,
    tournamentId: null,
    timeWindow: window,
    windowStart: null,
    windowEnd: null,
    questionCount: 0,
    entryCount: 0,
    isFinalized: false,
    computedAt: new Date(0),
  };
}

export async function readBoard(
  deps: Deps,
  board: StoredLeaderboard,
  actor: Actor | null,
  page: { offset?: number; limit?: number },
): Promise<Omit<LeaderboardView, 'windows'>> {
  const db = deps.database.db;
  const offset = page.offset ?? 0;
  const limit = page.limit ?? LEADERBOARD_PAGE_SIZE;
  const viewerId = actorUserId(actor);
  const [entries, myEntry] = await Promise.all([
    listLeaderboardEntries(db, board.key, { offset, limit }),
    viewerId === null ? undefined : findUserEntry(db, board.key, viewerId),
  ]);
  return { board, entries, total: board.entryCount, offset, limit, myEntry: myEntry ?? null };
}

export interface GetGlobalLeaderboardInput {
  actor: Actor | null;
  scoreType?: string;
  window?: string;
  offset?: number;
  limit?: number;
}

function checkGlobal(input: { scoreType?: string; window?: string }): {
  scoreType: GlobalScoreType;
  window: string;
} {
  const scoreType = input.scoreType ?? 'peer_global';
  const window = input.window ?? ALL_TIME;
  if (!isGlobalScoreType(scoreType)) {
    throw invalidField('querystring/score_type', 'must be peer_global or baseline_global');
  }
  if (!isWindowKey(window)) {
    throw invalidField('querystring/window', `must be ${ALL_TIME}, ${LAST_90_DAYS} or a year`);
  }
  return { scoreType, window };
}

export async function getGlobalLeaderboard(
  deps: Deps,
  input: GetGlobalLeaderboardInput,
): Promise<LeaderboardView> {
  const { scoreType, window } = checkGlobal(input);
  const key = globalBoardKey(scoreType, window);
  const db = deps.database.db;
  const [board, windows] = await Promise.all([
    findLeaderboard(db, key),
    listLeaderboardWindows(db, scoreType),
  ]);
  const view = await readBoard(
    deps,
    board ?? emptyBoard(key, scoreType, window),
    input.actor,
    input,
  );
  const sortedWindows = [
    ALL_TIME,
    LAST_90_DAYS,
    ...windows
      .filter((w) => w !== ALL_TIME && w !== LAST_90_DAYS)
      .sort()
      .reverse(),
  ];
  return { ...view, windows: sortedWindows };
}

/**
 * The §16.4 input of a board as it stands now (global: score type × window; tournament: its
 * settings, with `finalize` once finalised). Running `brier leaderboard` on it gives the board.
 */
export async function exportLeaderboardInput(
  deps: Deps,
  input: { scoreType?: string; window?: string; tournamentSlug?: string },
): Promise<Record<string, unknown>> {
  const db = deps.database.db;
  let spec: ReturnType<typeof globalBoardSpec>;
  if (input.tournamentSlug !== undefined) {
    const tournament = await findTournamentBySlug(db, input.tournamentSlug);
    if (!tournament) throw new DomainError('NOT_FOUND', `No tournament "${input.tournamentSlug}".`);
    spec = tournamentBoardSpec(tournament, tournament.isFinalized);
  } else {
    const { scoreType, window } = checkGlobal(input);
    const board = await findLeaderboard(db, globalBoardKey(scoreType, window));
    // The stored window, so "last 90 days" means the same 90 days as the stored board.
    spec = globalBoardSpec(scoreType, window, board?.computedAt ?? deps.clock.now());
  }
  const parsed = await boardInput(db, spec);
  return {
    leaderboard: {
      score_type: parsed.leaderboard.scoreType,
      prize_pool: parsed.leaderboard.prizePool,
      minimum_prize_amount: parsed.leaderboard.minimumPrizeAmount,
      finalize: parsed.leaderboard.finalize,
    },
    questions: parsed.questions.map((q) => ({
      id: q.id,
      question_weight: q.questionWeight,
      resolution: q.resolution,
    })),
    scores: parsed.scores.map((row) => ({
      user_id: row.userId,
      aggregation_method: row.aggregationMethod,
      question_id: row.questionId,
      score: row.score,
      coverage: row.coverage,
    })),
    exclusion_status: Object.fromEntries(
      [...parsed.exclusionStatus].map(([userId, status]) => [String(userId), status]),
    ),
  };
}
