import { CheckoutError } from '../errors/CheckoutError.ts';

/** A page of a list, as the Lava API answers it. `next_cursor` is left out on the last page. */
export interface ListPage<T> {
  data: T[];
  has_more: boolean;
  next_cursor?: string;
}

/** The default page size of every list. */
export const DEFAULT_LIMIT = 10;

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_]{3,255}$/.test(id) || encodeCursor(id) !== cursor) {
    throw new CheckoutError(
      'invalid_request',
      'Lava Checkout: cursor is invalid: it is not a next_cursor this API gave. Pass the next_cursor of the previous page, or leave cursor out for the first page.',
      { param: 'cursor' },
    );
  }
  return id;
}

/**
 * Reads one page of a list ordered by id, newest first (ids start with a time-ordered ULID).
 * `fetch(before, take)` returns up to `take` rows whose id sorts before `before`; one row more
 * than the page tells whether another page follows. The cursor is opaque to callers.
 */
export async function listPage<Row extends { id: string }, T>(
  query: { cursor?: string | undefined; limit?: number | undefined },
  fetch: (before: string | undefined, take: number) => Promise<Row[]>,
  present: (row: Row) => T | Promise<T>,
): Promise<ListPage<T>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await fetch(before, limit + 1);
  const page = rows.slice(0, limit);
  const data = await Promise.all(page.map(present));
  const last = page.at(-1);
  if (rows.length > limit && last) {
    return { data, has_more: true, next_cursor: encodeCursor(last.id) };
  }
  return { data, has_more: false };
}
