import type { Environment } from '@lava-checkout/protocol';
import { subscriptionSummary } from '../customers/subscriptionSummary.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { formatMoney } from '../platform/money/Money.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { toCreditUnits } from './creditUnits.ts';
import { grantCredits } from './grantCredits.ts';

/**
 * Grants a bought credit bundle's credit to the customer (for their subscription), inside the
 * transaction that records the purchase, and returns the `credits.purchased` event for that transaction's
 * outbox insert. Bundle credit draws after the cycle's
 * included credit (see credits/NOTES.md).
 */
export async function addBundleCredits(
  trx: Db,
  input: {
    merchant: { id: string; environment: Environment };
    customer: Tables['customers'];
    subscription: Pick<Tables['subscriptions'], 'id' | 'plan_id' | 'cycle_start_at'> & {
      plan_name: string;
      included_credit: string;
    };
    bundle: Pick<Tables['credit_bundles'], 'id' | 'credit_amount'>;
    checkoutSessionId: string;
    at: Date;
  },
): Promise<Tables['webhook_events']> {
  const { subscription, bundle, at } = input;
  await grantCredits(trx, {
    merchant: input.merchant,
    customerId: input.customer.id,
    subscriptionId: subscription.id,
    source: 'bundle',
    amount: toCreditUnits(bundle.credit_amount),
    at,
  });
  return webhookEvent('credits.purchased', input.merchant, at, {
    ...toRestCustomer(input.customer, subscriptionSummary(subscription, 'active')),
    checkout_session_id: input.checkoutSessionId,
    checkout_mode: 'credit_bundle',
    subscription_id: subscription.id,
    plan_id: subscription.plan_id,
    credit_bundle_id: bundle.id,
    credit_amount: formatMoney(bundle.credit_amount),
  });
}
