// The `brier` dispatcher: finds the subcommand, parses its arguments, maps failures to exit codes.

import { ConfigError } from '../config/config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import {
  type CliCommand,
  type CliIo,
  EXIT_BUG,
  EXIT_INVALID,
  EXIT_SUCCESS,
  InputError,
  UsageError,
} from './command.ts';
import { parseCommandArguments } from './parse-arguments.ts';

/** A registered subcommand: its usage line and a lazy loader (dynamic import keeps start-up fast). */
export interface CommandRegistration {
  name: string;
  /** One usage line without the leading `brier `. */
  synopsis: string;
  load(): Promise<CliCommand>;
}

/** One line per command; see command.ts for how to add one. */
const COMMANDS: readonly CommandRegistration[] = [
  {
    name: 'aggregate',
    synopsis: 'aggregate FILE|- [--method M] [--extremize D] [--at T]...',
    load: async () => (await import('./commands/aggregate.ts')).aggregateCommand,
  },
  {
    name: 'score',
    synopsis: 'score FILE|-',
    load: async () => (await import('./commands/score.ts')).scoreCommand,
  },
  {
    name: 'leaderboard',
    synopsis: 'leaderboard FILE|-',
    load: async () => (await import('./commands/leaderboard.ts')).leaderboardCommand,
  },
  {
    name: 'serve',
    synopsis: 'serve',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  {
    name: 'migrate',
    synopsis: 'migrate',
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  {
    name: 'users',
    synopsis: 'users create --email E --username U [--role R] [--password P]',
    load: async () => (await import('./commands/users.ts')).usersCommand,
  },
  {
    name: 'seed',
    synopsis: 'seed --demo [--admin-email E] [--admin-username U] [--admin-password P]',
    load: async () => (await import('./commands/seed.ts')).seedCommand,
  },
];

export function usageText(): string {
  const lines = [
    'Usage: brier <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  brier ${command.synopsis}`),
    '',
    'FILE is a JSON file, or - for standard input; it may hold one object or an array of them.',
    'Options may come before or after FILE; --opt value and --opt=value are equivalent.',
    'aggregate: M is recency_weighted (default), unweighted or log_odds_mean; D > 0 (default 1);',
    '  T is a unix time in seconds (repeatable).',
    'Run `brier <command> --help` or `brier --help` to see this text.',
  ];
  return `${lines.join('\n')}\n`;
}

function processIo(): CliIo {
  return {
    writeStdout: (text) => {
      process.stdout.write(text);
    },
    writeStderr: (text) => {
      process.stderr.write(text);
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

function isOperatorError(error: unknown): error is ConfigError | DataDirLockedError {
  return error instanceof ConfigError || error instanceof DataDirLockedError;
}

/** One line, whatever the message holds: the CLI never prints a stack trace. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function usageFailure(io: CliIo, reason: string): number {
  io.writeStderr(`brier: ${oneLine(reason)}\n${usageText()}`);
  return EXIT_INVALID;
}

/**
 * Runs `brier <argv…>` and returns the exit code (docs/maths.md §16.5): 0 success; 2 for a bad
 * command line (reason + usage on stderr), invalid input or an unreadable FILE (one line);
 * 1 for anything else (a bug, one line).
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) return usageFailure(io, 'missing command');
    if (name === '--help' || name === '-h') {
      io.writeStdout(usageText());
      return EXIT_SUCCESS;
    }
    const registration = COMMANDS.find((command) => command.name === name);
    if (registration === undefined) {
      return usageFailure(
        io,
        name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`,
      );
    }
    const command = await registration.load();
    const parsed = parseCommandArguments(command, rest);
    if (parsed.isHelp) {
      io.writeStdout(usageText());
      return EXIT_SUCCESS;
    }
    const { min, max, name: positionalName } = command.positionals;
    if (parsed.positionals.length < min) {
      throw new UsageError(`'${command.name}' needs ${positionalName}`);
    }
    if (parsed.positionals.length > max) {
      throw new UsageError(`unexpected argument '${parsed.positionals[max]}'`);
    }
    return await command.run({ positionals: parsed.positionals, options: parsed.options, io });
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message);
    // A bad environment variable or a busy DATA_DIR is the operator's input, not a bug.
    if (error instanceof InputError || isOperatorError(error)) {
      io.writeStderr(`brier: ${oneLine(error.message)}\n`);
      return EXIT_INVALID;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.writeStderr(`brier: internal error: ${oneLine(message)}\n`);
    return EXIT_BUG;
  }
}
