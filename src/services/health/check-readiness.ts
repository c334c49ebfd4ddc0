// Ready = the database answers within a deadline and every migration file has been applied.
import { pendingMigrations } from '../../db/migrate.ts';
import type { Deps } from '../deps.ts';

export type Readiness = { isReady: true } | { isReady: false; reason: string };

const PING_DEADLINE_MS = 2_000;

// Applied migrations never become unapplied, so one success is remembered per database.
const migratedDatabases = new WeakSet<object>();

export async function checkReadiness(deps: Deps): Promise<Readiness> {
  try {
    await withDeadline(deps.database.ping(), PING_DEADLINE_MS);
  } catch {
    return { isReady: false, reason: 'database unreachable' };
  }
  if (migratedDatabases.has(deps.database)) return { isReady: true };
  try {
    const pending = await withDeadline(pendingMigrations(deps.database.db), PING_DEADLINE_MS);
    if (pending.length > 0) {
      return { isReady: false, reason: `migrations pending: ${pending.join(', ')}` };
    }
  } catch {
    return { isReady: false, reason: 'could not read the migration state' };
  }
  migratedDatabases.add(deps.database);
  return { isReady: true };
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deadline exceeded')), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
