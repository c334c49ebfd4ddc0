// Instances starting together apply each migration exactly once (Kysely's migration lock).
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../../src/db/database.ts';
import { listMigrationNames, migrateToLatest } from '../../../src/db/migrate.ts';
import {
  brierEnv,
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  runBrier,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';
import { testBackend } from '../../helpers/test-db.ts';

// These tests start real processes: on a busy machine that takes far longer than usual.
vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const isPostgres = testBackend() === 'postgres';
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  await killStartedProcesses();
  for (const cleanup of cleanups) await cleanup();
});

async function freshStorage(): Promise<ServerStorage> {
  const storage = await createServerStorage();
  cleanups.push(() => storage.cleanup());
  return storage;
}

async function migrationRows(database: Database): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(database.db);
  return result.rows.map((row) => row.name);
}

/** Names listed on `applied: a, b` lines of `brier migrate` output. */
function appliedNames(stdout: string): string[] {
  const line = stdout.split('\n').find((text) => text.startsWith('applied: '));
  return line ? line.slice('applied: '.length).split(', ') : [];
}

describe('migrations applied once', () => {
  it.runIf(isPostgres)(
    'three `brier migrate` processes started together on one empty database',
    async () => {
      const storage = await freshStorage();
      const results = await Promise.all(
        [1, 2, 3].map(() => runBrier(['migrate'], brierEnv(storage.env))),
      );
      for (const result of results) {
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      }
      const all = await listMigrationNames();
      // Between them they applied every migration, and no migration twice.
      const applied = results.flatMap((result) => appliedNames(result.stdout));
      expect(applied.sort()).toEqual(all);

      const database = await storage.open();
      try {
        expect(await migrationRows(database)).toEqual(all);
      } finally {
        await database.close();
      }
    },
  );

  it.runIf(isPostgres)('two servers starting together on one empty database', async () => {
    const storage = await freshStorage();
    const servers = await Promise.all([
      startServerProcess(storage.env),
      startServerProcess(storage.env),
    ]);
    for (const server of servers) {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    }
    const applied = servers.flatMap((server) =>
      server
        .stdout()
        .split('\n')
        .filter((line) => line.includes('"migrations applied"'))
        .flatMap((line) => (JSON.parse(line) as { migrations: string[] }).migrations),
    );
    expect(applied.sort()).toEqual(await listMigrationNames());
    for (const server of servers) server.signal('SIGTERM');
    for (const server of servers) expect((await server.exited).code).toBe(0);
  });

  it.runIf(!isPostgres)('two concurrent migrateToLatest calls on one PGlite database', async () => {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    cleanups.push(() => database.close());
    const [first, second] = await Promise.all([
      migrateToLatest(database.db),
      migrateToLatest(database.db),
    ]);
    const all = await listMigrationNames();
    expect([...first, ...second].sort()).toEqual(all);
    expect(await migrationRows(database)).toEqual(all);
    // And again later: nothing left to do.
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it.runIf(!isPostgres)(
    'two `brier migrate` processes on one DATA_DIR: one migrates, neither corrupts',
    async () => {
      const storage = await freshStorage();
      const results = await Promise.all(
        [1, 2].map(() => runBrier(['migrate'], brierEnv(storage.env))),
      );
      // The loser of the data-dir lock refuses with one line; if the first had already finished,
      // the second finds nothing to do. Either way each migration is applied once.
      for (const result of results) {
        if (result.code === 2) expect(result.stderr).toMatch(/^brier: DATA_DIR .* is in use/);
        else expect(result.code).toBe(0);
      }
      const all = await listMigrationNames();
      expect(results.flatMap((result) => appliedNames(result.stdout)).sort()).toEqual(all);

      const again = await runBrier(['migrate'], brierEnv(storage.env));
      expect(again.code).toBe(0);
      expect(again.stdout).toBe('database is up to date\n');
      const database = await storage.open();
      try {
        expect(await migrationRows(database)).toEqual(all);
      } finally {
        await database.close();
      }
    },
  );
});

describe('a release that brings a lower-numbered migration', () => {
  it('applies it after higher ones already ran (feature migrations have reserved numbers)', async () => {
    const storage = await freshStorage();
    const database = await storage.open();
    try {
      await migrateToLatest(database.db);
      // An install from before the scores table: 0020 and later applied, 0006 not yet.
      await sql`drop table scores`.execute(database.db);
      await sql`delete from kysely_migration where name = '0006_create-scores'`.execute(
        database.db,
      );
      expect(await migrateToLatest(database.db)).toEqual(['0006_create-scores']);
      expect(await migrationRows(database)).toEqual(await listMigrationNames());
      await sql`select count(*) from scores`.execute(database.db);
    } finally {
      await database.close();
    }
  });
});
