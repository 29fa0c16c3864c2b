import type { Db } from '../platform/db/Database.ts';

/** The active subscription of each customer, with its plan's name: one query for a page. */
export async function activeSubscriptions(db: Db, customerIds: readonly string[]) {
  if (customerIds.length === 0) return new Map<string, never>();
  const rows = await db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select([
      'subscriptions.customer_id',
      'subscriptions.id',
      'subscriptions.plan_id',
      'plans.name',
      'subscriptions.status',
    ])
    .where('subscriptions.customer_id', 'in', customerIds)
    .where('subscriptions.status', '=', 'active')
    .execute();
  return new Map(rows.map((row) => [row.customer_id, row]));
}
