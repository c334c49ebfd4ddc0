// SQL for whole-database dumps (backup, restore, export, import): the tables in foreign-key order,
// their rows as PostgreSQL's own JSON text (exact: microsecond timestamps, shortest round-trip
// doubles, jsonb as stored), and bulk inserts that turn that text back into the same rows.
import { sql } from 'kysely';
import type { Executor } from './user-repository.ts';

/** Kysely's bookkeeping: the target database's own migrations decide these. */
const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** The application's tables, each after the tables it references. */
export async function listTablesInDependencyOrder(db: Executor): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') order by c.relname
  `.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    select distinct child.relname as child, parent.relname as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where k.contype = 'f' and n.nspname = current_schema() and child.oid <> parent.oid
  `.execute(db);
  const names = tables.rows.map((row) => row.name).filter((name) => !SKIPPED_TABLES.has(name));
  const parents = new Map(names.map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references.rows) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter(
      (name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0) throw new Error('foreign keys form a cycle between tables');
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered;
}

export async function countRows(db: Executor, table: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
    db,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** The columns of the primary key (or every column), to read rows in a stable order. */
async function orderColumns(db: Executor, table: string): Promise<string[]> {
  const key = await sql<{ name: string }>`
    select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${table}::regclass and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)
  `.execute(db);
  return key.rows.map((row) => row.name);
}

/**
 * Every row of the table as JSON text, in primary-key order, `batchSize` at a time. Reads through
 * a cursor, so it must run inside a transaction (the dump's snapshot).
 */
export async function* readRowsAsJson(
  db: Executor,
  table: string,
  batchSize: number,
): AsyncGenerator<string[]> {
  const columns = await orderColumns(db, table);
  const orderBy = columns.length > 0 ? sql.join(columns.map((c) => sql.ref(`t.${c}`))) : sql`1`;
  await sql`
    declare brier_dump no scroll cursor for
    select row_to_json(t)::text as row from ${sql.table(table)} t order by ${orderBy}
  `.execute(db);
  try {
    for (;;) {
      const page = await sql<{
        row: string;
      }>`fetch forward ${sql.lit(batchSize)} from brier_dump`.execute(db);
      if (page.rows.length > 0) yield page.rows.map((r) => r.row);
      if (page.rows.length < batchSize) return;
    }
  } finally {
    await sql`close brier_dump`.execute(db);
  }
}

/** Whether the connected role may switch off foreign-key triggers for a bulk load. */
export async function isSuperuser(db: Executor): Promise<boolean> {
  const result = await sql<{ is_super: boolean }>`
    select rolsuper as is_super from pg_roles where rolname = current_user
  `.execute(db);
  return result.rows[0]?.is_super === true;
}

/** Inside a transaction: skip foreign-key checks until it ends (the dump was consistent). */
export async function deferForeignKeyChecks(db: Executor): Promise<void> {
  await sql`set local session_replication_role = replica`.execute(db);
}

/** Inserts rows given as JSON objects (text from readRowsAsJson) into the table. */
export async function insertRowsFromJson(
  db: Executor,
  table: string,
  rows: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into ${sql.table(table)}
    select * from json_populate_recordset(null::${sql.table(table)}, ${`[${rows.join(',')}]`}::json)
  `.execute(db);
}

/** Moves every serial column's sequence past the largest value now in its table. */
export async function resetSequences(db: Executor): Promise<void> {
  const serials = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'
  `.execute(db);
  for (const { table_name: table, column_name: column } of serials.rows) {
    await sql`
      select setval(pg_get_serial_sequence(${table}, ${column}),
        coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)
    `.execute(db);
  }
}
