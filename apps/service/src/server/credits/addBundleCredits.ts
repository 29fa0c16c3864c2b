import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { formatMoney, Money } from '../platform/money/Money.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { creditsLeft } from './creditsLeft.ts';

/**
 * Adds a bought credit bundle to a subscription's bundle credits, inside the transaction that
 * records the purchase, and returns the `credits.purchased` event for that transaction's
 * outbox insert. Bundle credits are drawn after the cycle's included credit.
 */
export async function addBundleCredits(
  trx: Db,
  input: {
    merchant: { id: string; environment: 'test' | 'live' };
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
  const balance = await trx
    .selectFrom('credit_balances')
    .selectAll()
    .where('subscription_id', '=', subscription.id)
    .executeTakeFirst();
  const left = creditsLeft(subscription, subscription.included_credit, balance ?? null);
  const next = {
    cycle_start_at: subscription.cycle_start_at,
    cycle_used: new Money(subscription.included_credit).minus(left.cycle).toString(),
    bundle_remaining: left.bundle.plus(bundle.credit_amount).toString(),
    updated_at: at.toISOString(),
  };
  await trx
    .insertInto('credit_balances')
    .values({ subscription_id: subscription.id, ...next })
    .onConflict((oc) => oc.column('subscription_id').doUpdateSet(next))
    .execute();
  return webhookEvent('credits.purchased', input.merchant, at, {
    ...toRestCustomer(input.customer, {
      id: subscription.id,
      plan_id: subscription.plan_id,
      name: subscription.plan_name,
      status: 'active',
    }),
    checkout_session_id: input.checkoutSessionId,
    checkout_mode: 'credit_bundle',
    subscription_id: subscription.id,
    plan_id: subscription.plan_id,
    credit_bundle_id: bundle.id,
    credit_amount: formatMoney(bundle.credit_amount),
  });
}
