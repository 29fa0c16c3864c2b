import { grantCycleCredit } from '../credits/grantCycleCredit.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import { createId } from '../platform/createId.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import { cancelSubscription } from './cancelSubscription.ts';
import { findPlanSubscriptionId } from './findPlanSubscriptionId.ts';

export interface SubscribeWithoutCheckoutInput {
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
  customer: Tables['customers'];
  /** A $0 plan of the merchant: nothing is charged, no card is kept. */
  plan: Pick<Tables['plans'], 'id' | 'name' | 'billing_interval' | 'included_credit'>;
  at: Date;
}

/**
 * Subscribes a customer to a $0 plan without a checkout (no session, no card), inside the
 * caller's transaction or one of its own: another plan's active subscription ends
 * (`cancelSubscription`: a customer has one plan at a time), the plan's included credit is
 * granted for the first cycle, and `subscription.created` is announced. A customer who has the
 * plan already keeps that subscription, and nothing changes. Returns the subscription's id.
 */
export async function subscribeWithoutCheckout(
  db: Db,
  input: SubscribeWithoutCheckoutInput,
): Promise<string> {
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => subscribeWithoutCheckout(trx, input));
  }
  const { merchant, customer, plan, at } = input;
  const existing = await findPlanSubscriptionId(db, customer.id, plan.id);
  if (existing) return existing;
  await cancelSubscription(db, {
    merchant,
    customerId: customer.id,
    which: { exceptPlanId: plan.id },
    at,
    customer,
  });
  const id = createId('sub', merchant.environment);
  const iso = at.toISOString();
  await db
    .insertInto('subscriptions')
    .values({
      id,
      customer_id: customer.id,
      plan_id: plan.id,
      checkout_session_id: null,
      payment_method_id: null,
      status: 'active',
      started_at: iso,
      cycle_start_at: iso,
      cycle_end_at: addBillingInterval(at, plan.billing_interval).toISOString(),
      cancelled_at: null,
      created_at: iso,
      auto_top_up_bundle_id: null,
    })
    .execute();
  await grantCycleCredit(db, { merchant, customerId: customer.id, subscriptionId: id, plan, at });
  await insertWebhookEvents(db, [
    webhookEvent('subscription.created', merchant, at, {
      ...toRestCustomer(customer, { id, plan_id: plan.id, name: plan.name, status: 'active' }),
      subscription_id: id,
      plan_id: plan.id,
    }),
  ]);
  return id;
}
