// One database module for both backends: embedded PGlite (default) or a PostgreSQL server.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect.ts';
import {
  createClusterInChildProcess,
  DurableNodeFS,
  durableStartParams,
  syncTree,
} from './pglite-durable-fs.ts';
import { preparedName } from './prepared-sql.ts';
import type { DatabaseSchema } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type NotificationHandler = (payload: string) => void;

export interface ListenOptions {
  /**
   * Called when a lost listening connection is back and subscribed again: notifications sent
   * while it was away were missed, so state kept in step by them must be refreshed.
   */
  onReconnect?: () => void;
}

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DatabaseSchema>;
  /** Subscribes to `NOTIFY channel`; returns an unsubscribe function. */
  listen(
    channel: string,
    handler: NotificationHandler,
    options?: ListenOptions,
  ): Promise<() => Promise<void>>;
  /** Cheap round trip used by /readyz. */
  ping(): Promise<void>;
  /** PGlite only: a tarball of the whole data directory (backups, test templates). */
  dumpDataDir?(): Promise<Blob>;
  /** PGlite on disk only: fdatasync calls made so far (pglite-durable-fs.ts), for /metrics. */
  syncCount?(): number;
  /** Pool gauges for /metrics (zeros on PGlite, which has one connection). */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… or null for PGlite */
  databaseUrl: string | null;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  dataDir: string;
  poolSize?: number;
  /** How long a request waits for a connection before failing with DATABASE_UNAVAILABLE. */
  connectionTimeoutMs?: number;
  onError?: (error: Error) => void;
  /** PGlite only: start from this data directory tarball instead of an empty cluster. */
  initialDataDir?: Blob;
}

// int8 (bigint ids, counts) as JS numbers: our ids stay far below 2^53, and the API speaks numbers.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// numeric as JS numbers (prizes, weights).
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options)
    : openPglite(options.dataDir, options.initialDataDir);
}

/**
 * PostgreSQL memory settings for PGlite, which runs inside the server's process: smaller than
 * PGlite's defaults (shared_buffers 128MB, wal_buffers 4MB, maintenance_work_mem 64MB), so that
 * the embedded database does not dominate the server's memory. Measured in docs/PERFORMANCE.md
 * ("Memory"); the choice in docs/decisions.md.
 */
export const PGLITE_SETTINGS = {
  shared_buffers: '16MB',
  wal_buffers: '1MB',
  work_mem: '4MB',
  maintenance_work_mem: '16MB',
  temp_buffers: '2MB',
};

async function openPglite(dataDir: string, initialDataDir?: Blob): Promise<Database> {
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const isNewCluster = onDisk && !existsSync(join(dataDir, 'PG_VERSION'));
  if (isNewCluster && !initialDataDir) await createClusterInChildProcess(dataDir);
  const fs = onDisk ? new DurableNodeFS(dataDir) : undefined;
  // Compile PGlite's WebAssembly functions when first called rather than all at start: most of
  // PostgreSQL never runs here, and its compiled code was ≈ 35 MB of RSS.
  v8.setFlagsFromString('--wasm-lazy-compilation');
  const client = await PGlite.create({
    dataDir,
    // On disk: fsync on, with real syncs (pglite-durable-fs.ts), so that an acknowledged write
    // survives a power cut. In memory there is nothing to sync.
    // (`initialMemory` stays at its default: pglite.wasm declares 128 MiB as its minimum, and
    // pages it never touches cost no RSS.)
    ...(fs ? { fs, startParams: durableStartParams(PGLITE_SETTINGS) } : {}),
    loadDataDir: initialDataDir,
    parsers: {
      20: (value: string) => Number.parseInt(value, 10),
      1700: (value: string) => Number.parseFloat(value),
    },
  });
  // initdb (or the loaded tarball) wrote the new cluster without syncs.
  if (isNewCluster) syncTree(dataDir);
  const db = new Kysely<DatabaseSchema>({ dialect: new PgliteDialect(client) });
  let isClosed = false;
  return {
    kind: 'pglite',
    db,
    // In-process: PGlite's notifications cannot be lost, so `onReconnect` never fires.
    async listen(channel, handler) {
      const unsubscribe = await client.listen(channel, handler);
      return async () => {
        if (!isClosed) await unsubscribe();
      };
    },
    async ping() {
      await client.query('select 1');
    },
    dumpDataDir: () => client.dumpDataDir('none') as Promise<Blob>,
    ...(fs ? { syncCount: () => fs.syncs } : {}),
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      if (isClosed) return;
      isClosed = true;
      // Kysely's destroy closes PGlite, which flushes and checkpoints the data directory.
      await db.destroy();
    },
  };
}

/** Sends `preparedSql` texts as named statements on this pool client (see `preparedSql`). */
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length <= 2 ? preparedName(text) : undefined;
    if (name !== undefined) return query({ name, text, values });
    return query(...args);
  };
}

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 16,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 2_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', (error) => options.onError?.(error));
  pool.on('connect', usePreparedStatements);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  const listener = new PostgresListener(databaseUrl, options.onError);
  return {
    kind: 'postgres',
    db,
    listen: (channel, handler, listenOptions) => listener.listen(channel, handler, listenOptions),
    async ping() {
      await pool.query('select 1');
    },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
}

/**
 * Holds one dedicated connection for LISTEN per process and reconnects after the server comes
 * back, re-subscribing every channel, so live updates survive a database restart.
 */
class PostgresListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  /** Set once the first connection is up: every later one is a reconnect. */
  private hasConnected = false;
  private isClosed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly onError?: (error: Error) => void,
  ) {}

  async listen(
    channel: string,
    handler: NotificationHandler,
    options?: ListenOptions,
  ): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        const client = await this.connect();
        await client.query(`listen ${quoteIdentifier(channel)}`);
      } catch (error) {
        // Forget the channel, so that the next subscription tries again instead of finding an
        // entry that nothing listens for.
        this.handlers.delete(channel);
        throw error;
      }
    }
    set.add(handler);
    const onReconnect = options?.onReconnect;
    if (onReconnect) this.reconnectHandlers.add(onReconnect);
    return async () => {
      set.delete(handler);
      if (onReconnect) this.reconnectHandlers.delete(onReconnect);
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    if (!this.connecting) {
      this.connecting = this.openClient().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async openClient(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 2_000,
    });
    client.on('notification', (message) => {
      const set = this.handlers.get(message.channel);
      if (!set) return;
      for (const handler of set) handler(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.onError?.(error);
      this.dropClient(client);
    });
    client.on('end', () => this.dropClient(client));
    await client.connect();
    for (const channel of this.handlers.keys()) {
      await client.query(`listen ${quoteIdentifier(channel)}`);
    }
    this.client = client;
    if (this.hasConnected) this.announceReconnect();
    this.hasConnected = true;
    return client;
  }

  private announceReconnect(): void {
    for (const handler of this.reconnectHandlers) {
      try {
        handler();
      } catch (error) {
        this.onError?.(error as Error);
      }
    }
  }

  private dropClient(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.isClosed || this.reconnectTimer || this.handlers.size === 0) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch(() => this.scheduleReconnect());
    }, 1_000);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}

/** Channel names are ours (constants), but quote them anyway: LISTEN takes no parameters. */
function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`invalid channel name ${name}`);
  return `"${name}"`;
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when an error means "the database cannot be reached", not "the query was wrong". */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connection.*(closed|ended)|Client has encountered a connection error|PGlite is closed/i.test(
    error.message,
  );
}

/** SQLSTATE class 22 "data exception": the value itself cannot be stored (NUL byte, overflow…). */
export function isDatabaseDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * An error PostgreSQL reported for a statement (it has a SQLSTATE and the connection is fine):
 * an autocommitted statement that failed this way wrote nothing.
 */
export function isDatabaseReportedError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !isDatabaseUnavailableError(error)
  );
}

/**
 * The database's disk is full (SQLSTATE 53100 disk_full, or a write that failed with ENOSPC): the
 * write failed and nothing of it was kept; it can succeed again once there is space.
 */
export function isDatabaseDiskFullError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === '53100' || code === 'ENOSPC' || /No space left on device/i.test(error.message);
}
