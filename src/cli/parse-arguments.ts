// Splits a subcommand's arguments into options and positionals (docs/maths.md §16.5 rules).
import { parseArgs } from 'node:util';
import { type CliCommand, type CliOptionValue, UsageError } from './command.ts';

export interface ParsedArguments {
  isHelp: boolean;
  positionals: string[];
  options: Record<string, CliOptionValue>;
}

/**
 * `--opt value` and `--opt=value` are equivalent, options may come before or after FILE, a
 * lone `-` is a positional (stdin) and `--` ends the options. `parseArgs` runs non-strict
 * (so `--at -5` takes `-5` as its value) and its tokens are checked here against the command's
 * options, turning every problem into a UsageError.
 */
export function parseCommandArguments(command: CliCommand, args: string[]): ParsedArguments {
  const specs = command.options;
  const { tokens } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(
        Object.entries(specs).map(([name, spec]) => [
          name,
          { type: spec.type, multiple: spec.multiple === true },
        ]),
      ),
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const options: Record<string, CliOptionValue> = {};
  const positionals: string[] = [];
  let isHelp = false;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    if (token.name === 'help') {
      if (token.value !== undefined)
        throw new UsageError(`option '${token.rawName}' takes no value`);
      isHelp = true;
      continue;
    }
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (spec === undefined || !token.rawName.startsWith('--')) {
      throw new UsageError(`unknown option '${token.rawName}' for '${command.name}'`);
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined)
        throw new UsageError(`option '--${token.name}' takes no value`);
      options[token.name] = true;
      continue;
    }
    if (token.value === undefined) {
      throw new UsageError(`option '--${token.name}' needs a value`);
    }
    if (spec.multiple === true) {
      const previous = options[token.name];
      options[token.name] = Array.isArray(previous) ? [...previous, token.value] : [token.value];
    } else {
      options[token.name] = token.value;
    }
  }
  return { isHelp, positionals, options };
}
