// Converts the process environment's strings to the typed values of ENV_SCHEMA, one variable at a
// time, so that every problem becomes one ConfigError naming the variable (`PORT: must be a
// whole number, got "abc"`). An empty string counts as unset.
import { Kind, type TSchema } from '@sinclair/typebox';
import { ENV_VARIABLES, type Env, type EnvVariableSchema } from './env-schema.ts';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export type RawEnv = Record<string, string | undefined>;

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

function readInteger(name: string, raw: string, schema: EnvVariableSchema): number {
  if (!/^\d+$/.test(raw.trim()))
    throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  const { minimum = 0, maximum = Number.MAX_SAFE_INTEGER } = schema;
  if (value < minimum || value > maximum) {
    throw new ConfigError(name, `must be between ${minimum} and ${maximum}, got ${value}`);
  }
  return value;
}

function readPositiveNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0)) {
    throw new ConfigError(name, `must be a positive number, got "${raw}"`);
  }
  return value;
}

function readBoolean(name: string, raw: string): boolean {
  if (TRUE_WORDS.includes(raw.toLowerCase())) return true;
  if (FALSE_WORDS.includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readUrl(name: string, raw: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function readString(name: string, raw: string, schema: EnvVariableSchema): string {
  if (schema['x-protocols']) return readUrl(name, raw, schema['x-protocols']);
  const { pattern, minLength } = schema;
  if (pattern !== undefined && !new RegExp(pattern).test(raw.trim())) {
    throw new ConfigError(name, schema['x-invalid'] ?? `must match ${pattern}`);
  }
  if (minLength !== undefined && raw.length < minLength) {
    throw new ConfigError(name, `must be at least ${minLength} characters long`);
  }
  // A secret is taken as written; names and paths lose stray spaces.
  return schema['x-secret'] ? raw : raw.trim();
}

function readChoice(name: string, raw: string, schema: TSchema): string {
  const choices = (schema.anyOf as { const: string }[]).map((literal) => literal.const);
  const value = raw.trim();
  if (!choices.includes(value)) throw new ConfigError(name, `must be one of ${choices.join(', ')}`);
  return value;
}

function readVariable(name: string, raw: string, schema: EnvVariableSchema): unknown {
  switch (schema[Kind]) {
    case 'Integer':
      return readInteger(name, raw, schema);
    case 'Number':
      return readPositiveNumber(name, raw);
    case 'Boolean':
      return readBoolean(name, raw);
    case 'Union':
      return readChoice(name, raw, schema);
    case 'String':
      return readString(name, raw, schema);
    default:
      throw new Error(`env-schema.ts: ${name} has a kind read-env.ts cannot read`);
  }
}

/** Every variable of ENV_SCHEMA, converted, with defaults filled in. */
export function readEnv(raw: RawEnv): Env {
  const env: Record<string, unknown> = {};
  for (const [name, schema] of ENV_VARIABLES) {
    const value = raw[name];
    env[name] =
      value === undefined || value === '' ? schema.default : readVariable(name, value, schema);
  }
  return env as Env;
}
