import type { Db } from '../platform/db/Database.ts';
import { subscriptionsQuery } from './loadSubscriptions.ts';

/** The customer's active subscription, with its plan and credits, if it has one. */
export async function findActiveSubscription(db: Db, merchantId: string, customerId: string) {
  return subscriptionsQuery(db, merchantId)
    .where('subscriptions.customer_id', '=', customerId)
    .where('subscriptions.status', '=', 'active')
    .executeTakeFirst();
}
