// SQL for stored idempotent results: (user, Idempotency-Key) → request hash, status and body.
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';

export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export interface IdempotentResult {
  requestHash: string;
  statusCode: number;
  response: Record<string, unknown>;
}

export async function findIdempotentResult(
  db: Executor,
  userId: number,
  key: string,
): Promise<IdempotentResult | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row
    ? { requestHash: row.request_hash, statusCode: row.status_code, response: row.response }
    : undefined;
}

export async function insertIdempotentResult(
  db: Executor,
  userId: number,
  key: string,
  result: IdempotentResult,
  now: Date,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      user_id: userId,
      key,
      request_hash: result.requestHash,
      status_code: result.statusCode,
      response: JSON.stringify(result.response),
      created_at: now,
    })
    .execute();
}
