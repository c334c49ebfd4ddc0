// `brier seed --demo [--admin-email E] [--admin-username U] [--admin-password P]`: migrates, then
// loads the demo content into an empty database and prints the admin login it created. Refuses
// (exit 1, nothing written) when the database already has an account.
import type { DemoAdminLogin } from '../../services/demo/demo-accounts.ts';
import {
  type CliCommand,
  type CliInvocation,
  EXIT_REFUSED,
  EXIT_SUCCESS,
  InputError,
  UsageError,
} from '../command.ts';

/** One line for logs and the console: how to sign in as the demo's admin. */
export function demoLoginLine(admin: DemoAdminLogin): string {
  const password = admin.isPasswordGenerated ? admin.password : '(the one given)';
  // Printed once, by design: the operator has no other way to learn a generated password.
  return `Demo content loaded. Admin login: username ${admin.username}, email ${admin.email}, password ${password}`;
}

function optionalText(options: CliInvocation['options'], name: string): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

export const seedCommand: CliCommand = {
  name: 'seed',
  options: {
    demo: { type: 'boolean' },
    'admin-email': { type: 'string', valueName: 'E' },
    'admin-username': { type: 'string', valueName: 'U' },
    'admin-password': { type: 'string', valueName: 'P' },
  },
  positionals: { min: 0, max: 0, name: '' },
  async run({ options, io }) {
    if (options.demo !== true) {
      throw new UsageError('seed needs --demo (the demo content is the only seed data)');
    }
    const admin = {
      email: optionalText(options, 'admin-email'),
      username: optionalText(options, 'admin-username'),
      password: optionalText(options, 'admin-password'),
    };
    // Heavy modules (database, argon2) load only when the command actually runs.
    const { checkDemoAdmin } = await import('../../services/demo/demo-accounts.ts');
    const check = checkDemoAdmin(admin);
    if (!check.ok) {
      const [first] = check.fields;
      throw new InputError(`--admin-${first.path.slice(1)}: ${first.message}`);
    }
    const { openDeps, readConfig } = await import('../../bootstrap.ts');
    const { migrateDatabase } = await import('../../services/maintenance/migrate-database.ts');
    const { loadDemoContent } = await import('../../services/demo/load-demo-content.ts');
    const deps = await openDeps(readConfig(process.env));
    try {
      await migrateDatabase(deps);
      const loaded = await loadDemoContent(deps, { admin });
      if (loaded === null) {
        io.writeStderr(
          'brier: the database already has accounts; the demo content is loaded only into an empty database\n',
        );
        return EXIT_REFUSED;
      }
      io.writeStdout(
        `loaded the demo content: ${loaded.questionIds.length} questions, ` +
          `${loaded.forecastCount} forecasts (tournament ${loaded.tournamentId})\n` +
          `admin username: ${loaded.admin.username}\n` +
          `admin email: ${loaded.admin.email}\n`,
      );
      io.writeStdout(
        loaded.admin.isPasswordGenerated
          ? `admin password: ${loaded.admin.password}\n`
          : 'admin password: the one given with --admin-password\n',
      );
      return EXIT_SUCCESS;
    } finally {
      await deps.database.close();
    }
  },
};
