import { findCustomerOrThrow } from '../customers/findCustomerOrThrow.ts';
import type { Db } from '../platform/db/Database.ts';
import { subscriptionsQuery } from './loadSubscriptions.ts';

/**
 * What `listPage` fetches for `GET /v1/subscriptions`: newest first, active ones unless told
 * otherwise, of one customer if given (a 404 naming `customer_id` when it is not the merchant's).
 */
export async function listSubscriptions(
  db: Db,
  merchantId: string,
  filters: {
    status?: 'active' | 'cancelled' | 'all' | undefined;
    customer_id?: string | undefined;
  },
) {
  const customer = filters.customer_id
    ? await findCustomerOrThrow(db, merchantId, filters.customer_id, 'customer_id')
    : null;
  const status = filters.status ?? 'active';
  return (before: string | undefined, take: number) => {
    let q = subscriptionsQuery(db, merchantId);
    if (status !== 'all') q = q.where('subscriptions.status', '=', status);
    if (customer) q = q.where('subscriptions.customer_id', '=', customer.id);
    if (before) q = q.where('subscriptions.id', '<', before);
    return q.orderBy('subscriptions.id', 'desc').limit(take).execute();
  };
}
