// Whole-database dumps, for `brier backup` / `restore` / `export` / `import` and the admin backup
// download. A dump is JSON Lines: a header (format, the migrations the schema is at, the tables
// with their row counts), then one line per row, `{"table":…,"row":{…}}`, tables in foreign-key
// order. Rows are PostgreSQL's own JSON text, never re-serialised by JavaScript, so a restore
// reproduces every value exactly (microsecond timestamps, doubles, jsonb). Written inside one
// repeatable-read transaction: a consistent snapshot while the server keeps serving.
import { listMigrationNames, migrateToLatest } from '../../db/migrate.ts';
import {
  countRows,
  deferForeignKeyChecks,
  insertRowsFromJson,
  isSuperuser,
  listTablesInDependencyOrder,
  readRowsAsJson,
  resetSequences,
} from '../../db/repositories/dump-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';

export const DUMP_FORMAT = 'brier-dump';
export const DUMP_VERSION = 1;
const BATCH_ROWS = 500;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  created_at: string;
  migrations: string[];
  tables: Array<{ name: string; rows: number }>;
}

/** Called as rows go by: `done` of `total` rows. */
export type DumpProgress = (done: number, total: number) => void;

/** Backups hold every secret digest: admins only, and tokens need the write scope. */
export function authorizeBackup(actor: Actor | null): void {
  requireUser(actor, { role: 'admin', scope: 'write' });
}

/** Writes the dump line by line (each line ends with a newline); returns the header. */
export async function writeDatabaseDump(
  deps: Pick<Deps, 'database' | 'clock'>,
  writeLine: (line: string) => void | Promise<void>,
  onProgress: DumpProgress = () => undefined,
): Promise<DumpHeader> {
  return deps.database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const names = await listTablesInDependencyOrder(trx);
      const tables = [];
      for (const name of names) tables.push({ name, rows: await countRows(trx, name) });
      const header: DumpHeader = {
        format: DUMP_FORMAT,
        version: DUMP_VERSION,
        created_at: deps.clock.now().toISOString(),
        migrations: await listMigrationNames(),
        tables,
      };
      await writeLine(`${JSON.stringify(header)}\n`);
      const total = tables.reduce((sum, table) => sum + table.rows, 0);
      let done = 0;
      onProgress(done, total);
      for (const { name } of tables) {
        const prefix = `{"table":${JSON.stringify(name)},"row":`;
        for await (const rows of readRowsAsJson(trx, name, BATCH_ROWS)) {
          await writeLine(rows.map((row) => `${prefix}${row}}\n`).join(''));
          done += rows.length;
          onProgress(done, total);
        }
      }
      return header;
    });
}

function badDump(message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `Not a usable Brier dump: ${message}`);
}

export function parseDumpHeader(line: string): DumpHeader {
  let header: DumpHeader;
  try {
    header = JSON.parse(line) as DumpHeader;
  } catch {
    throw badDump('the first line is not JSON');
  }
  if (header?.format !== DUMP_FORMAT || header.version !== DUMP_VERSION) {
    throw badDump(`expected format ${DUMP_FORMAT} version ${DUMP_VERSION}`);
  }
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables)) {
    throw badDump('the header lacks its migrations or tables');
  }
  return header;
}

/** `{"table":"name","row":{…}}` → [name, row text], without parsing (and rounding) the row. */
function splitRowLine(line: string, lineNumber: number): [string, string] {
  const match = /^\{"table":"([a-z0-9_]+)","row":(\{.*\})\}$/.exec(line);
  if (!match) throw badDump(`line ${lineNumber} is not a row`);
  return [match[1] as string, match[2] as string];
}

/**
 * Loads a dump into this database: migrates it, checks that it is empty and at the dump's
 * migrations, then inserts every row in one transaction (all or nothing) and moves the id
 * sequences past the loaded ids. Returns the number of rows loaded.
 */
export async function loadDatabaseDump(
  deps: Pick<Deps, 'database'>,
  lines: AsyncIterable<string>,
  onProgress: DumpProgress = () => undefined,
): Promise<number> {
  const db = deps.database.db;
  await migrateToLatest(db);
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw badDump('the file is empty');
  const header = parseDumpHeader(first.value);
  const migrations = await listMigrationNames();
  if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
    throw badDump(
      'it was made by another version of Brier (its migrations differ from this one’s); ' +
        'load it with the version that made it',
    );
  }
  const tables = await listTablesInDependencyOrder(db);
  for (const table of tables) {
    if ((await countRows(db, table)) > 0) {
      throw new DomainError(
        'CONFLICT',
        `The database is not empty (table ${table} has rows); load a dump only into a new one.`,
      );
    }
  }
  const known = new Set(tables);
  const total = header.tables.reduce((sum, table) => sum + table.rows, 0);
  const canDefer = await isSuperuser(db);
  return db.transaction().execute(async (trx) => {
    if (canDefer) await deferForeignKeyChecks(trx);
    let done = 0;
    let lineNumber = 1;
    let table: string | null = null;
    let batch: string[] = [];
    const flush = async () => {
      if (table !== null) await insertRowsFromJson(trx, table, batch);
      done += batch.length;
      batch = [];
      onProgress(done, total);
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      lineNumber += 1;
      if (next.value === '') continue;
      const [name, row] = splitRowLine(next.value, lineNumber);
      if (!known.has(name)) throw badDump(`line ${lineNumber} names an unknown table ${name}`);
      if (name !== table || batch.length >= BATCH_ROWS) {
        await flush();
        table = name;
      }
      batch.push(row);
    }
    await flush();
    if (done !== total) throw badDump(`it holds ${done} rows, its header promises ${total}`);
    await resetSequences(trx);
    return done;
  });
}
