// Stored leaderboards follow the scores table: refreshLeaderboards() rebuilds every global board
// (each score type × window) and every unfinalised tournament board with core buildLeaderboard,
// and finalises tournaments whose finalize_time has passed. Resolution schedules it with
// scheduleLeaderboardRefresh(tx, now) in its own transaction; the job also runs hourly so the
// "last 90 days" window slides. Page views only read the stored rows.
import { buildLeaderboard } from '../../core/leaderboards/build-leaderboard.ts';
import type {
  ExclusionStatus,
  LeaderboardInput,
} from '../../core/leaderboards/leaderboard-types.ts';
import {
  deleteLeaderboardsExcept,
  storeLeaderboard,
} from '../../db/repositories/leaderboard-repository.ts';
import {
  type BoardQuestionFilter,
  listBoardQuestions,
  listBoardScores,
  listExcludedUsers,
  listResolutionYears,
} from '../../db/repositories/score-repository.ts';
import {
  listOpenTournaments,
  type TournamentDetails,
  updateTournament,
} from '../../db/repositories/tournament-repository.ts';
import type { Executor } from '../../db/repositories/user-repository.ts';
import {
  ALL_TIME,
  BASE_SCORE_TYPE,
  type BoardScoreType,
  boardWindow,
  GLOBAL_SCORE_TYPES,
  type GlobalScoreType,
  globalBoardKey,
  isTournamentScoreType,
  LAST_90_DAYS,
  tournamentBoardKey,
} from '../../domain/leaderboard-boards.ts';
import type { Deps } from '../deps.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobResult } from '../jobs/job-definition.ts';
import { SCORED_AGGREGATION } from '../resolution/score-question.ts';

export const REFRESH_LEADERBOARDS_JOB = 'leaderboards.refresh@1';
const REFRESH_INTERVAL_MS = 60 * 60 * 1000;

/** What a board is built from, before the scores are read. */
export interface BoardSpec {
  key: string;
  scoreType: BoardScoreType;
  tournamentId: number | null;
  timeWindow: string;
  windowStart: Date | null;
  windowEnd: Date | null;
  prizePool: number | null;
  minimumPrizeAmount: number;
  finalize: boolean;
}

export function globalBoardSpec(scoreType: GlobalScoreType, window: string, now: Date): BoardSpec {
  const range = boardWindow(window, now);
  return {
    key: globalBoardKey(scoreType, window),
    scoreType,
    tournamentId: null,
    timeWindow: window,
    windowStart: range.start,
    windowEnd: range.end,
    prizePool: null,
    minimumPrizeAmount: 0,
    finalize: false,
  };
}

export function tournamentBoardSpec(tournament: TournamentDetails, finalize: boolean): BoardSpec {
  const scoreType = isTournamentScoreType(tournament.scoreType)
    ? tournament.scoreType
    : 'peer_tournament';
  return {
    key: tournamentBoardKey(tournament.id),
    scoreType,
    tournamentId: tournament.id,
    timeWindow: 'tournament',
    windowStart: null,
    windowEnd: null,
    prizePool: tournament.prizePool,
    minimumPrizeAmount: tournament.minimumPrizeAmount,
    finalize,
  };
}

/**
 * The board's input in the `brier leaderboard` format (docs/maths.md §16.4): its resolved
 * questions, their scores of the base type (forecasters and the CP), banned or deleted users
 * with exclusion status 4.
 */
export async function boardInput(db: Executor, spec: BoardSpec): Promise<LeaderboardInput> {
  const filter: BoardQuestionFilter = {
    ...(spec.tournamentId === null ? {} : { tournamentId: spec.tournamentId }),
    resolvedFrom: spec.windowStart,
    resolvedBefore: spec.windowEnd,
  };
  // One after another: inside a transaction there is one connection anyway.
  const questions = await listBoardQuestions(db, filter);
  const scores = await listBoardScores(db, {
    ...filter,
    scoreType: BASE_SCORE_TYPE[spec.scoreType],
    aggregationMethod: SCORED_AGGREGATION,
  });
  const excluded = await listExcludedUsers(db);
  const exclusionStatus = new Map<number, ExclusionStatus>();
  for (const userId of excluded) exclusionStatus.set(userId, 4);
  return {
    leaderboard: {
      scoreType: spec.scoreType,
      prizePool: spec.prizePool,
      minimumPrizeAmount: spec.minimumPrizeAmount,
      finalize: spec.finalize,
    },
    questions: questions.map((question) => ({
      id: question.id,
      questionWeight: question.questionWeight,
      resolution: question.resolution,
    })),
    scores: scores.map((row) => ({
      userId: row.userId,
      aggregationMethod: row.aggregationMethod,
      questionId: row.questionId,
      score: row.score,
      coverage: row.coverage,
    })),
    exclusionStatus,
  };
}

/** relative_legacy_tournament needs M_q > 0 (docs/maths.md §16.4); otherwise the board is empty. */
function hasScorableWeight(input: LeaderboardInput): boolean {
  if (input.leaderboard.scoreType !== 'relative_legacy_tournament') return true;
  const weight = input.questions
    .filter((q) => q.resolution && q.resolution !== 'annulled' && q.resolution !== 'ambiguous')
    .reduce((sum, q) => sum + q.questionWeight, 0);
  return weight > 0;
}

/** Builds one board with core buildLeaderboard and stores it. */
export async function refreshBoard(db: Executor, spec: BoardSpec, now: Date): Promise<void> {
  const input = await boardInput(db, spec);
  const entries =
    input.scores.length > 0 && hasScorableWeight(input) ? buildLeaderboard(input) : [];
  await storeLeaderboard(
    db,
    {
      key: spec.key,
      scoreType: spec.scoreType,
      tournamentId: spec.tournamentId,
      timeWindow: spec.timeWindow,
      windowStart: spec.windowStart,
      windowEnd: spec.windowEnd,
      questionCount: input.questions.length,
      entryCount: entries.filter((entry) => entry.exclusionStatus <= 2).length,
      isFinalized: spec.finalize,
      computedAt: now,
    },
    entries.map((entry, position) => ({ position, ...entry })),
  );
}

/** The windows every global score type has: all time, the last 90 days, each resolution year. */
export async function globalWindows(db: Executor): Promise<string[]> {
  const years = await listResolutionYears(db);
  return [ALL_TIME, LAST_90_DAYS, ...years.map(String)];
}

/** Freezes a tournament's board with prizes and medals (finalize = true). */
export async function storeFinalBoard(
  db: Executor,
  tournament: TournamentDetails,
  now: Date,
): Promise<void> {
  await refreshBoard(db, tournamentBoardSpec(tournament, true), now);
  await updateTournament(db, tournament.id, { isFinalized: true, finalizedAt: now });
}

/**
 * Rebuilds every stored board that can change: global boards for every window, unfinalised
 * tournament boards; tournaments whose finalize_time has passed are finalised now.
 */
export async function refreshLeaderboards(db: Executor, now: Date): Promise<void> {
  const windows = await globalWindows(db);
  for (const scoreType of GLOBAL_SCORE_TYPES) {
    const keys: string[] = [];
    for (const window of windows) {
      const spec = globalBoardSpec(scoreType, window, now);
      keys.push(spec.key);
      await refreshBoard(db, spec, now);
    }
    await deleteLeaderboardsExcept(db, `${scoreType}:`, keys);
  }
  for (const tournament of await listOpenTournaments(db)) {
    if (tournament.finalizeTime && tournament.finalizeTime.getTime() <= now.getTime()) {
      await storeFinalBoard(db, tournament, now);
    } else {
      await refreshBoard(db, tournamentBoardSpec(tournament, false), now);
    }
  }
}

/**
 * What resolution calls after writing scores, in its transaction: the boards are rebuilt by the
 * job as soon as the runner picks it up (several resolutions share one pending run).
 */
export async function scheduleLeaderboardRefresh(tx: Executor, runAt: Date): Promise<void> {
  await enqueueJob(tx, {
    type: REFRESH_LEADERBOARDS_JOB,
    payload: {},
    runAt,
    dedupeKey: REFRESH_LEADERBOARDS_JOB,
  });
}

/** The job: rebuild, then come back in an hour (the sliding window, finalize_time). */
export async function refreshLeaderboardsJob(context: JobContext): Promise<JobResult> {
  await refreshLeaderboards(context.tx, context.now);
  return { rescheduleAt: new Date(context.now.getTime() + REFRESH_INTERVAL_MS) };
}

/** refreshLeaderboards in its own transaction, at the clock's now (CLI, tests, resolution). */
export async function refreshStandings(deps: Deps): Promise<void> {
  await deps.database.db.transaction().execute((tx) => refreshLeaderboards(tx, deps.clock.now()));
}
