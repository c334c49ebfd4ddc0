// The shape of a `brier` subcommand and the errors it may raise; run-cli.ts registers each one.
//
// To add a command (part B: `score`, `leaderboard`; lead: `serve`, `migrate`, `users`, `seed`):
//   1. create src/cli/commands/<name>.ts exporting `export const <name>Command: CliCommand = {…}`;
//   2. add one line to COMMANDS in src/cli/run-cli.ts:
//        { name: 'score', synopsis: 'score FILE|-', load: async () => (await import('./commands/score.ts')).scoreCommand },
//      (the synopsis lives in the registry so that usage text never loads a command module);
//   3. keep heavy imports (Fastify, the database) inside `run` behind `await import(…)`, so that
//      `brier aggregate` never loads them.
// Maths commands read their FILE with `readJsonInput` (read-input.ts), map array/object input
// with `mapJsonInput` (json-input.ts) and print with `writeJsonDocument` (json-output.ts).
// Raise `UsageError` for bad option values (exit 2, reason + usage on stderr) and `InputError`
// for invalid input (exit 2, one line `brier: <message>`); anything else is a bug (exit 1).

export const EXIT_SUCCESS = 0;
export const EXIT_BUG = 1;
/** The command ran but declined, e.g. `seed --demo` on a database that already has accounts. */
export const EXIT_REFUSED = 1;
export const EXIT_INVALID = 2;

/** Where a command reads and writes; tests pass fakes, `runCli` defaults to the process. */
export interface CliIo {
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  readStdin(): Promise<string>;
}

export interface CliOptionSpec {
  type: 'string' | 'boolean';
  /** Repeatable (`--at 1 --at 2`): the parsed value is a string array in command-line order. */
  multiple?: boolean;
  /** Shown in the usage text, e.g. `T` for `--at T`. */
  valueName?: string;
}

export type CliOptionValue = string | boolean | string[] | undefined;

export interface CliInvocation {
  /** Positional arguments after the command name, e.g. `['-']` or `['bundle.json']`. */
  positionals: string[];
  /** Parsed options by long name (without `--`); absent options are undefined. */
  options: Record<string, CliOptionValue>;
  io: CliIo;
}

export interface CliCommand {
  name: string;
  /** Long options the command accepts (`--help` is always accepted). */
  options: Record<string, CliOptionSpec>;
  /** How many positionals the command takes (inclusive bounds). */
  positionals: { min: number; max: number; name: string };
  /** Returns the exit code; throws UsageError / InputError as described above. */
  run(invocation: CliInvocation): Promise<number>;
}

/** Bad command line: printed as `brier: <message>` followed by the usage text, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Invalid input: printed as exactly one line `brier: <message>`, exit 2. The message is
 * `<path>: <reason>` (docs/maths.md §16.5) or `<FILE>: <reason>` for unreadable files / bad JSON.
 */
export class InputError extends Error {
  override name = 'InputError';
}
