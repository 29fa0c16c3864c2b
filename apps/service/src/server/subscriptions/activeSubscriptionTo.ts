import type { Db } from '../platform/db/Database.ts';

/** The query for the customer's active subscription to the plan; the caller picks what to read. */
export function activeSubscriptionTo(db: Db, customerId: string, planId: string) {
  return db
    .selectFrom('subscriptions')
    .where('subscriptions.customer_id', '=', customerId)
    .where('subscriptions.plan_id', '=', planId)
    .where('subscriptions.status', '=', 'active');
}
