// `brier migrate`: apply pending migrations and exit (also done automatically by `serve`).
import { openDeps, readConfig } from '../../bootstrap.ts';
import { migrateDatabase } from '../../services/maintenance/migrate-database.ts';
import { type CliCommand, EXIT_SUCCESS } from '../command.ts';

export async function migrate(env: Record<string, string | undefined>): Promise<void> {
  const deps = await openDeps(readConfig(env));
  try {
    const applied = await migrateDatabase(deps);
    process.stdout.write(
      applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n',
    );
  } finally {
    await deps.database.close();
  }
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  options: {},
  positionals: { min: 0, max: 0, name: '' },
  async run() {
    await migrate(process.env);
    return EXIT_SUCCESS;
  },
};
