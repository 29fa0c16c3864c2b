import type { AccountSummary } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';
import { subscriptionsQuery, toRestSubscriptionBase } from '../subscriptions/loadSubscriptions.ts';

/**
 * A customer's plan, credits and renewal, from the same reading as
 * `GET /v1/customers/:id/subscription`, so the browser and the merchant's server never
 * disagree on the balance.
 */
export async function readAccountSummary(
  db: Db,
  merchantId: string,
  customerId: string,
): Promise<AccountSummary> {
  const row = await subscriptionsQuery(db, merchantId)
    .where('subscriptions.customer_id', '=', customerId)
    .where('subscriptions.status', '=', 'active')
    .executeTakeFirst();
  if (!row) {
    return {
      customer_id: customerId,
      status: 'none',
      plan: null,
      credits: { total: '0.00', cycle: '0.00', bundle: '0.00' },
      cycle_end_at: null,
      pending_change: null,
    };
  }
  const subscription = toRestSubscriptionBase(row);
  return {
    customer_id: customerId,
    status: subscription.status,
    plan: {
      id: subscription.plan_id,
      name: subscription.plan.name,
      period_amount: subscription.plan.period_amount,
      billing_interval: subscription.plan.billing_interval,
      included_credit: subscription.plan.included_credit,
    },
    credits: {
      total: subscription.credits.total_remaining,
      cycle: subscription.credits.cycle_remaining,
      bundle: subscription.credits.bundle_remaining,
    },
    cycle_end_at: subscription.cycle_end_at,
    pending_change: subscription.pending_change,
  };
}
