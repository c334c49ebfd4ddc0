// Whole-database dumps (services/maintenance/database-dump.ts, behind brier backup / restore /
// export / import and GET /api/v1/admin/backup): a dump loaded into a fresh database reproduces
// every row of every table exactly — questions, forecasts, CP entries, scores, down to
// microseconds and the last bit of a double — and the loaded database keeps working.
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import {
  listTablesInDependencyOrder,
  readRowsAsJson,
} from '../../../src/db/repositories/dump-repository.ts';
import {
  loadDatabaseDump,
  writeDatabaseDump,
} from '../../../src/services/maintenance/database-dump.ts';
import { createUser as createAccount } from '../../../src/services/users/create-user.ts';
import { forecast, withdraw } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';

let t: TestApp;
let admin: TestUser;
let reader: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  const cast = await createForecastingCast(t, 3);
  const [a, b, c] = cast.users as [TestUser, TestUser, TestUser];
  reader = a;
  admin = await (await import('../../factories/users.ts')).createUser(t, { role: 'admin' });
  const binary = await createOpenQuestion(t, { author: cast.author, moderator: cast.moderator });
  const choice = await createOpenQuestion(t, {
    author: cast.author,
    moderator: cast.moderator,
    type: 'multiple_choice',
  });
  for (const [index, user] of [a, b, c].entries()) {
    t.clock.advance(3_600_000);
    await forecast(t, user, binary.id, { probability_yes: 0.1 + 0.2 * index + 0.0001 });
    await forecast(t, user, choice.id, {
      probability_yes_per_category: { A: 0.5, B: 0.3 - index * 0.1, Other: 0.2 + index * 0.1 },
    });
  }
  t.clock.advance(3_600_000);
  await withdraw(t, b, binary.id);
  const db = t.deps.database.db;
  // Values JavaScript could not carry: microseconds, and doubles that need every bit.
  await sql`update forecasts set start_time = start_time + interval '123457 microseconds'`.execute(
    db,
  );
  await db
    .insertInto('scores')
    .values([
      {
        question_id: binary.id,
        user_id: a.id,
        score_type: 'peer',
        score: 0.1 + 0.2,
        coverage: 1 / 3,
      },
      {
        question_id: binary.id,
        aggregation_method: 'recency_weighted',
        score_type: 'baseline',
        score: -Math.PI * 1e-7,
        coverage: 0.9999999999999999,
      },
    ])
    .execute();
});
afterAll(() => t.close());

async function dumpLines(database: Database): Promise<string[]> {
  const lines: string[] = [];
  await writeDatabaseDump({ database, clock: t.clock }, (text) => {
    lines.push(...text.split('\n').filter((line) => line !== ''));
  });
  return lines;
}

async function* iterate(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines;
}

/** Every table's rows as PostgreSQL prints them, in key order. */
async function snapshot(database: Database): Promise<Record<string, string[]>> {
  return database.db.transaction().execute(async (trx) => {
    const result: Record<string, string[]> = {};
    for (const table of await listTablesInDependencyOrder(trx)) {
      result[table] = [];
      for await (const rows of readRowsAsJson(trx, table, 1000)) result[table].push(...rows);
    }
    return result;
  });
}

describe('database dumps', () => {
  let target: TestDatabase;
  afterAll(() => target?.cleanup());

  it('round-trips every row exactly into a fresh database, which then keeps working', async () => {
    const lines = await dumpLines(t.deps.database);
    const header = JSON.parse(lines[0] ?? '{}');
    expect(header.format).toBe('brier-dump');
    const counts = Object.fromEntries(
      (header.tables as Array<{ name: string; rows: number }>).map((x) => [x.name, x.rows]),
    );
    expect(counts.forecasts).toBeGreaterThanOrEqual(6);
    expect(counts.cp_entries).toBeGreaterThan(0);
    expect(counts.scores).toBe(2);

    target = await createTestDatabase({ migrate: false });
    const progress: number[] = [];
    const loaded = await loadDatabaseDump({ database: target.database }, iterate(lines), (done) =>
      progress.push(done),
    );
    expect(loaded).toBe(lines.length - 1);
    expect(progress.at(-1)).toBe(loaded);

    // The loaded database dumps to the very same lines (the source moves on: token uses...).
    const again = await dumpLines(target.database);
    expect(again.slice(1)).toEqual(lines.slice(1));
    expect(JSON.parse(again[0] ?? '{}').tables).toEqual(header.tables);
    const after = await snapshot(target.database);
    expect(after.forecasts?.some((row) => row.includes('.123457'))).toBe(true);
    expect(after.scores?.join()).toContain('0.30000000000000004');

    // Sequences moved past the loaded ids: new rows get fresh ids.
    const user = await createAccount(
      { ...t.deps, database: target.database },
      { username: 'after_restore', email: 'after@example.test', password: 'after-restore-pw' },
    );
    expect(user.id).toBeGreaterThan(Math.max(admin.id, reader.id));
  });

  it('refuses a database with rows, a foreign file and another version’s dump', async () => {
    const lines = await dumpLines(t.deps.database);
    await expect(
      loadDatabaseDump({ database: target.database }, iterate(lines)),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const fresh = await createTestDatabase({ migrate: false });
    try {
      await expect(
        loadDatabaseDump({ database: fresh.database }, iterate(['{"hello":1}'])),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      const older = JSON.parse(lines[0] ?? '{}');
      older.migrations = older.migrations.slice(0, -1);
      await expect(
        loadDatabaseDump(
          { database: fresh.database },
          iterate([JSON.stringify(older), ...lines.slice(1)]),
        ),
      ).rejects.toThrow(/another version of Brier/);
      // A broken row line rolls the whole load back.
      await expect(
        loadDatabaseDump(
          { database: fresh.database },
          iterate([...lines.slice(0, 3), '{"table":"users","row":{"id":']),
        ),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      const users = await fresh.database.db.selectFrom('users').select('id').execute();
      expect(users).toEqual([]);
    } finally {
      await fresh.cleanup();
    }
  });

  it('GET /api/v1/admin/backup streams the dump to admins only', async () => {
    const denied = await t.app.inject({ url: '/api/v1/admin/backup', headers: reader.auth });
    expect(denied.statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: '/api/v1/admin/backup' });
    expect(anonymous.statusCode).toBe(401);
    const response = await t.app.inject({ url: '/api/v1/admin/backup', headers: admin.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toMatch(/brier-backup-.*\.jsonl\.gz/);
    const text = gunzipSync(response.rawPayload).toString('utf8');
    const lines = text.split('\n').filter((line) => line !== '');
    expect(JSON.parse(lines[0] ?? '{}').format).toBe('brier-dump');
    expect(lines.some((line) => line.startsWith('{"table":"scores"'))).toBe(true);
  });
});
