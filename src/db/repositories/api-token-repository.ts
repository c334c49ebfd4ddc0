// SQL for personal API tokens: stored by sha-256 with a short display prefix, revoked in place.
import { CompiledQuery } from 'kysely';
import type { TokenScope } from '../../domain/actor.ts';
import { preparedSql } from '../prepared-sql.ts';
import {
  type CredentialOwner,
  type CredentialOwnerColumns,
  type Executor,
  toCredentialOwner,
} from './user-repository.ts';

export interface ApiTokenRecord {
  id: number;
  userId: number;
  name: string;
  tokenPrefix: string;
  scopes: TokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface ApiTokenWithUser extends ApiTokenRecord {
  user: CredentialOwner;
}

interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  token_prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
}

function toRecord(row: TokenRow): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    scopes: row.scopes as TokenScope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

const TOKEN_COLUMNS = [
  'api_tokens.id as id',
  'api_tokens.user_id as user_id',
  'api_tokens.name as name',
  'api_tokens.token_prefix as token_prefix',
  'api_tokens.scopes as scopes',
  'api_tokens.created_at as created_at',
  'api_tokens.last_used_at as last_used_at',
] as const;

export async function insertApiToken(
  db: Executor,
  input: {
    userId: number;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
    scopes: TokenScope[];
    createdAt: Date;
  },
): Promise<ApiTokenRecord> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: input.userId,
      name: input.name,
      token_hash: input.tokenHash,
      token_prefix: input.tokenPrefix,
      scopes: input.scopes,
      created_at: input.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .returning(TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/**
 * The unrevoked tokens with these hashes and their (undeleted) owners, by hash. Read-only, so
 * it never waits for a commit to reach the disk; `last_used_at` is recorded apart
 * (recordTokenUses). Many requests' lookups share one statement (statement-batcher.ts).
 */
export async function findActiveTokensWithUsers(
  db: Executor,
  tokenHashes: readonly string[],
): Promise<Map<string, ApiTokenWithUser>> {
  const result = await db.executeQuery<TokenRow & CredentialOwnerColumns & { token_hash: string }>(
    CompiledQuery.raw(FIND_ACTIVE_TOKENS, [JSON.stringify(tokenHashes)]),
  );
  const found = new Map<string, ApiTokenWithUser>();
  for (const row of result.rows) {
    found.set(row.token_hash, {
      ...toRecord(row),
      user: toCredentialOwner(row),
    });
  }
  return found;
}

/**
 * Constant SQL (run on every authenticated request, so not rebuilt by the query builder). The
 * hashes are compared with `= any(array(…))`, not `in (select …)`: the generic plan of the
 * prepared statement guesses 100 hashes for a jsonb array, and for a semi-join that guess made
 * PostgreSQL hash every token in a sequential scan (5 ms per lookup at 10,000 tokens); an array
 * compared with `= any` is looked up in the unique index whatever its guessed size.
 */
export const FIND_ACTIVE_TOKENS = preparedSql(
  'api_token_authenticate',
  `
select t.id, t.user_id, t.name, t.token_prefix, t.scopes, t.created_at, t.last_used_at,
  t.token_hash, u.username, u.role, u.is_banned, u.created_at as user_created_at
from api_tokens t
join users u on u.id = t.user_id
where t.token_hash = any(array(select jsonb_array_elements_text($1::jsonb)))
  and t.revoked_at is null and u.deleted_at is null`,
);

/**
 * Records when tokens were used, in one statement; a later instant never goes back to an earlier
 * one (instances flush in any order).
 */
export async function recordTokenUses(
  db: Executor,
  uses: ReadonlyArray<{ tokenId: number; usedAt: Date }>,
): Promise<void> {
  if (uses.length === 0) return;
  await db.executeQuery(
    CompiledQuery.raw(RECORD_TOKEN_USES, [
      JSON.stringify(uses.map((use) => [use.tokenId, use.usedAt.toISOString()])),
    ]),
  );
}

const RECORD_TOKEN_USES = `
update api_tokens t set last_used_at = used.at
from (
  select (pair->>0)::bigint as id, (pair->>1)::timestamptz as at
  from jsonb_array_elements($1::jsonb) as pair
) as used
where t.id = used.id and (t.last_used_at is null or t.last_used_at < used.at)`;

export async function listActiveTokens(
  db: Executor,
  userId: number,
  options: { afterId: number | null; limit: number },
): Promise<ApiTokenRecord[]> {
  let query = db
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('api_tokens.user_id', '=', userId)
    .where('api_tokens.revoked_at', 'is', null)
    .orderBy('api_tokens.id')
    .limit(options.limit);
  if (options.afterId !== null) query = query.where('api_tokens.id', '>', options.afterId);
  return (await query.execute()).map(toRecord);
}

/** Revokes the owner's active token; false when there is none with that id for that user. */
export async function revokeApiToken(
  db: Executor,
  input: { id: number; userId: number; revokedAt: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: input.revokedAt })
    .where('id', '=', input.id)
    .where('user_id', '=', input.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
