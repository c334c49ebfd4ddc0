// SQL for login_throttles: one row per account (or unknown login name) with recent failures.
import { sql } from 'kysely';
import type { Executor } from './user-repository.ts';

/** Until when logins under `key` must wait, if they must. */
export async function findLoginLock(db: Executor, key: string): Promise<Date | null> {
  const row = await db
    .selectFrom('login_throttles')
    .select('locked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/**
 * Counts one failure atomically (concurrent failures on several instances all count): the count
 * restarts when the previous failure is older than `forgetBefore`. Returns the new count.
 */
export async function recordLoginFailure(
  db: Executor,
  input: { key: string; now: Date; forgetBefore: Date },
): Promise<number> {
  const row = await db
    .insertInto('login_throttles')
    .values({ key: input.key, failures: 1, last_failure_at: input.now })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttles.last_failure_at < ${input.forgetBefore}
          then 1 else login_throttles.failures + 1 end`,
        last_failure_at: input.now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function setLoginLock(db: Executor, key: string, lockedUntil: Date): Promise<void> {
  await db
    .updateTable('login_throttles')
    .set({ locked_until: lockedUntil })
    .where('key', '=', key)
    .execute();
}

export async function clearLoginFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('key', '=', key).execute();
}
