// Opaque cursors for lists ordered by id: `?limit=&cursor=` → `{items, next_cursor}`.
import { DomainError } from '../../domain/errors.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function encodeIdCursor(id: number): string {
  return Buffer.from(`id:${id}`, 'utf8').toString('base64url');
}

/** The id after which the page starts; null for the first page. Bad cursors are a 400. */
export function decodeIdCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  const match = /^id:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'querystring/cursor: is not a valid cursor', {
      fields: [{ path: 'querystring/cursor', message: 'is not a valid cursor' }],
    });
  }
  return Number(match[1]);
}

/** Fetches one extra row to know whether another page exists. */
export async function pageById<T extends { id: number }>(
  options: { limit?: number; cursor?: string },
  fetch: (afterId: number | null, limit: number) => Promise<T[]>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const rows = await fetch(decodeIdCursor(options.cursor), limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeIdCursor(last.id) : null };
}
