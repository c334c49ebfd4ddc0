// An admin finalises a tournament now: its board is rebuilt with finalize = true (prizes and
// medals, docs/maths.md §13), stored and frozen. The refresh job does the same, as the system,
// once a tournament's finalize_time has passed.
import { insertAuditEntry } from '../../db/repositories/audit-log-repository.ts';
import {
  findTournamentBySlug,
  type TournamentDetails,
} from '../../db/repositories/tournament-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { storeFinalBoard } from '../standings/refresh-leaderboards.ts';
import { tournamentNotFound } from './get-tournament.ts';

export async function finalizeTournament(
  deps: Deps,
  input: { actor: Actor | null; slug: string },
): Promise<TournamentDetails> {
  const user = requireUser(input.actor, { scope: 'write', role: 'admin' });
  return deps.database.db.transaction().execute(async (tx) => {
    const tournament = await findTournamentBySlug(tx, input.slug, { forUpdate: true });
    if (!tournament) throw tournamentNotFound(input.slug);
    if (tournament.isFinalized) {
      throw new DomainError('CONFLICT', 'This tournament is already finalised.');
    }
    const now = deps.clock.now();
    await storeFinalBoard(tx, tournament, now);
    await insertAuditEntry(tx, {
      actorId: user.userId,
      action: 'tournament.finalize',
      targetType: 'tournament',
      targetId: tournament.id,
      details: { prize_pool: tournament.prizePool },
      createdAt: now,
    });
    return (await findTournamentBySlug(tx, input.slug)) as TournamentDetails;
  });
}
