import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { createId } from '../createId.ts';
import type { Db, Tables } from '../db/Database.ts';
import type { PaymentMethod } from '../payments/PaymentProcessor.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import type { PaymentRow } from './paymentRow.ts';

/**
 * Records a succeeded charge, in one transaction: the customer (found by the session's
 * customer or the verified phone, else created), the card reference, the payment, the
 * subscription, and the session's completion. A customer has one plan at a time: another
 * plan's subscription is cancelled, never one to this plan. Safe to run again for the same
 * payment (recovery): a payment already recorded returns what it recorded.
 */
export async function recordSubscription(
  db: Db,
  input: {
    payment: PaymentRow;
    chargeRef: string;
    session: Pick<Tables['checkout_sessions'], 'id' | 'customer_id'>;
    merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
    plan: Pick<Tables['plans'], 'id' | 'billing_interval'>;
    paymentMethod: PaymentMethod;
    at: Date;
  },
): Promise<Extract<SubscribeResponse, { status: 'succeeded' }>> {
  const { payment, session, merchant, plan, paymentMethod, at } = input;
  const iso = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const recorded = await trx
      .selectFrom('subscriptions')
      .innerJoin('payments', 'payments.session_id', 'subscriptions.checkout_session_id')
      .select(['subscriptions.id', 'subscriptions.customer_id'])
      .where('payments.id', '=', payment.id)
      .where('payments.status', '=', 'succeeded')
      .executeTakeFirst();
    if (recorded) {
      return {
        status: 'succeeded',
        checkout_session_id: session.id,
        customer_id: recorded.customer_id,
        subscription_id: recorded.id,
      };
    }

    const byId = session.customer_id
      ? await trx
          .selectFrom('customers')
          .select('id')
          .where('merchant_id', '=', merchant.id)
          .where('id', '=', session.customer_id)
          .executeTakeFirst()
      : undefined;
    const customer =
      byId ??
      (await trx
        .insertInto('customers')
        .values({
          id: createId('con', merchant.environment),
          merchant_id: merchant.id,
          phone: payment.phone,
          created_at: iso,
        })
        // Updating to the same value makes RETURNING give the existing row too.
        .onConflict((oc) =>
          oc
            .columns(['merchant_id', 'phone'])
            .doUpdateSet((eb) => ({ phone: eb.ref('excluded.phone') })),
        )
        .returning('id')
        .executeTakeFirstOrThrow());

    const existing = await trx
      .selectFrom('subscriptions')
      .select('id')
      .where('customer_id', '=', customer.id)
      .where('plan_id', '=', plan.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (existing) {
      // Only a purchase that bypassed the phone-and-plan claim gets here (a session minted for a
      // customer whose phone differs from the one verified). Keep the subscription they have and
      // say loudly that this charge needs a refund.
      console.error(
        'Lava Checkout: a customer was charged for a plan they already had; refund it',
        {
          payment: payment.id,
          charge: input.chargeRef,
        },
      );
      await trx
        .updateTable('payments')
        .set({ status: 'succeeded', processor_ref: input.chargeRef, locked_until: null })
        .where('id', '=', payment.id)
        .execute();
      await trx
        .updateTable('checkout_sessions')
        .set({ status: 'completed', completed_at: iso, updated_at: iso, customer_id: customer.id })
        .where('id', '=', session.id)
        .execute();
      return {
        status: 'succeeded',
        checkout_session_id: session.id,
        customer_id: customer.id,
        subscription_id: existing.id,
      };
    }

    const paymentMethodId = createId('pm', merchant.environment);
    await trx
      .insertInto('payment_methods')
      .values({
        id: paymentMethodId,
        customer_id: customer.id,
        processor_ref: paymentMethod.processorRef,
        brand: paymentMethod.brand,
        last4: paymentMethod.last4,
        exp_month: paymentMethod.expMonth,
        exp_year: paymentMethod.expYear,
        created_at: iso,
      })
      .execute();
    await trx
      .updateTable('payments')
      .set({ status: 'succeeded', processor_ref: input.chargeRef, locked_until: null })
      .where('id', '=', payment.id)
      .execute();
    await trx
      .updateTable('subscriptions')
      .set({ status: 'cancelled', cancelled_at: iso })
      .where('customer_id', '=', customer.id)
      .where('plan_id', '!=', plan.id)
      .where('status', '=', 'active')
      .execute();
    const subscriptionId = createId('sub', merchant.environment);
    await trx
      .insertInto('subscriptions')
      .values({
        id: subscriptionId,
        customer_id: customer.id,
        plan_id: plan.id,
        checkout_session_id: session.id,
        payment_method_id: paymentMethodId,
        status: 'active',
        started_at: iso,
        cycle_start_at: iso,
        cycle_end_at: addBillingInterval(at, plan.billing_interval).toISOString(),
        cancelled_at: null,
        created_at: iso,
      })
      .execute();
    await trx
      .updateTable('checkout_sessions')
      .set({ status: 'completed', completed_at: iso, updated_at: iso, customer_id: customer.id })
      .where('id', '=', session.id)
      .execute();
    return {
      status: 'succeeded',
      checkout_session_id: session.id,
      customer_id: customer.id,
      subscription_id: subscriptionId,
    };
  });
}
