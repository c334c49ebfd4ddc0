// Writes a command's result as one JSON document (docs/maths.md §16.5 number and null rules).
import type { CliIo } from './command.ts';

/**
 * JSON.stringify already writes NaN and ±∞ as `null`, −0 as `0` and numbers in shortest
 * round-trip form; the replacer only turns typed arrays (Float64Array CDFs) into JSON arrays.
 */
function replaceTypedArrays(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as Float64Array);
  }
  return value;
}

/** The exact stdout text for a result: one JSON document followed by a newline. */
export function formatJsonDocument(value: unknown): string {
  return `${JSON.stringify(value, replaceTypedArrays)}\n`;
}

export function writeJsonDocument(io: CliIo, value: unknown): void {
  io.writeStdout(formatJsonDocument(value));
}
