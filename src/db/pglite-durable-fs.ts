// Durable PGlite on disk. Out of the box PGlite starts PostgreSQL with `-F` (fsync off) and its
// Node file layer (Emscripten's NODEFS) has no `fsync`: a committed transaction is in the OS page
// cache, so it survives a killed process but not a power cut. Here PostgreSQL runs with fsync on
// and `wal_sync_method=fsync` (Emscripten's `fdatasync` is an empty stub, its `fsync` calls the
// file system's hook) and the hook below calls fdatasync(2) on the real file. So a COMMIT returns
// only once its WAL is on disk, and checkpoints sync the data files before the WAL that covers
// them is recycled: PostgreSQL's own durability rules, with real syncs under them. A write
// batcher's statement (statement-batcher.ts) is one commit, so one sync covers a whole batch.
import { spawn } from 'node:child_process';
import { closeSync, fdatasyncSync, openSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** What the hook sees of an Emscripten stream (`nfd` is the real file descriptor). */
interface NodefsStream {
  nfd: number;
}

interface NodefsModule {
  NODEFS: {
    stream_ops: { fsync?: (stream: NodefsStream) => number };
    tryFSOperation<T>(operation: () => T): T;
  };
}

type NodeFsInit = NodeFS['init'];

export class DurableNodeFS extends NodeFS {
  /** fdatasync calls made so far (for /metrics). */
  syncs = 0;

  override async init(
    pg: Parameters<NodeFsInit>[0],
    options: Parameters<NodeFsInit>[1],
  ): ReturnType<NodeFsInit> {
    const result = await super.init(pg, options);
    const preRun = result.emscriptenOpts.preRun;
    const addSync = (module: NodefsModule) => {
      const { NODEFS } = module;
      NODEFS.stream_ops.fsync = (stream) => {
        // Errors (EIO, ENOSPC) become the errno PostgreSQL sees: it then refuses to go on
        // (PANIC) rather than acknowledge a write that may not be on disk.
        NODEFS.tryFSOperation(() => fdatasyncSync(stream.nfd));
        this.syncs += 1;
        return 0;
      };
    };
    result.emscriptenOpts.preRun = [
      ...(Array.isArray(preRun) ? preRun : preRun ? [preRun] : []),
      addSync as never,
    ];
    return result;
  }
}

/** PGlite's start parameters with fsync on (see the top of this file), plus `settings`. */
export function durableStartParams(settings: Record<string, string | number> = {}): string[] {
  const params = PGlite.defaultStartParams.filter((param) => param !== '-F');
  params.push('-c', 'wal_sync_method=fsync');
  for (const [name, value] of Object.entries(settings)) params.push('-c', `${name}=${value}`);
  return params;
}

/**
 * fdatasync every file and directory under `dir`: a new cluster (initdb, or a loaded tarball) is
 * written without syncs, and PostgreSQL syncs only what it changes later.
 */
export function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncPath(dir);
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates a new cluster (PGlite's initdb) in `dataDir` in a short-lived child process. In the
 * server's own process initdb runs a second PGlite and its own WebAssembly module, whose memory
 * the process keeps afterwards (≈ 800 MB RSS instead of ≈ 150 MB; docs/operations.md, "Memory").
 */
export async function createClusterInChildProcess(dataDir: string): Promise<void> {
  // PGlite's CommonJS build by absolute path: works from the sources (tsx) and from the bundle.
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script =
    'const { PGlite } = require(process.argv[1]);' +
    'PGlite.create(process.argv[2]).then((pg) => pg.close()).catch((error) => {' +
    ' console.error(error); process.exit(1); });';
  const child = spawn(process.execPath, ['-e', script, pglite, dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`could not create the PGlite cluster in ${dataDir}: ${stderr.slice(-2000)}`);
  }
}
