import type { Db, Tables } from '../platform/db/Database.ts';
import { cancelSubscription } from './cancelSubscription.ts';
import { subscribeWithoutCheckout } from './subscribeWithoutCheckout.ts';

/**
 * Ends a subscription (cancelled at the end of its cycle, or after its last failed renewal)
 * and puts its customer on the merchant's Free plan, inside the caller's transaction; no Free
 * plan when the merchant has none, or the plan that ended was Free itself.
 */
export async function endOntoFreePlan(
  trx: Db,
  input: {
    merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
    customer: Tables['customers'];
    /** The subscription that ends, and its plan. */
    subscription: { id: string; plan_id: string };
    at: Date;
  },
): Promise<void> {
  const { merchant, customer, subscription, at } = input;
  await cancelSubscription(trx, {
    merchant,
    customerId: customer.id,
    which: { subscriptionId: subscription.id },
    at,
    customer,
  });
  const free = await trx
    .selectFrom('plans')
    .select(['id', 'name', 'billing_interval', 'included_credit'])
    .where('merchant_id', '=', merchant.id)
    .where('is_free', '=', 1)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (free && free.id !== subscription.plan_id) {
    await subscribeWithoutCheckout(trx, { merchant, customer, plan: free, at });
  }
}
