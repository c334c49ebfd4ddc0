// The token lookup runs on every request whose token is not cached, as a prepared statement: its
// generic plan (the one PostgreSQL keeps for a prepared statement) must find the hashes through
// the unique index. A plan that scanned every token made each lookup cost ≈ 5 ms at 10,000 tokens
// (docs/PERFORMANCE.md), which a user sees as slow first requests and a server that saturates.
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIND_ACTIVE_TOKENS } from '../../../src/db/repositories/api-token-repository.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';

const TOKENS = 5_000;

let testDatabase: TestDatabase;
beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const { db } = testDatabase.database;
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into users (username, email, password_hash, role)
       select 'plan' || n, 'plan' || n || '@example.test', 'unused', 'reader'
       from generate_series(1, ${TOKENS}) as n`,
    ),
  );
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into api_tokens (user_id, name, token_hash, token_prefix, scopes)
       select id, 'plan', md5(id::text) || md5(username), 'brier_plan', array['read', 'write']
       from users`,
    ),
  );
  await db.executeQuery(CompiledQuery.raw('analyze users, api_tokens'));
}, 60_000);
afterAll(() => testDatabase.cleanup());

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function scannedTables(node: PlanNode, scans: string[] = []): string[] {
  if (node['Relation Name'] && /Scan/.test(node['Node Type'])) {
    scans.push(`${node['Node Type']} on ${node['Relation Name']}`);
  }
  for (const child of node.Plans ?? []) scannedTables(child, scans);
  return scans;
}

describe('the token lookup statement', () => {
  it('finds tokens through an index in the generic plan the server keeps', async () => {
    const plan = await testDatabase.database.db.connection().execute(async (connection) => {
      const run = (text: string) => connection.executeQuery(CompiledQuery.raw(text));
      await run('set plan_cache_mode = force_generic_plan');
      await run(`prepare token_lookup (jsonb) as ${FIND_ACTIVE_TOKENS}`);
      try {
        const explained = await run(
          `explain (format json) execute token_lookup('["${'0'.repeat(64)}"]')`,
        );
        const row = explained.rows[0] as { 'QUERY PLAN': unknown };
        const document = row['QUERY PLAN'];
        return (typeof document === 'string' ? JSON.parse(document) : document) as Array<{
          Plan: PlanNode;
        }>;
      } finally {
        await run('deallocate token_lookup');
        await run('reset plan_cache_mode');
      }
    });
    const scans = scannedTables(plan[0].Plan).filter((scan) => scan.endsWith(' api_tokens'));
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.filter((scan) => scan.startsWith('Seq Scan'))).toEqual([]);
  });
});
