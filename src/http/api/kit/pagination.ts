// Cursor-paginated lists: one query shape (`?limit=&cursor=`), one page shape
// (`{items, next_cursor}`) and one presenter, for every list the API serves.
import { type TSchema, Type } from '@sinclair/typebox';
import { Nullable } from './schemas.ts';

const MAX_PAGE_SIZE = 100;

/** `limit` and `cursor`, to spread into a list's query schema; `defaultLimit` is the page size. */
export function pageQueryProperties(defaultLimit: number) {
  return {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: defaultLimit }),
    ),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'next_cursor of the previous page' }),
    ),
  };
}

/** The query of a list that takes nothing but the page. */
export function PageQuerySchema(defaultLimit: number) {
  return Type.Object(pageQueryProperties(defaultLimit), { additionalProperties: false });
}

/** `{items, next_cursor}`; next_cursor is null on the last page. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    next_cursor: Nullable(Type.String(), { description: 'null on the last page' }),
  });
}

/** A service's page (`{items, nextCursor}`) as API JSON, each item through `present`. */
export function presentPage<T, U>(
  page: { items: readonly T[]; nextCursor: string | null },
  present: (item: T) => U,
): { items: U[]; next_cursor: string | null } {
  return { items: page.items.map((item) => present(item)), next_cursor: page.nextCursor };
}
