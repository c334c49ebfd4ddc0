// An admin creates a tournament (a series of questions with its own page and leaderboard).
// POST /api/v1/tournaments and the demo content call it; its board exists (empty) at once.
import { insertAuditEntry } from '../../db/repositories/audit-log-repository.ts';
import {
  findTournamentById,
  insertTournament,
  type TournamentRecord,
  tournamentSlugExists,
} from '../../db/repositories/tournament-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkTournamentFields, type TournamentFields } from '../../domain/tournament-fields.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { refreshBoard, tournamentBoardSpec } from '../standings/refresh-leaderboards.ts';

export interface CreateTournamentInput {
  actor: Actor | null;
  tournament: TournamentFields;
}

export async function createTournament(
  deps: Deps,
  input: CreateTournamentInput,
): Promise<TournamentRecord> {
  const user = requireUser(input.actor, { scope: 'write', role: 'admin' });
  const fields = {
    ...input.tournament,
    title: input.tournament.title.trim(),
    description: input.tournament.description.trim(),
  };
  const problems = checkTournamentFields(fields);
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${problems[0].path}: ${problems[0].message}`, {
      fields: problems,
    });
  }
  return deps.database.db.transaction().execute(async (tx) => {
    if (await tournamentSlugExists(tx, fields.slug)) {
      throw new DomainError('ALREADY_EXISTS', 'That slug is already taken.', {
        fields: [{ path: '/slug', message: 'is already taken' }],
      });
    }
    const now = deps.clock.now();
    const tournament = await insertTournament(tx, { ...fields, createdAt: now });
    await insertAuditEntry(tx, {
      actorId: user.userId,
      action: 'tournament.create',
      targetType: 'tournament',
      targetId: tournament.id,
      details: { slug: tournament.slug },
      createdAt: now,
    });
    const details = await findTournamentById(tx, tournament.id);
    if (details) await refreshBoard(tx, tournamentBoardSpec(details, false), now);
    return tournament;
  });
}
