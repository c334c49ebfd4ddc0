// Transaction-level PostgreSQL advisory locks: one-time work that instances sharing a database
// must not do twice (released by the transaction's commit or rollback, never leaked).
import { sql } from 'kysely';
import type { Executor } from './user-repository.ts';

/** Keys of our advisory locks (distinct from Kysely's migration lock, 3853314791062309107). */
export const ADVISORY_LOCKS = {
  /** Loading the demo content into an empty database. */
  demoContent: 7_301_982_400_001n,
} as const;

/** Waits for the lock; it is held until the transaction `tx` ends. */
export async function takeTransactionLock(tx: Executor, key: bigint): Promise<void> {
  await sql`select pg_advisory_xact_lock(${key.toString()}::bigint)`.execute(tx);
}
