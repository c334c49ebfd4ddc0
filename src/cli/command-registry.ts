// Every `brier` subcommand with its help text. The help lives here, not in the command modules,
// so that `brier --help` and `brier <command> --help` print without loading a command (and its
// database or Fastify imports). To add a command, see command.ts.
import {
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
} from '../domain/account-rules.ts';
import type { CliCommand } from './command.ts';

/** A registered subcommand: what `--help` says about it and a lazy loader of its module. */
export interface CommandRegistration {
  name: string;
  /** One usage line without the leading `brier `. */
  synopsis: string;
  /** One sentence: what the command does. */
  summary: string;
  /** `[term, explanation]` rows for the arguments and options, in the order of the synopsis. */
  parameters: readonly (readonly [string, string])[];
  load(): Promise<CliCommand>;
}

const FILE_PARAMETER = [
  'FILE',
  'a JSON file, or - for standard input; one object, or an array of them (array in, array out)',
] as const;

export const COMMANDS: readonly CommandRegistration[] = [
  {
    name: 'aggregate',
    synopsis: 'aggregate FILE|- [--method M] [--extremize D] [--at T]...',
    summary:
      'Prints the community prediction history of question bundles (docs/maths.md §16.2), ' +
      'e.g. a bundle downloaded from GET /api/v1/questions/{id}/bundle.',
    parameters: [
      FILE_PARAMETER,
      ['--method M', 'recency_weighted (default), unweighted or log_odds_mean'],
      ['--extremize D', 'the log_odds_mean extremizing factor, a number > 0 (default 1)'],
      ['--at T', 'also print the prediction at unix time T in seconds (repeatable)'],
    ],
    load: async () => (await import('./commands/aggregate.ts')).aggregateCommand,
  },
  {
    name: 'score',
    synopsis: 'score FILE|-',
    summary:
      'Prints every score of resolved question bundles: baseline, peer, spot and relative ' +
      'scores per forecaster and for the community prediction (docs/maths.md §16.3).',
    parameters: [FILE_PARAMETER],
    load: async () => (await import('./commands/score.ts')).scoreCommand,
  },
  {
    name: 'leaderboard',
    synopsis: 'leaderboard FILE|-',
    summary:
      'Prints a ranked leaderboard, with prizes and medals, from per-question scores ' +
      '(docs/maths.md §16.4).',
    parameters: [FILE_PARAMETER],
    load: async () => (await import('./commands/leaderboard.ts')).leaderboardCommand,
  },
  {
    name: 'serve',
    synopsis: 'serve',
    summary:
      'Applies pending migrations, loads the demo content into an empty database ' +
      '(LOAD_DEMO_CONTENT) and serves HTTP on HOST:PORT until SIGTERM or Ctrl-C. ' +
      'Configured by environment variables (.env.example).',
    parameters: [],
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  {
    name: 'migrate',
    synopsis: 'migrate',
    summary:
      'Applies pending database migrations (DATABASE_URL, or the embedded DATA_DIR) and exits.',
    parameters: [],
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  {
    name: 'users',
    synopsis: 'users create --email E --username U [--role R] [--password P]',
    summary: 'Creates an account, for example the first admin of a new site.',
    parameters: [
      ['create', 'the only subcommand'],
      ['--email E', 'the account e-mail address'],
      ['--username U', `${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits, - or _`],
      ['--role R', 'reader (default), analyst, moderator or admin'],
      [
        '--password P',
        `at least ${PASSWORD_MIN_LENGTH} characters; without it one is generated and printed`,
      ],
    ],
    load: async () => (await import('./commands/users.ts')).usersCommand,
  },
  {
    name: 'seed',
    synopsis: 'seed --demo [--admin-email E] [--admin-username U] [--admin-password P]',
    summary:
      'Loads the demo content into a database that has no accounts yet and prints the admin ' +
      'login it created (exit 1 if the database has accounts).',
    parameters: [
      ['--demo', 'required: the demo content is the only seed data'],
      ['--admin-email E', 'the demo admin e-mail (default admin@example.org)'],
      ['--admin-username U', 'the demo admin username (default admin)'],
      ['--admin-password P', 'the demo admin password (default: generated and printed)'],
    ],
    load: async () => (await import('./commands/seed.ts')).seedCommand,
  },
  {
    name: 'backup',
    synopsis: 'backup [--from URL] FILE',
    summary:
      'Writes a consistent snapshot of the whole database to FILE (gzip-compressed JSON Lines), ' +
      'from DATABASE_URL or the embedded DATA_DIR; with --from, downloads it from a running ' +
      'server instead (needed for the embedded database while the server runs).',
    parameters: [
      ['--from URL', 'a running Brier server; send an admin API token in BRIER_TOKEN'],
      ['FILE', 'the new backup file (never overwritten)'],
    ],
    load: async () => (await import('./commands/dump-commands.ts')).backupCommand,
  },
  {
    name: 'restore',
    synopsis: 'restore FILE',
    summary:
      'Loads a backup into an empty database (a new DATA_DIR or PostgreSQL database), all or ' +
      'nothing; refuses a database that has rows or a backup made by another version.',
    parameters: [['FILE', 'a file written by brier backup or brier export']],
    load: async () => (await import('./commands/dump-commands.ts')).restoreCommand,
  },
  {
    name: 'export',
    synopsis: 'export [--question ID] [FILE]',
    summary:
      'Writes every row of the database as JSON Lines (gzip when FILE ends in .gz), or with ' +
      '--question the question bundle that brier aggregate and brier score read.',
    parameters: [
      ['--question ID', 'export one question bundle (JSON) instead of the whole database'],
      ['FILE', 'where to write (default: standard output); never overwritten'],
    ],
    load: async () => (await import('./commands/dump-commands.ts')).exportCommand,
  },
  {
    name: 'import',
    synopsis: 'import FILE',
    summary: 'Loads a whole-database export into an empty database (the same as restore).',
    parameters: [['FILE', 'JSON Lines from brier export or brier backup, plain or gzip']],
    load: async () => (await import('./commands/dump-commands.ts')).importCommand,
  },
  {
    name: 'rescore',
    synopsis: 'rescore --question ID | --all [--fix]',
    summary:
      'Recomputes the scores of resolved questions from their stored forecasts (DATABASE_URL, ' +
      'or the embedded DATA_DIR) with a progress bar on stderr, prints every difference from ' +
      'the stored scores and exits 1 if there is any (docs/maths.md §16.6).',
    parameters: [
      ['--question ID', 'rescore one question'],
      ['--all', 'rescore every resolved or annulled question'],
      ['--fix', 'replace the differing questions\u2019 scores and refresh the leaderboards'],
    ],
    load: async () => (await import('./commands/rescore.ts')).rescoreCommand,
  },
];

export function findCommand(name: string): CommandRegistration | undefined {
  return COMMANDS.find((command) => command.name === name);
}

const LINE_WIDTH = 100;

/** Words of `text` in lines of at most `width` characters (a longer word gets its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** Two columns: terms padded to the longest, explanations wrapped beside them. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([term]) => term.length));
  const indent = ' '.repeat(width + 4);
  return rows.flatMap(([term, explanation]) =>
    wrap(explanation, LINE_WIDTH - indent.length).map((line, index) =>
      `${index === 0 ? `  ${term.padEnd(width)}  ` : indent}${line}`.trimEnd(),
    ),
  );
}

/** `brier --help`: every command's synopsis. */
export function usageText(): string {
  const lines = [
    'Usage: brier <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  brier ${command.synopsis}`),
    '',
    'Options may come before or after FILE; --opt value and --opt=value are equivalent.',
    'Run `brier <command> --help` for what a command does and its options.',
  ];
  return `${lines.join('\n')}\n`;
}

/** `brier <command> --help`: its usage line, what it does, its arguments and options. */
export function commandHelpText(command: CommandRegistration): string {
  const lines = [
    `Usage: brier ${command.synopsis}`,
    '',
    ...wrap(command.summary, LINE_WIDTH),
    '',
    ...table([...command.parameters, ['-h, --help', 'show this help']]),
  ];
  return `${lines.join('\n')}\n`;
}

/** The line after a command-line error: where the help is. */
export function helpPointer(command: CommandRegistration | undefined): string {
  return command === undefined
    ? 'Run `brier --help` for the list of commands.'
    : `Run \`brier ${command.name} --help\` for its usage.`;
}
