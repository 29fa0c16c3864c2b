import type { ListResponse } from '@lava-checkout/server';
import { ServiceError } from '../ServiceError.ts';

/** A page of a list, as the Lava API answers it. `next_cursor` is left out on the last page. */
export type ListPage<T> = ListResponse<T>;

/** The default page size of every list. */
export const DEFAULT_LIMIT = 10;

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_]{3,255}$/.test(id) || encodeCursor(id) !== cursor) {
    throw new ServiceError(
      'invalid_request',
      'Lava Checkout: cursor is invalid: it is not a next_cursor this API gave. Pass the next_cursor of the previous page, or leave cursor out for the first page.',
      { param: 'cursor' },
    );
  }
  return id;
}

/**
 * What a list's `fetch` found: the rows, or, when it stopped reading before it had them all
 * (a bound on what one call reads), those it found and the id of the last row it read.
 */
export type ListRows<Row> = Row[] | { rows: Row[]; resumeAfter: string };

/**
 * Reads one page of a list, newest first: most lists are ordered by id (ids start with a
 * time-ordered ULID). `fetch(before, take)` returns up to `take` rows that come after the row
 * `before` in the list's order; one row more than the page tells whether another page follows.
 * The cursor is opaque to callers.
 */
export async function listPage<Row extends { id: string }, T>(
  query: { cursor?: string | undefined; limit?: number | undefined },
  fetch: (before: string | undefined, take: number) => Promise<ListRows<Row>>,
  present: (row: Row) => T | Promise<T>,
): Promise<ListPage<T>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const found = await fetch(before, limit + 1);
  const rows = Array.isArray(found) ? found : found.rows;
  const page = rows.slice(0, limit);
  const data = await Promise.all(page.map(present));
  if (!Array.isArray(found) && rows.length <= limit) {
    return { data, has_more: true, next_cursor: encodeCursor(found.resumeAfter) };
  }
  const last = page.at(-1);
  if (rows.length > limit && last) {
    return { data, has_more: true, next_cursor: encodeCursor(last.id) };
  }
  return { data, has_more: false };
}
