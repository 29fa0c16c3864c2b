import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Tables } from '../platform/db/Database.ts';
import { METADATA_KEY } from '../platform/http/merchantSchemas.ts';
import type { Services } from '../Services.ts';

/** Which recorded requests a summary or a list reads. */
export interface UsageScope {
  merchantId: string;
  /** One of the merchant's customers, already looked up: its index then drives the reading. */
  customerId?: string | undefined;
  meterId?: string | undefined;
  /** `[key, value]` pairs a request's metadata must all have. */
  metadata?: readonly (readonly [string, string])[] | undefined;
}

/** Where a request sits in the order requests are read in: by time, then id. */
export interface RequestKey {
  created_at: string;
  id: string;
}

/** Ascending for summaries, newest first for lists. */
export type ReadOrder = 'asc' | 'desc';

type Query<O> = SelectQueryBuilder<Tables, 'usage_requests', O>;

/**
 * The requests of the merchant, or of its customer, read through the index that starts with
 * the one given: `(merchant_id | customer_id, created_at, id)`.
 */
export function requestsInScope(db: Db, scope: UsageScope): Query<object> {
  const from = db.selectFrom('usage_requests');
  return scope.customerId !== undefined
    ? from.where('customer_id', '=', scope.customerId)
    : from.where('merchant_id', '=', scope.merchantId);
}

/** Keeps the requests past `after` and up to `through`, in the order read. */
export function withinSlice<O>(
  query: Query<O>,
  order: ReadOrder,
  after: RequestKey | undefined,
  through?: RequestKey,
): Query<O> {
  let q = query;
  const [past, upTo] = order === 'asc' ? (['>', '<='] as const) : (['<', '>='] as const);
  if (after) {
    q = q.where((eb) =>
      eb(eb.refTuple('created_at', 'id'), past, eb.tuple(after.created_at, after.id)),
    );
  }
  if (through) {
    q = q.where((eb) =>
      eb(eb.refTuple('created_at', 'id'), upTo, eb.tuple(through.created_at, through.id)),
    );
  }
  return q;
}

/**
 * Whether any request could match: metadata keys are only ever letters, digits and `_`, and
 * a key has one value.
 */
export function metadataCanMatch(scope: UsageScope): boolean {
  const values = new Map<string, string>();
  return (scope.metadata ?? []).every(([key, value]) => {
    const other = values.get(key);
    values.set(key, value);
    return METADATA_KEY.test(key) && (other === undefined || other === value);
  });
}

/**
 * Requests a slice of the scope reads: fewer with more metadata pairs to compare, so that a
 * slice's work, and the time it holds the embedded database's event loop, stays about the same
 * (measured: 20 pairs cost a request about five times what none do).
 */
export function sliceSize(scope: UsageScope, base: number): number {
  const pairs = new Set((scope.metadata ?? []).map(([key]) => key)).size;
  return Math.max(1, Math.floor(base / (1 + pairs / 4)));
}

/**
 * Keeps the requests of the scope's meter whose metadata has every pair, compared exactly (the
 * metadata is stored as a JSON object of strings). The metadata is parsed once per request,
 * whatever the number of pairs: PostgreSQL checks that it contains them all, SQLite reads every
 * key in one call and compares the list. Call `metadataCanMatch` first: a key goes into a JSON
 * path as it is.
 */
export function withFilters<O>(
  query: Query<O>,
  dialect: Services['dialect'],
  scope: UsageScope,
): Query<O> {
  let q = query;
  if (scope.meterId !== undefined) q = q.where('meter_id', '=', scope.meterId);
  // A key repeated with its value (anything else matches nothing) is checked once.
  const pairs = [...new Map(scope.metadata ?? [])];
  if (pairs.length === 0) return q;
  if (dialect === 'postgres') {
    const wanted = JSON.stringify(Object.fromEntries(pairs));
    return q.where(sql<SqlBool>`metadata::jsonb @> ${wanted}::jsonb`);
  }
  const paths = sql.join(pairs.map(([key]) => sql`${`$.${key}`}`));
  const values = sql.join(pairs.map(([, value]) => sql`${value}`));
  // With one path json_extract gives the value itself; with more, a JSON array of them.
  return pairs.length === 1
    ? q.where(sql<SqlBool>`json_extract(metadata, ${paths}) = ${values}`)
    : q.where(sql<SqlBool>`json_extract(metadata, ${paths}) = json_array(${values})`);
}

/**
 * The key of the `size`-th request after `after` (in the scope and the time range), or nothing
 * when fewer are left: the end of the next slice. It reads only the index.
 */
export async function sliceEnd(
  db: Db,
  scope: UsageScope,
  read: { order: ReadOrder; after: RequestKey | undefined; start?: string; end?: string },
  size: number,
): Promise<RequestKey | undefined> {
  let q = withinSlice(
    requestsInScope(db, scope).select(['created_at', 'id']),
    read.order,
    read.after,
  );
  if (read.start !== undefined) q = q.where('created_at', '>=', read.start);
  if (read.end !== undefined) q = q.where('created_at', '<', read.end);
  return q
    .orderBy('created_at', read.order)
    .orderBy('id', read.order)
    .limit(1)
    .offset(size - 1)
    .executeTakeFirst();
}
