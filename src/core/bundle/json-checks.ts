// Paths and primitive checks for validating parsed JSON input (docs/maths.md §14.1, §16.5).

/** A validation outcome: the parsed value, or the first failure with its §16.5 path. */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { path: string; reason: string } };

/** Thrown inside a validator to stop at the first failure; turned into a ParseResult. */
export class ValidationFailure {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {}
}

export function fail(path: string, reason: string): never {
  throw new ValidationFailure(path, reason);
}

/** Runs a throwing validator and converts its first failure into a ParseResult. */
export function collectFailure<T>(validate: () => T): ParseResult<T> {
  try {
    return { ok: true, value: validate() };
  } catch (error) {
    if (error instanceof ValidationFailure) {
      return { ok: false, error: { path: error.path, reason: error.reason } };
    }
    throw error;
  }
}

/** `question` under the root, `[2].question` under an array element. */
export function keyPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** The path of a value itself: `$` for the root. */
export function selfPath(base: string): string {
  return base === '' ? '$' : base;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, path: string): JsonObject {
  if (value === undefined) fail(path, 'required');
  if (!isJsonObject(value)) fail(path, 'must be an object');
  return value;
}

/** Integer-valued JSON number within ±(2^53 − 1) (§14.1). */
export function requireInteger(value: unknown, path: string): number {
  if (value === undefined) fail(path, 'required');
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(path, 'must be an integer');
  }
  return value;
}

/** Present, and either null or an integer (`end_time`, `actual_close_time`). */
export function requireNullableInteger(value: unknown, path: string): number | null {
  if (value === undefined) fail(path, 'required');
  if (value === null) return null;
  return requireInteger(value, path);
}

/** A finite number (JSON may still overflow to ±∞ as in `1e999`). */
export function requireFiniteNumber(value: unknown, path: string): number {
  if (value === undefined) fail(path, 'required');
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a finite number');
  return value;
}

export function requireBoolean(value: unknown, path: string): boolean {
  if (value === undefined) fail(path, 'required');
  if (typeof value !== 'boolean') fail(path, 'must be a boolean');
  return value;
}

export function requireString(value: unknown, path: string): string {
  if (value === undefined) fail(path, 'required');
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

export function requireArray(value: unknown, path: string): unknown[] {
  if (value === undefined) fail(path, 'required');
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}
