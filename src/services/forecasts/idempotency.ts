// Idempotency-Key handling shared by the forecast use cases: key format and request identity.
import { invalidField } from '../../domain/errors.ts';
import { sha256 } from '../auth/secrets.ts';
import type { IdempotencyRequest } from './cp-transaction.ts';

/** Printable ASCII without spaces at the ends, 1–200 characters (e.g. a UUID). */
const KEY_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/** JSON with object keys sorted at every level, so equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * The idempotency request for `operation` on a question, or undefined without a key. The
 * hash covers the operation, the question and the canonical input.
 */
export function idempotencyRequest(
  key: string | undefined,
  userId: number,
  operation: string,
  questionId: number,
  input: unknown,
): IdempotencyRequest | undefined {
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw invalidField(
      'headers/idempotency-key',
      'must be 1 to 200 printable ASCII characters (e.g. a UUID)',
    );
  }
  const requestHash = sha256(canonicalJson({ operation, question_id: questionId, input }));
  return { userId, key, requestHash };
}
