import type { Db } from '../platform/db/Database.ts';
import { selectSubscriptionWithPlan } from '../subscriptions/selectSubscriptionWithPlan.ts';
import type { CustomerSubscriptionSummary } from './toRestCustomer.ts';

/** The active subscription of each customer, with its plan's name: one query for a page. */
export async function activeSubscriptions(db: Db, customerIds: readonly string[]) {
  const summaries = new Map<string, CustomerSubscriptionSummary>();
  if (customerIds.length === 0) return summaries;
  const rows = await selectSubscriptionWithPlan(db)
    .where('subscriptions.customer_id', 'in', customerIds)
    .where('subscriptions.status', '=', 'active')
    .execute();
  for (const row of rows) {
    summaries.set(row.customer_id, {
      id: row.id,
      plan_id: row.plan_id,
      name: row.plan_name,
      status: row.status,
    });
  }
  return summaries;
}
