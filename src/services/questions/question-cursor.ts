// Opaque list cursors: base64url of the last item's id (keyset pagination, stable under inserts).
import { invalidField } from '../../domain/errors.ts';

export function encodeCursor(id: number): string {
  return Buffer.from(String(id), 'utf8').toString('base64url');
}

/** The id inside a cursor; a cursor we did not issue is a 400 on `querystring/cursor`. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = /^[A-Za-z0-9_-]{1,24}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  if (!/^[1-9]\d{0,15}$/.test(text)) {
    throw invalidField('querystring/cursor', 'is not a cursor this API issued');
  }
  return Number(text);
}

/** Fetch one more than `limit` to know whether a next page exists; returns the page and cursor. */
export function pageOf<T extends { id: number }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { items, nextCursor: hasMore ? encodeCursor(items[items.length - 1].id) : null };
}
