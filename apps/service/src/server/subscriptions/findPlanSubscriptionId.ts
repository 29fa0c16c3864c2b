import type { Db } from '../platform/db/Database.ts';
import { activeSubscriptionTo } from './activeSubscriptionTo.ts';

/** The id of the customer's active subscription to the plan; `undefined` when they have none. */
export async function findPlanSubscriptionId(
  db: Db,
  customerId: string,
  planId: string,
): Promise<string | undefined> {
  const row = await activeSubscriptionTo(db, customerId, planId).select('id').executeTakeFirst();
  return row?.id;
}
