// A fresh, migrated database per test file: in-memory PGlite, or a uniquely named database on the
// PostgreSQL server at TEST_DATABASE_URL (dropped afterwards), chosen by BRIER_TEST_BACKEND.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type TestBackend = 'pglite' | 'postgres';

export function testBackend(): TestBackend {
  return process.env.BRIER_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
}

export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  database: Database;
  /** postgres://… of the created database, or null on PGlite */
  url: string | null;
  cleanup(): Promise<void>;
}

/** Creates an empty database on the test server and returns its URL and a dropper. */
export async function createEmptyPostgresDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `brier_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: testServerUrl() });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (testBackend() === 'pglite') {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    if (migrate) await migrateToLatest(database.db);
    return { database, url: null, cleanup: () => database.close() };
  }
  const { url, drop } = await createEmptyPostgresDatabase();
  const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 8 });
  if (migrate) await migrateToLatest(database.db);
  return {
    database,
    url,
    async cleanup() {
      await database.close();
      await drop();
    },
  };
}
