// A fresh, migrated database per test file: in-memory PGlite, or a uniquely named database on the
// PostgreSQL server at TEST_DATABASE_URL (dropped afterwards), chosen by BRIER_TEST_BACKEND.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const database = await openDatabase({
      databaseUrl: null,
      dataDir: 'memory://',
      initialDataDir: migrate ? await migratedPgliteTemplate() : undefined,
    });
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

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');

/**
 * A freshly migrated PGlite data directory, cached on disk by the migrations' content: creating
 * an empty PGlite cluster costs ~2 s, loading this tarball ~0.4 s, and every test file needs one.
 */
async function migratedPgliteTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).sort()) {
    hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  }
  const cachePath = join(
    tmpdir(),
    'brier-test-templates',
    `pglite-${hash.digest('hex').slice(0, 16)}.tar`,
  );
  try {
    return new Blob([await readFile(cachePath)]);
  } catch {
    // Not cached yet: build it (concurrent workers may both do so; the rename is atomic).
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db);
    const dump = await database.dumpDataDir!();
    await mkdir(dirname(cachePath), { recursive: true });
    const partial = `${cachePath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, cachePath);
    return dump;
  } finally {
    await database.close();
  }
}
