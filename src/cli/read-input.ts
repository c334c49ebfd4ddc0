// Reads a command's FILE argument (a path, or `-` for stdin) and parses it as JSON.
import { readFile } from 'node:fs/promises';
import { type CliIo, InputError } from './command.ts';

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The parsed JSON value of FILE. Throws InputError(`<FILE>: <reason>`) when the file cannot be
 * read or is not valid JSON, so the CLI prints one line and exits 2 (docs/maths.md §16.5).
 */
export async function readJsonInput(file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read (${describe(error)})`;
    throw new InputError(`${file}: ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: invalid JSON (${describe(error)})`);
  }
}
