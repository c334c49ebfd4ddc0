// Forward-only SQL migrations (db/migrations/NNNN_verb-object.sql), applied under Kysely's
// migration lock so two instances starting together never both apply one.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_FILE = /^\d{4}_[a-z0-9-]+\.sql$/;

class SqlFileMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR))
      .filter((name) => MIGRATION_FILE.test(name))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(join(MIGRATIONS_DIR, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

export async function listMigrationNames(): Promise<string[]> {
  return Object.keys(await new SqlFileMigrationProvider().getMigrations());
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
function migratorFor(db: Kysely<any>): Migrator {
  // Features reserve migration numbers (0010–0014 discussion, 0040– notifications, …), so a
  // release can bring a lower number than one already applied: apply it rather than refuse.
  return new Migrator({
    db,
    provider: new SqlFileMigrationProvider(),
    allowUnorderedMigrations: true,
  });
}

/** Applies pending migrations; returns the names applied by this call. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations that exist as files but are not yet applied. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrations = await migratorFor(db).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
