// A tournament's page and API: its settings, its public questions (weight, status, CP the viewer
// may see) and its stored leaderboard with prizes and medals; and the list of tournaments.
import type { StoredLeaderboard } from '../../db/repositories/leaderboard-repository.ts';
import { findLeaderboard } from '../../db/repositories/leaderboard-repository.ts';
import { selectQuestion } from '../../db/repositories/question-repository.ts';
import {
  findTournamentBySlug,
  listTournamentQuestions,
  listTournaments as listTournamentRows,
  type TournamentDetails,
} from '../../db/repositories/tournament-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { tournamentBoardKey } from '../../domain/leaderboard-boards.ts';
import type { TournamentQuestionView, TournamentView } from '../../domain/view-models/standings.ts';
import type { Deps } from '../deps.ts';
import { getForecastSummary } from '../forecasts/get-forecast-summary.ts';
import { readBoard } from '../standings/get-leaderboard.ts';

export type { TournamentQuestionView, TournamentView };

export function tournamentNotFound(slug: string): DomainError {
  return new DomainError('NOT_FOUND', `No tournament "${slug}".`);
}

export async function getTournament(
  deps: Deps,
  input: { actor: Actor | null; slug: string; offset?: number; limit?: number },
): Promise<TournamentView> {
  const db = deps.database.db;
  const tournament = await findTournamentBySlug(db, input.slug);
  if (!tournament) throw tournamentNotFound(input.slug);
  const rows = await listTournamentQuestions(db, tournament.id);
  const questions: TournamentQuestionView[] = [];
  for (const row of rows) {
    const question = await selectQuestion(db, row.id);
    if (!question) continue;
    const summary = await getForecastSummary(deps, question, input.actor);
    questions.push({
      ...row,
      communityPrediction: summary.community_prediction,
      forecasterCount: summary.forecaster_count,
    });
  }
  const key = tournamentBoardKey(tournament.id);
  const stored: StoredLeaderboard = (await findLeaderboard(db, key)) ?? {
    key,
    scoreType: tournament.scoreType,
    tournamentId: tournament.id,
    timeWindow: 'tournament',
    windowStart: null,
    windowEnd: null,
    questionCount: 0,
    entryCount: 0,
    isFinalized: tournament.isFinalized,
    computedAt: new Date(0),
  };
  const leaderboard = await readBoard(deps, stored, input.actor, input);
  return { tournament, questions, leaderboard };
}

export async function listTournaments(deps: Deps): Promise<TournamentDetails[]> {
  return listTournamentRows(deps.database.db);
}
