import type { Selectable } from 'kysely';
import type { Db, Tables } from './Database.ts';

/** The merchant's own tables whose rows are deleted by marking them. */
type MerchantTable = 'meters' | 'plans' | 'customers' | 'webhooks';

/** The merchant's rows of one table that are not deleted. */
function liveRows<T extends MerchantTable>(db: Db, table: T, merchantId: string) {
  // One query shape serves the four tables; Kysely cannot type it for a table chosen at run time.
  return db
    .selectFrom(table as 'meters')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('deleted_at', 'is', null);
}

/** The merchant's row `id` of one table, unless deleted (or another merchant's). */
export async function liveRowOf<T extends MerchantTable>(
  db: Db,
  table: T,
  merchantId: string,
  id: string,
): Promise<Selectable<Tables[T]> | undefined> {
  return (await liveRows(db, table, merchantId).where('id', '=', id).executeTakeFirst()) as
    | Selectable<Tables[T]>
    | undefined;
}

/**
 * What `listPage` fetches for a list endpoint: the merchant's rows of one table that are not
 * deleted, newest id first, before the cursor's id.
 */
export function liveRowsOf<T extends MerchantTable>(db: Db, table: T, merchantId: string) {
  return (before: string | undefined, take: number): Promise<Selectable<Tables[T]>[]> => {
    let query = liveRows(db, table, merchantId);
    if (before) query = query.where('id', '<', before);
    return query.orderBy('id', 'desc').limit(take).execute() as unknown as Promise<
      Selectable<Tables[T]>[]
    >;
  };
}
