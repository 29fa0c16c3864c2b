import { sql } from 'kysely';
import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { grantCycleCredit } from '../credits/grantCycleCredit.ts';
import { type RestCustomer, toRestCustomer } from '../customers/toRestCustomer.ts';
import type { PaymentMethod } from '../payments/PaymentProcessor.ts';
import type { PaymentRow } from '../payments/paymentRow.ts';
import { createId } from '../platform/createId.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import { cancelSubscription } from './cancelSubscription.ts';

type Succeeded = Extract<SubscribeResponse, { status: 'succeeded' }>;

export interface RecordSubscriptionInput {
  payment: PaymentRow;
  chargeRef: string;
  /** `customer_id`: the customer the verified phone belongs to, or `null` for a new one. */
  session: Pick<Tables['checkout_sessions'], 'id' | 'customer_id'>;
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
  plan: Pick<Tables['plans'], 'id' | 'billing_interval' | 'name'>;
  paymentMethod: PaymentMethod;
  at: Date;
  /**
   * Recovery, rather than the request that charged: the payment may be recorded already, or
   * the customer may have got the plan meanwhile, so both are checked first.
   */
  recovering?: boolean;
}

// The statements of every paid checkout, prepared once (see prepareQuery).
const upsertCustomer = prepareQuery(
  (db, param: Param<Pick<Tables['customers'], 'id' | 'merchant_id' | 'phone' | 'created_at'>>) =>
    db
      .insertInto('customers')
      .values({
        id: param('id'),
        merchant_id: param('merchant_id'),
        phone: param('phone'),
        created_at: param('created_at'),
      })
      // Updating to the same value makes RETURNING give the existing row too.
      .onConflict((oc) =>
        oc
          .columns(['merchant_id', 'phone'])
          .doUpdateSet((eb) => ({ phone: eb.ref('excluded.phone') })),
      )
      .returningAll(),
);
const insertPaymentMethod = prepareQuery((db, param: Param<Tables['payment_methods']>) =>
  db.insertInto('payment_methods').values({
    id: param('id'),
    customer_id: param('customer_id'),
    processor_ref: param('processor_ref'),
    brand: param('brand'),
    last4: param('last4'),
    exp_month: param('exp_month'),
    exp_year: param('exp_year'),
    created_at: param('created_at'),
    processor_customer_ref: param('processor_customer_ref'),
  }),
);
const markSucceeded = prepareQuery((db, param: Param<{ id: string; processor_ref: string }>) =>
  db
    .updateTable('payments')
    .set({ status: 'succeeded', processor_ref: param('processor_ref'), locked_until: null })
    .where('id', '=', param('id')),
);
const insertSubscription = prepareQuery(
  (
    db,
    param: Param<
      Pick<
        Tables['subscriptions'],
        | 'id'
        | 'customer_id'
        | 'plan_id'
        | 'checkout_session_id'
        | 'payment_method_id'
        | 'started_at'
        | 'cycle_end_at'
      >
    >,
  ) =>
    db.insertInto('subscriptions').values({
      id: param('id'),
      customer_id: param('customer_id'),
      plan_id: param('plan_id'),
      checkout_session_id: param('checkout_session_id'),
      payment_method_id: param('payment_method_id'),
      status: 'active',
      started_at: param('started_at'),
      cycle_start_at: param('started_at'),
      cycle_end_at: param('cycle_end_at'),
      cancelled_at: null,
      created_at: param('started_at'),
    }),
);
const completeSession = prepareQuery(
  (db, param: Param<{ id: string; at: string; customer_id: string }>) =>
    db
      .updateTable('checkout_sessions')
      .set({
        status: 'completed',
        completed_at: param('at'),
        updated_at: param('at'),
        customer_id: param('customer_id'),
      })
      .where('id', '=', param('id')),
);

/**
 * Records a succeeded charge, in one transaction: the customer (the one the phone was verified
 * for, else created, or found if another checkout created it meanwhile), the card reference,
 * the payment, the subscription, the session's completion, and the webhook events announcing
 * them (one multi-row insert into the outbox). A customer has one plan at a time: another
 * plan's subscription is cancelled, never one to this plan.
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

    let customer: Tables['customers'];
    let returning = session.customer_id !== null;
    const events: Tables['webhook_events'][] = [];
    if (session.customer_id !== null) {
      // The webhook events carry the customer as the API shows it.
      customer = await trx
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', session.customer_id)
        .executeTakeFirstOrThrow();
    } else {
      const [upserted] = (
        await upsertCustomer(trx, {
          id: createId('con', merchant.environment),
          merchant_id: merchant.id,
          phone: payment.phone,
          created_at: iso,
        })
      ).rows;
      if (!upserted) throw new Error('Lava Checkout: the customer upsert returned no row.');
      customer = upserted;
      returning = customer.created_at !== iso;
      if (!returning) {
        events.push(webhookEvent('customer.created', merchant, at, toRestCustomer(customer, null)));
      }
    }
    const customerId = customer.id;

    const paymentMethodId = createId('pm', merchant.environment);
    await insertPaymentMethod(trx, {
      id: paymentMethodId,
      customer_id: customerId,
      processor_ref: paymentMethod.processorRef,
      brand: paymentMethod.brand,
      last4: paymentMethod.last4,
      exp_month: paymentMethod.expMonth,
      exp_year: paymentMethod.expYear,
      created_at: iso,
      processor_customer_ref: paymentMethod.customerRef ?? null,
    });
    await markSucceeded(trx, { id: payment.id, processor_ref: input.chargeRef });
    if (returning) {
      await cancelSubscription(trx, {
        merchant,
        customerId,
        which: { exceptPlanId: plan.id },
        at,
        customer,
      });
    }
    const subscriptionId = createId('sub', merchant.environment);
    await insertSubscription(trx, {
      id: subscriptionId,
      customer_id: customerId,
      plan_id: plan.id,
      checkout_session_id: session.id,
      payment_method_id: paymentMethodId,
      started_at: iso,
      cycle_end_at: addBillingInterval(at, plan.billing_interval).toISOString(),
    });
    await completeSession(trx, { id: session.id, at: iso, customer_id: customerId });
    await grantCycleCredit(trx, { merchant, customerId, subscriptionId, plan, at });
    const subscribed = toRestCustomer(customer, {
      id: subscriptionId,
      plan_id: plan.id,
      name: plan.name,
      status: 'active',
    });
    events.push(
      webhookEvent('subscription.created', merchant, at, {
        ...subscribed,
        subscription_id: subscriptionId,
        plan_id: plan.id,
      }),
      checkoutCompleted(merchant, at, session.id, subscribed, plan.id, subscriptionId),
    );
    await insertWebhookEvents(trx, events);
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
    .selectAll('customers')
    .select(['subscriptions.id as subscription_id'])
    .where('customers.merchant_id', '=', merchant.id)
    .where((eb) =>
      eb.or([
        eb('customers.phone', '=', payment.phone),
        eb('customers.id', '=', session.customer_id ?? ''),
      ]),
    )
    .where('subscriptions.plan_id', '=', plan.id)
    // A literal: see activeSubscription in claimPayment.
    .where('subscriptions.status', '=', sql.lit('active'))
    .executeTakeFirst();
  if (!existing) return null;
  console.error('Lava Checkout: a customer was charged for a plan they already had; refund it', {
    payment: payment.id,
    charge: input.chargeRef,
  });
  await markSucceeded(trx, { id: payment.id, processor_ref: input.chargeRef });
  await completeSession(trx, { id: session.id, at: iso, customer_id: existing.id });
  const customer = toRestCustomer(existing, {
    id: existing.subscription_id,
    plan_id: plan.id,
    name: plan.name,
    status: 'active',
  });
  await insertWebhookEvents(trx, [
    checkoutCompleted(merchant, input.at, session.id, customer, plan.id, existing.subscription_id),
  ]);
  return {
    status: 'succeeded',
    checkout_session_id: session.id,
    customer_id: existing.id,
    subscription_id: existing.subscription_id,
  };
}

/** The `checkout.completed` event of a subscription checkout. */
export function checkoutCompleted(
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>,
  at: Date,
  checkoutSessionId: string,
  customer: RestCustomer,
  planId: string,
  subscriptionId: string,
): Tables['webhook_events'] {
  return webhookEvent('checkout.completed', merchant, at, {
    ...customer,
    checkout_session_id: checkoutSessionId,
    checkout_mode: 'subscription',
    plan_id: planId,
    subscription_id: subscriptionId,
  });
}
