import { toRestCustomer } from '../customers/toRestCustomer.ts';
import { markPaymentSucceeded } from '../payments/markPaymentSucceeded.ts';
import { paymentMethodRow } from '../payments/paymentMethodRow.ts';
import type { RecordedPayment, RecordPaymentInput } from '../payments/recordPayment.ts';
import { reportChargeToRefund } from '../payments/reportChargeToRefund.ts';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { applyUpgrade } from './applyUpgrade.ts';
import { checkoutCompleted } from './recordSubscription.ts';

/**
 * Records an upgrade's succeeded charge, in one transaction that starts with
 * `markPaymentSucceeded` (recording it again, from recovery, changes nothing): the
 * subscription moves to the paid-for plan (`applyUpgrade`). Paid in a checkout, the card
 * entered there is kept for renewals and the session completes (`checkout.completed`). A
 * charge for a subscription that ended, or reached the plan another way, meanwhile is reported
 * for a refund.
 */
export async function recordUpgrade(db: Db, input: RecordPaymentInput): Promise<RecordedPayment> {
  const { payment, merchant, paymentMethod, at } = input;
  const subscriptionId = payment.subscription_id;
  if (subscriptionId === null) {
    throw new Error(`Lava Checkout: payment ${payment.id} upgrades no subscription.`);
  }
  const iso = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const taken = await markPaymentSucceeded(trx, payment, input.chargeRef);
    const subscription = await trx
      .selectFrom('subscriptions')
      .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
      .selectAll('customers')
      .select(['subscriptions.checkout_session_id'])
      .where('subscriptions.id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    const { checkout_session_id, ...customer } = subscription;
    const result: RecordedPayment = {
      status: 'succeeded',
      checkout_session_id: payment.session_id ?? checkout_session_id ?? '',
      customer_id: customer.id,
      subscription_id: subscriptionId,
    };
    if (!taken) return result;

    let paymentMethodId: string | null = null;
    if (payment.session_id !== null) {
      paymentMethodId = createId('pm', merchant.environment);
      await trx
        .insertInto('payment_methods')
        .values(paymentMethodRow(paymentMethodId, customer.id, paymentMethod, iso))
        .execute();
    }
    const plan = await trx
      .selectFrom('plans')
      .select(['id', 'name', 'billing_interval', 'included_credit'])
      .where('id', '=', payment.plan_id)
      .executeTakeFirstOrThrow();
    const upgraded = await applyUpgrade(trx, {
      merchant,
      subscriptionId,
      plan,
      payment,
      paymentMethodId,
      at,
    });
    if (!upgraded) {
      reportChargeToRefund(
        'an upgrade was charged for a subscription that ended or has the plan already',
        input,
      );
    }
    if (payment.session_id !== null) {
      await trx
        .updateTable('checkout_sessions')
        .set({ status: 'completed', completed_at: iso, updated_at: iso, customer_id: customer.id })
        .where('id', '=', payment.session_id)
        .execute();
      await insertWebhookEvents(trx, [
        checkoutCompleted(
          merchant,
          at,
          payment.session_id,
          toRestCustomer(customer, {
            id: subscriptionId,
            plan_id: plan.id,
            name: plan.name,
            status: 'active',
          }),
          plan.id,
          subscriptionId,
        ),
      ]);
    }
    return result;
  });
}
