// Storage for a spawned `brier serve`: a temp DATA_DIR (pglite project) or a fresh empty database
// on the test server (postgres project), plus direct access to it for checking what was kept.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { acquireDataDirLock } from '../../src/db/data-dir-lock.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { killStartedProcesses, type ProcessEnv } from './brier-process.ts';
import { createEmptyPostgresDatabase, testBackend } from './test-db.ts';

export interface ServerStorage {
  kind: 'pglite' | 'postgres';
  /** DATA_DIR=… or DATABASE_URL=… for the server process */
  env: ProcessEnv;
  dataDir: string | null;
  /**
   * Opens the database in this process. On PGlite this takes the data-dir lock, so it throws while
   * a server still holds the directory (as it must: two writers would corrupt it).
   */
  open(): Promise<Database>;
  /** True when a server left its data-dir lock file behind (PGlite only). */
  hasStaleLock(): boolean;
  cleanup(): Promise<void>;
}

/** `parentDir`: where a PGlite data directory goes (default: the system's temp directory). */
export async function createServerStorage(
  options: { parentDir?: string } = {},
): Promise<ServerStorage> {
  if (testBackend() === 'postgres') {
    const { url, drop } = await createEmptyPostgresDatabase();
    return {
      kind: 'postgres',
      env: { DATABASE_URL: url },
      dataDir: null,
      open: () => openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 }),
      hasStaleLock: () => false,
      cleanup: drop,
    };
  }
  const dataDir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'brier-data-'));
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir },
    dataDir,
    async open() {
      const release = acquireDataDirLock(dataDir);
      try {
        const database = await openDatabase({ databaseUrl: null, dataDir });
        const close = database.close.bind(database);
        database.close = async () => {
          await close();
          release();
        };
        return database;
      } catch (error) {
        release();
        throw error;
      }
    },
    hasStaleLock: () => existsSync(join(dataDir, 'brier.pid')),
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file that starts `brier serve` processes: returns a function giving fresh storage,
 * and registers hooks that kill the started processes after each test and remove every storage
 * after the file.
 */
export function useServerStorages(): () => Promise<ServerStorage> {
  const storages: ServerStorage[] = [];
  afterEach(killStartedProcesses);
  afterAll(async () => {
    await killStartedProcesses();
    await Promise.all(storages.map((storage) => storage.cleanup()));
  });
  return async () => {
    const storage = await createServerStorage();
    storages.push(storage);
    return storage;
  };
}
