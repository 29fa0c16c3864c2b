import type { Db, Tables } from '../db/Database.ts';

/** The merchant's own tables whose rows are deleted by marking them. */
type MerchantTable = 'meters' | 'plans' | 'customers' | 'webhooks';

/**
 * What `listPage` fetches for a list endpoint: the merchant's rows of one table that are not
 * deleted, newest id first, before the cursor's id.
 */
export function liveRowsOf<T extends MerchantTable>(db: Db, table: T, merchantId: string) {
  return (before: string | undefined, take: number): Promise<Tables[T][]> => {
    // One query shape serves the four tables; Kysely cannot type it for a table chosen at run time.
    const from = db.selectFrom(table as 'meters');
    let query = from
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('deleted_at', 'is', null);
    if (before) query = query.where('id', '<', before);
    return query.orderBy('id', 'desc').limit(take).execute() as unknown as Promise<Tables[T][]>;
  };
}
