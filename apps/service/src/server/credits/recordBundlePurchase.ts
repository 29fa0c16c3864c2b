import { toRestCustomer } from '../customers/toRestCustomer.ts';
import { markPaymentSucceeded } from '../payments/markPaymentSucceeded.ts';
import { paymentMethodRow } from '../payments/paymentMethodRow.ts';
import type { RecordedPayment, RecordPaymentInput } from '../payments/recordPayment.ts';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { selectSubscriptionWithPlan } from '../subscriptions/selectSubscriptionWithPlan.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { addBundleCredits } from './addBundleCredits.ts';

/**
 * Records a succeeded charge for a credit bundle, in one transaction: the payment, the bundle's
 * credits added to the customer's subscription (`addBundleCredits`), a new card kept with the
 * customer, the session's completion, and the `checkout.completed` and `credits.purchased`
 * events. It starts with `markPaymentSucceeded`: recording the same payment again (recovery
 * after the request did) changes nothing and returns what was recorded.
 */
export async function recordBundlePurchase(
  db: Db,
  input: RecordPaymentInput,
): Promise<RecordedPayment> {
  const { payment, merchant, at, customerId } = input;
  const sessionId = payment.session_id;
  if (sessionId === null || customerId === null) {
    throw new Error(
      `Lava Checkout: payment ${payment.id} buys a credit bundle without a checkout session and its customer.`,
    );
  }
  const iso = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const taken = await markPaymentSucceeded(trx, payment, input.chargeRef);
    // The subscription the credits go to: the active one, else (cancelled meanwhile) the latest.
    const subscription = await selectSubscriptionWithPlan(trx)
      .select('plans.included_credit')
      .where('subscriptions.customer_id', '=', customerId)
      .where('subscriptions.plan_id', '=', payment.plan_id)
      .orderBy('subscriptions.status')
      .orderBy('subscriptions.created_at', 'desc')
      .executeTakeFirstOrThrow();
    const result: RecordedPayment = {
      status: 'succeeded',
      checkout_session_id: sessionId,
      customer_id: customerId,
      subscription_id: subscription.id,
    };
    if (!taken) return result;

    const customer = await trx
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    const bundle = await trx
      .selectFrom('credit_bundles')
      .select(['id', 'credit_amount'])
      .where('id', '=', payment.credit_bundle_id ?? '')
      .executeTakeFirstOrThrow();
    const card = input.paymentMethod;
    const known = await trx
      .selectFrom('payment_methods')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('processor_ref', '=', card.processorRef)
      .executeTakeFirst();
    if (!known) {
      await trx
        .insertInto('payment_methods')
        .values(paymentMethodRow(createId('pm', merchant.environment), customerId, card, iso))
        .execute();
    }
    await trx
      .updateTable('checkout_sessions')
      .set({ status: 'completed', completed_at: iso, updated_at: iso, customer_id: customerId })
      .where('id', '=', sessionId)
      .execute();
    const summary = {
      id: subscription.id,
      plan_id: subscription.plan_id,
      name: subscription.plan_name,
      status: subscription.status,
    };
    const events = [
      webhookEvent('checkout.completed', merchant, at, {
        ...toRestCustomer(customer, summary),
        checkout_session_id: sessionId,
        checkout_mode: 'credit_bundle',
        plan_id: subscription.plan_id,
        subscription_id: subscription.id,
        credit_bundle_id: bundle.id,
      }),
    ];
    if (subscription.status === 'active') {
      events.push(
        await addBundleCredits(trx, {
          merchant,
          customer,
          subscription,
          bundle,
          checkoutSessionId: sessionId,
          at,
        }),
      );
    } else {
      console.error(
        'Lava Checkout: a customer paid for a credit bundle of a plan they no longer have; refund it',
        { payment: payment.id, charge: input.chargeRef },
      );
    }
    await trx.insertInto('webhook_events').values(events).execute();
    return result;
  });
}
