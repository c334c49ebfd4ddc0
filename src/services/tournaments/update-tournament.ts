// An admin edits a tournament (text, dates, leaderboard settings) or puts a question in it with
// a weight. A finalised tournament is frozen: CONFLICT. Both refresh the tournament's board.
import { insertAuditEntry } from '../../db/repositories/audit-log-repository.ts';
import { selectQuestion, updateQuestion } from '../../db/repositories/question-repository.ts';
import {
  findTournamentBySlug,
  type TournamentChanges,
  type TournamentDetails,
  updateTournament as updateTournamentRow,
} from '../../db/repositories/tournament-repository.ts';
import type { Executor } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkTournamentFields } from '../../domain/tournament-fields.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { refreshBoard, tournamentBoardSpec } from '../standings/refresh-leaderboards.ts';
import { tournamentNotFound } from './get-tournament.ts';

export interface UpdateTournamentInput {
  actor: Actor | null;
  slug: string;
  changes: Omit<TournamentChanges, 'isFinalized' | 'finalizedAt'>;
}

function throwProblems(problems: Array<{ path: string; message: string }>): void {
  if (problems.length === 0) return;
  throw new DomainError('VALIDATION_FAILED', `${problems[0].path}: ${problems[0].message}`, {
    fields: problems,
  });
}

async function lockOpenTournament(tx: Executor, slug: string): Promise<TournamentDetails> {
  const tournament = await findTournamentBySlug(tx, slug, { forUpdate: true });
  if (!tournament) throw tournamentNotFound(slug);
  if (tournament.isFinalized) {
    throw new DomainError('CONFLICT', 'This tournament is finalised; it can no longer change.');
  }
  return tournament;
}

export async function updateTournament(
  deps: Deps,
  input: UpdateTournamentInput,
): Promise<TournamentDetails> {
  const user = requireUser(input.actor, { scope: 'write', role: 'admin' });
  // Absent fields stay as they are.
  const changes = Object.fromEntries(
    Object.entries(input.changes).filter(([, value]) => value !== undefined),
  ) as UpdateTournamentInput['changes'];
  if (changes.title !== undefined) changes.title = changes.title.trim();
  if (changes.description !== undefined) changes.description = changes.description.trim();
  return deps.database.db.transaction().execute(async (tx) => {
    const current = await lockOpenTournament(tx, input.slug);
    const next = { ...current, ...changes };
    throwProblems(checkTournamentFields(next));
    await updateTournamentRow(tx, current.id, changes);
    const now = deps.clock.now();
    await insertAuditEntry(tx, {
      actorId: user.userId,
      action: 'tournament.update',
      targetType: 'tournament',
      targetId: current.id,
      details: { fields: Object.keys(changes) },
      createdAt: now,
    });
    const updated = (await findTournamentBySlug(tx, input.slug)) as TournamentDetails;
    await refreshBoard(tx, tournamentBoardSpec(updated, false), now);
    return updated;
  });
}

export interface SetTournamentQuestionInput {
  actor: Actor | null;
  slug: string;
  questionId: number;
  questionWeight: number;
}

/** Puts a question into the tournament (or moves it there) with a weight ≥ 0. */
export async function setTournamentQuestion(
  deps: Deps,
  input: SetTournamentQuestionInput,
): Promise<{ tournament: TournamentDetails; questionId: number; questionWeight: number }> {
  const user = requireUser(input.actor, { scope: 'write', role: 'admin' });
  if (!(Number.isFinite(input.questionWeight) && input.questionWeight >= 0)) {
    throwProblems([{ path: '/question_weight', message: 'must be a number ≥ 0' }]);
  }
  return deps.database.db.transaction().execute(async (tx) => {
    const tournament = await lockOpenTournament(tx, input.slug);
    const question = await selectQuestion(tx, input.questionId, { forUpdate: true });
    if (!question) throw new DomainError('NOT_FOUND', `No question ${input.questionId}.`);
    await updateQuestion(tx, question.id, {
      tournament_id: tournament.id,
      question_weight: input.questionWeight,
    });
    const now = deps.clock.now();
    await insertAuditEntry(tx, {
      actorId: user.userId,
      action: 'tournament.set_question',
      targetType: 'tournament',
      targetId: tournament.id,
      details: { question_id: question.id, question_weight: input.questionWeight },
      createdAt: now,
    });
    await refreshBoard(tx, tournamentBoardSpec(tournament, false), now);
    return { tournament, questionId: question.id, questionWeight: input.questionWeight };
  });
}
