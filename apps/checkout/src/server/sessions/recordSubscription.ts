import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { createId } from '../createId.ts';
import type { Db, Tables } from '../db/Database.ts';
import type { PaymentMethod } from '../payments/PaymentProcessor.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import type { PaymentRow } from './paymentRow.ts';

type Succeeded = Extract<SubscribeResponse, { status: 'succeeded' }>;

export interface RecordSubscriptionInput {
  payment: PaymentRow;
  chargeRef: string;
  /** `customer_id`: the customer the verified phone belongs to, or `null` for a new one. */
  session: Pick<Tables['checkout_sessions'], 'id' | 'customer_id'>;
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
  plan: Pick<Tables['plans'], 'id' | 'billing_interval'>;
  paymentMethod: PaymentMethod;
  at: Date;
  /**
   * Recovery, rather than the request that charged: the payment may be recorded already, or
   * the customer may have got the plan meanwhile, so both are checked first.
   */
  recovering?: boolean;
}

/**
 * Records a succeeded charge, in one transaction: the customer (the one the phone was verified
 * for, else created, or found if another checkout created it meanwhile), the card reference,
 * the payment, the subscription, and the session's completion. A customer has one plan at a
 * time: another plan's subscription is cancelled, never one to this plan.
 */
export async function recordSubscription(
  db: Db,
  input: RecordSubscriptionInput,
): Promise<Succeeded> {
  const { payment, session, merchant, plan, paymentMethod, at } = input;
  const iso = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const earlier = input.recovering ? await recordedBefore(trx, input) : null;
    if (earlier) return earlier;

    let customerId = session.customer_id;
    let returning = customerId !== null;
    if (customerId === null) {
      const customer = await trx
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
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      customerId = customer.id;
      returning = customer.created_at !== iso;
    }

    const paymentMethodId = createId('pm', merchant.environment);
    await trx
      .insertInto('payment_methods')
      .values({
        id: paymentMethodId,
        customer_id: customerId,
        processor_ref: paymentMethod.processorRef,
        brand: paymentMethod.brand,
        last4: paymentMethod.last4,
        exp_month: paymentMethod.expMonth,
        exp_year: paymentMethod.expYear,
        created_at: iso,
        processor_customer_ref: paymentMethod.customerRef ?? null,
      })
      .execute();
    await trx
      .updateTable('payments')
      .set({ status: 'succeeded', processor_ref: input.chargeRef, locked_until: null })
      .where('id', '=', payment.id)
      .execute();
    if (returning) {
      await trx
        .updateTable('subscriptions')
        .set({ status: 'cancelled', cancelled_at: iso })
        .where('customer_id', '=', customerId)
        .where('plan_id', '!=', plan.id)
        .where('status', '=', 'active')
        .execute();
    }
    const subscriptionId = createId('sub', merchant.environment);
    await trx
      .insertInto('subscriptions')
      .values({
        id: subscriptionId,
        customer_id: customerId,
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
      .set({ status: 'completed', completed_at: iso, updated_at: iso, customer_id: customerId })
      .where('id', '=', session.id)
      .execute();
    return {
      status: 'succeeded',
      checkout_session_id: session.id,
      customer_id: customerId,
      subscription_id: subscriptionId,
    };
  });
}

/**
 * For recovery: what an earlier run recorded for this payment, or, when the customer got the
 * plan meanwhile, the subscription they have (the payment is then marked, loudly, for refund).
 */
async function recordedBefore(trx: Db, input: RecordSubscriptionInput): Promise<Succeeded | null> {
  const { payment, session, merchant, plan } = input;
  const iso = input.at.toISOString();
  const recorded = await trx
    .selectFrom('subscriptions')
    .select(['id', 'customer_id'])
    .where('checkout_session_id', '=', session.id)
    .executeTakeFirst();
  if (recorded) {
    return {
      status: 'succeeded',
      checkout_session_id: session.id,
      customer_id: recorded.customer_id,
      subscription_id: recorded.id,
    };
  }
  const existing = await trx
    .selectFrom('subscriptions')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .select(['subscriptions.id', 'subscriptions.customer_id'])
    .where('customers.merchant_id', '=', merchant.id)
    .where((eb) =>
      eb.or([
        eb('customers.phone', '=', payment.phone),
        eb('customers.id', '=', session.customer_id ?? ''),
      ]),
    )
    .where('subscriptions.plan_id', '=', plan.id)
    .where('subscriptions.status', '=', 'active')
    .executeTakeFirst();
  if (!existing) return null;
  console.error('Lava Checkout: a customer was charged for a plan they already had; refund it', {
    payment: payment.id,
    charge: input.chargeRef,
  });
  await trx
    .updateTable('payments')
    .set({ status: 'succeeded', processor_ref: input.chargeRef, locked_until: null })
    .where('id', '=', payment.id)
    .execute();
  await trx
    .updateTable('checkout_sessions')
    .set({
      status: 'completed',
      completed_at: iso,
      updated_at: iso,
      customer_id: existing.customer_id,
    })
    .where('id', '=', session.id)
    .execute();
  return {
    status: 'succeeded',
    checkout_session_id: session.id,
    customer_id: existing.customer_id,
    subscription_id: existing.id,
  };
}
