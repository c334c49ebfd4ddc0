// Applies pending migrations (`brier migrate`, `seed`, `users`; `serve` does it in bootstrap.ts).
import { migrateToLatest } from '../../db/migrate.ts';
import type { Deps } from '../deps.ts';

/** The names of the migrations applied now, in order (empty when the database was up to date). */
export function migrateDatabase(deps: Pick<Deps, 'database'>): Promise<string[]> {
  return migrateToLatest(deps.database.db);
}
