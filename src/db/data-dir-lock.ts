// One process per PGlite data directory: a second writer would corrupt it, so refuse to start.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

export function acquireDataDirLock(dataDir: string): () => void {
  if (dataDir.startsWith('memory://')) return () => undefined;
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'brier.pid');
  // The pid is written to a private file first and then hard-linked into place: the link either
  // fails with EEXIST or publishes a complete file, so a rival never reads a half-written lock
  // (and mistakes it for a stale one).
  const candidatePath = `${lockPath}.${process.pid}`;
  writeFileSync(candidatePath, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(candidatePath, lockPath);
        return () => rmSync(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(lockPath);
      if (holder !== null && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `DATA_DIR ${dataDir} is in use by process ${holder}; stop it or use DATABASE_URL for several instances`,
        );
      }
      // Left behind by a killed process: PGlite recovers its own files, the lock is just stale.
      if (holder !== null) rmSync(lockPath, { force: true });
    }
  } finally {
    rmSync(candidatePath, { force: true });
  }
  throw new DataDirLockedError(`could not lock DATA_DIR ${dataDir}`);
}

/** The pid in the lock file, or null when it vanished meanwhile (its holder just released it). */
function readHolder(lockPath: string): number | null {
  try {
    const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(holder) ? holder : -1;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
