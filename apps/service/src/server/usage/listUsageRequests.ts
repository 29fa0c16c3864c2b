import type { Tables } from '../platform/db/Database.ts';
import type { ListRows } from '../platform/http/listPage.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { matchingRequests } from './matchingRequests.ts';
import { readSlices } from './readSlices.ts';
import { LIST_MAX_SCANNED, SLICE_REQUESTS } from './usageLimits.ts';
import { metadataCanMatch, type RequestKey, sliceSize, type UsageScope } from './usageScope.ts';

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
  const after = before === undefined ? undefined : await keyOf(deps, scope, before);
  // Those after `from` (and down to `through`), newest first.
  const newest = (from: RequestKey | undefined, through?: RequestKey) =>
    matchingRequests(deps, scope, 'desc', from, through)
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc');
  if (scope.meterId === undefined && !scope.metadata?.length) {
    return newest(after).limit(take).execute();
  }
  const found: Row[] = [];
  let last: RequestKey | undefined;
  const slices = readSlices(db, scope, { order: 'desc', after }, { slice, max: maxScanned });
  for await (const { after: from, through } of slices) {
    found.push(
      ...(await newest(from, through)
        .limit(take - found.length)
        .execute()),
    );
    if (found.length >= take || !through) return found;
    last = through;
  }
  return last ? { rows: found, resumeAfter: last.id } : found;
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
