import type { Db } from '../platform/db/Database.ts';

/**
 * Subscriptions joined to their plan, with what most readings of one take: its id, customer,
 * plan, status and cycle start, and the plan's name as `plan_name`. A reading adds the columns,
 * joins and conditions it needs (`where`, `orderBy`) and runs it.
 */
export function selectSubscriptionWithPlan(db: Db) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select([
      'subscriptions.id',
      'subscriptions.customer_id',
      'subscriptions.plan_id',
      'subscriptions.status',
      'subscriptions.cycle_start_at',
      'plans.name as plan_name',
    ]);
}
