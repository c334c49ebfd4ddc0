// The `brier` dispatcher: finds the subcommand, parses its arguments, maps failures to exit codes.

import { ConfigError } from '../config/config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import {
  type CliIo,
  EXIT_BUG,
  EXIT_INVALID,
  EXIT_SUCCESS,
  InputError,
  UsageError,
} from './command.ts';
import {
  type CommandRegistration,
  commandHelpText,
  findCommand,
  helpPointer,
  usageText,
} from './command-registry.ts';
import { parseCommandArguments } from './parse-arguments.ts';

export { usageText };

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

/** A bad command line: one line naming the problem, one pointing at the help. */
function usageFailure(io: CliIo, reason: string, command: CommandRegistration | undefined): number {
  io.writeStderr(`brier: ${oneLine(reason)}\n${helpPointer(command)}\n`);
  return EXIT_INVALID;
}

/**
 * Runs `brier <argv…>` and returns the exit code (docs/maths.md §16.5): 0 success; 2 for a bad
 * command line (reason and a pointer to `--help` on stderr), invalid input or an unreadable FILE
 * (one line); 1 for anything else (a bug, one line).
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  const registration = name === undefined ? undefined : findCommand(name);
  try {
    if (name === undefined) return usageFailure(io, 'missing command', undefined);
    if (name === '--help' || name === '-h') {
      io.writeStdout(usageText());
      return EXIT_SUCCESS;
    }
    if (registration === undefined) {
      return usageFailure(
        io,
        name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`,
        undefined,
      );
    }
    const command = await registration.load();
    const parsed = parseCommandArguments(command, rest);
    if (parsed.isHelp) {
      io.writeStdout(commandHelpText(registration));
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
    if (error instanceof UsageError) return usageFailure(io, error.message, registration);
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
