// `brier users create --email E --username U [--role R] [--password P]`: makes an account (the
// only way to get an admin); prints the generated password when none is given.
import { ROLES, type Role } from '../../domain/actor.ts';
import {
  type CliCommand,
  type CliInvocation,
  EXIT_SUCCESS,
  InputError,
  UsageError,
} from '../command.ts';

function requiredText(options: CliInvocation['options'], name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export const usersCommand: CliCommand = {
  name: 'users',
  options: {
    email: { type: 'string', valueName: 'E' },
    username: { type: 'string', valueName: 'U' },
    role: { type: 'string', valueName: 'R' },
    password: { type: 'string', valueName: 'P' },
  },
  positionals: { min: 1, max: 1, name: 'a subcommand (create)' },
  async run({ positionals, options, io }) {
    if (positionals[0] !== 'create') {
      throw new UsageError(`unknown subcommand 'users ${positionals[0]}'`);
    }
    const email = requiredText(options, 'email');
    const username = requiredText(options, 'username');
    const roleText = options.role ?? 'reader';
    if (typeof roleText !== 'string' || !(ROLES as readonly string[]).includes(roleText)) {
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    }
    const given = options.password;
    if (given !== undefined && typeof given !== 'string') {
      throw new UsageError('--password needs a value');
    }
    // Heavy modules (database, argon2) load only when the command actually runs.
    const { openDeps, readConfig } = await import('../../bootstrap.ts');
    const { migrateDatabase } = await import('../../services/maintenance/migrate-database.ts');
    const { DomainError } = await import('../../domain/errors.ts');
    const { generatePassword } = await import('../../services/auth/secrets.ts');
    const { createUser } = await import('../../services/users/create-user.ts');
    const password = given ?? generatePassword();
    const deps = await openDeps(readConfig(process.env));
    try {
      await migrateDatabase(deps);
      const user = await createUser(deps, { email, username, password, role: roleText as Role });
      io.writeStdout(`created ${user.role} "${user.username}" <${user.email}> (id ${user.id})\n`);
      if (given === undefined) io.writeStdout(`password: ${password}\n`);
      return EXIT_SUCCESS;
    } catch (error) {
      if (error instanceof DomainError) {
        const field = error.details?.fields?.[0];
        throw new InputError(field ? `${field.path.slice(1)} ${field.message}` : error.message);
      }
      throw error;
    } finally {
      await deps.database.close();
    }
  },
};
