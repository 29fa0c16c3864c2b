import { subscriptionSummary } from '../customers/subscriptionSummary.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import { markPaymentSucceeded } from '../payments/markPaymentSucceeded.ts';
import type { RecordedPayment, RecordPaymentInput } from '../payments/recordPayment.ts';
import type { Db } from '../platform/db/Database.ts';
import { formatMoney } from '../platform/money/Money.ts';
import { selectSubscriptionWithPlan } from '../subscriptions/selectSubscriptionWithPlan.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { coverOverage } from './coverOverage.ts';
import { fromCreditUnits, toCreditUnits } from './creditUnits.ts';
import { grantCredits } from './grantCredits.ts';

/**
 * Records an auto top-up's succeeded charge, in one transaction: the bundle's credit is granted
 * as `top_up` credit (drawn with bundle credit, oldest first), the usage beyond the credits
 * still due is paid out of it first (`coverOverage`: never charged again with the renewal), and
 * `credits.purchased` goes to the outbox with `source: 'auto_top_up'`. It locks the customer's
 * account row before moving the payment out of flight (`markPaymentSucceeded`), the order
 * claims take them in; recording the same payment again changes nothing.
 */
export async function recordTopUp(db: Db, input: RecordPaymentInput): Promise<RecordedPayment> {
  const { payment, merchant, at } = input;
  const subscriptionId = payment.subscription_id;
  const bundleId = payment.credit_bundle_id;
  if (subscriptionId === null || bundleId === null) {
    throw new Error(`Lava Checkout: payment ${payment.id} tops up no subscription with a bundle.`);
  }
  return db.transaction().execute(async (trx) => {
    const subscription = await selectSubscriptionWithPlan(trx)
      .select('subscriptions.checkout_session_id')
      .where('subscriptions.id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    const customerId = subscription.customer_id;
    await trx
      .updateTable('credit_accounts')
      .set({ updated_at: at.toISOString() })
      .where('customer_id', '=', customerId)
      .execute();
    const taken = await markPaymentSucceeded(trx, payment, input.chargeRef);
    const result: RecordedPayment = {
      status: 'succeeded',
      // A top-up has no session of its own: the one that started the subscription, if any.
      checkout_session_id: subscription.checkout_session_id ?? '',
      customer_id: customerId,
      subscription_id: subscription.id,
    };
    if (!taken) return result;

    const bundle = await trx
      .selectFrom('credit_bundles')
      .select(['id', 'credit_amount'])
      .where('id', '=', bundleId)
      .executeTakeFirstOrThrow();
    const amount = toCreditUnits(bundle.credit_amount);
    // The customer paid for these credits: they are theirs even if the plan ended meanwhile.
    const grantId = await grantCredits(trx, {
      merchant,
      customerId,
      subscriptionId: subscription.id,
      source: 'top_up',
      amount,
      paymentId: payment.id,
      at,
    });
    const covered = await coverOverage(trx, {
      merchant,
      customerId,
      grantId,
      grantAmount: amount,
      at,
    });
    const customer = await trx
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    await insertWebhookEvents(trx, [
      webhookEvent('credits.purchased', merchant, at, {
        ...toRestCustomer(customer, subscriptionSummary(subscription, subscription.status)),
        source: 'auto_top_up',
        subscription_id: subscription.id,
        plan_id: subscription.plan_id,
        credit_bundle_id: bundle.id,
        credit_amount: formatMoney(bundle.credit_amount),
        payment_id: payment.id,
        amount: payment.amount,
        overage_amount: formatMoney(fromCreditUnits(covered)),
      }),
    ]);
    return result;
  });
}
