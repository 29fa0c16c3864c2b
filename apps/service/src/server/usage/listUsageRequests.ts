import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Tables } from '../platform/db/Database.ts';
import type { ListRows } from '../platform/http/listPage.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { LIST_MAX_SCANNED, SLICE_REQUESTS } from './usageLimits.ts';
import {
  metadataCanMatch,
  type RequestKey,
  requestsInScope,
  sliceEnd,
  sliceSize,
  type UsageScope,
  withFilters,
  withinSlice,
} from './usageScope.ts';

type Row = Tables['usage_requests'];

/**
 * Up to `take` recorded requests of the scope, newest first, after the request `before` (a
 * list's cursor). Without a meter or metadata to filter by, the index gives them at once. With
 * them, the requests are read a slice at a time until the page is full, and at most
 * `LIST_MAX_SCANNED` for one page: a page can then come back short, even empty, with a cursor
 * to go on from where the reading stopped.
 */
export async function listUsageRequests(
  deps: Pick<Services, 'db' | 'dialect'>,
  scope: UsageScope,
  before: string | undefined,
  take: number,
  limits: { maxScanned?: number; sliceRequests?: number } = {},
): Promise<ListRows<Row>> {
  const { db } = deps;
  const maxScanned = limits.maxScanned ?? LIST_MAX_SCANNED;
  const slice = limits.sliceRequests ?? sliceSize(scope, SLICE_REQUESTS);
  if (!metadataCanMatch(scope)) return [];
  let after = before === undefined ? undefined : await keyOf(deps, scope, before);
  // Those after `after` (and down to `through`), newest first.
  const newest = (through?: RequestKey) =>
    withFilters(
      withinSlice(requestsInScope(db, scope), 'desc', after, through),
      deps.dialect,
      scope,
    )
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc');
  if (scope.meterId === undefined && !scope.metadata?.length) {
    return newest().limit(take).execute();
  }
  const found: Row[] = [];
  for (let read = 0; ; ) {
    const size = Math.min(slice, maxScanned - read);
    const through = await sliceEnd(db, scope, { order: 'desc', after }, size);
    found.push(
      ...(await newest(through)
        .limit(take - found.length)
        .execute()),
    );
    if (found.length >= take || !through) return found;
    read += size;
    if (read >= maxScanned) return { rows: found, resumeAfter: through.id };
    after = through;
    // Let the requests that came meanwhile run before the next slice.
    await nextTurn();
  }
}

/** Where the list stopped: the request the cursor names. */
async function keyOf(
  deps: Pick<Services, 'db'>,
  scope: UsageScope,
  id: string,
): Promise<RequestKey> {
  const key = await deps.db
    .selectFrom('usage_requests')
    .select(['created_at', 'id'])
    .where('id', '=', id)
    .where('merchant_id', '=', scope.merchantId)
    .executeTakeFirst();
  if (!key) {
    throw new ServiceError(
      'invalid_request',
      'Lava Checkout: cursor is invalid: it is not a next_cursor this API gave. Pass the next_cursor of the previous page, or leave cursor out for the first page.',
      { param: 'cursor' },
    );
  }
  return key;
}
