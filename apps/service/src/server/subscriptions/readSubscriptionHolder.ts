import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db } from '../platform/db/Database.ts';

/**
 * A subscription with its plan's name, the customer who holds it and their merchant, read
 * inside the caller's transaction; `restCustomer` is the customer as a webhook event carries
 * them, with this subscription.
 */
export async function readSubscriptionHolder(trx: Db, subscriptionId: string) {
  const {
    subscription_id,
    plan_id,
    subscription_status,
    cycle_start_at,
    cycle_end_at,
    plan_name,
    environment,
    ...customer
  } = await trx
    .selectFrom('subscriptions')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .innerJoin('merchants', 'merchants.id', 'customers.merchant_id')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .selectAll('customers')
    .select([
      'subscriptions.id as subscription_id',
      'subscriptions.plan_id',
      'subscriptions.status as subscription_status',
      'subscriptions.cycle_start_at',
      'subscriptions.cycle_end_at',
      'plans.name as plan_name',
      'merchants.environment',
    ])
    .where('subscriptions.id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return {
    subscription: { id: subscription_id, plan_id, cycle_start_at, cycle_end_at },
    customer,
    merchant: { id: customer.merchant_id, environment },
    restCustomer: toRestCustomer(customer, {
      id: subscription_id,
      plan_id,
      name: plan_name,
      status: subscription_status,
    }),
  };
}
