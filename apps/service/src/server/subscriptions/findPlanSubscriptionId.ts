import type { Db } from '../platform/db/Database.ts';

/** The id of the customer's active subscription to the plan; `undefined` when they have none. */
export async function findPlanSubscriptionId(
  db: Db,
  customerId: string,
  planId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('plan_id', '=', planId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row?.id;
}
