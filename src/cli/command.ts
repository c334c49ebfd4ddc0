// The shape of a `brier` subcommand and the errors it may raise; command-registry.ts lists each one.
//
// To add a command:
//   1. create src/cli/commands/<name>.ts exporting `export const <name>Command: CliCommand = {…}`;
//   2. add its entry (synopsis, summary, parameters) to COMMANDS in src/cli/command-registry.ts:
//        { name, synopsis, summary, parameters, load: async () => (await import(…)).xCommand },
//      (the help lives in the registry so that printing it never loads a command module);
//   3. keep heavy imports (Fastify, the database) inside `run` behind `await import(…)`, so that
//      `brier aggregate` never loads them.
// Maths commands read their FILE with `readJsonInput` (read-input.ts), map array/object input
// with `mapJsonInput` (json-input.ts) and print with `writeJsonDocument` (json-output.ts).
// Raise `UsageError` for bad option values (exit 2, reason + a pointer to --help on stderr) and `InputError`
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

/** Bad command line: `brier: <message>`, then a line pointing at `brier <command> --help`; exit 2. */
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
