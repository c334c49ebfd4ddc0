// Applies a maths command to its input: one object → one result, an array → an array of results.
import type { ParseResult } from '../core/bundle/json-checks.ts';
import { InputError } from './command.ts';

/**
 * Validates every element first (in order, reporting the first failure as an InputError, so
 * nothing reaches stdout), then computes each one. `basePath` is `''` for a single object and
 * `[i]` for element i of an array input, as the §16.5 paths require.
 */
export function mapJsonInput<T>(
  input: unknown,
  validate: (element: unknown, basePath: string) => ParseResult<T>,
  compute: (parsed: T) => unknown,
): unknown {
  const { isArray, parsed } = validateJsonInput(input, validate);
  const results = parsed.map(compute);
  return isArray ? results : results[0];
}

/** mapJsonInput with an asynchronous `compute`, run on one element at a time, in order. */
export async function mapJsonInputAsync<T>(
  input: unknown,
  validate: (element: unknown, basePath: string) => ParseResult<T>,
  compute: (parsed: T) => Promise<unknown>,
): Promise<unknown> {
  const { isArray, parsed } = validateJsonInput(input, validate);
  const results: unknown[] = [];
  for (const element of parsed) results.push(await compute(element));
  return isArray ? results : results[0];
}

function validateJsonInput<T>(
  input: unknown,
  validate: (element: unknown, basePath: string) => ParseResult<T>,
): { isArray: boolean; parsed: T[] } {
  const isArray = Array.isArray(input);
  const elements: unknown[] = isArray ? input : [input];
  const parsed: T[] = [];
  for (let index = 0; index < elements.length; index++) {
    const result = validate(elements[index], isArray ? `[${index}]` : '');
    if (!result.ok) {
      throw new InputError(`${result.error.path}: ${result.error.reason}`);
    }
    parsed.push(result.value);
  }
  return { isArray, parsed };
}
