import { grantCycleCredit } from '../credits/grantCycleCredit.ts';
import { type RestCustomer, toRestCustomer } from '../customers/toRestCustomer.ts';
import { markPaymentSucceeded } from '../payments/markPaymentSucceeded.ts';
import { paymentMethodRow } from '../payments/paymentMethodRow.ts';
import type { RecordedPayment, RecordPaymentInput } from '../payments/recordPayment.ts';
import { reportChargeToRefund } from '../payments/reportChargeToRefund.ts';
import { createId } from '../platform/createId.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import { cancelSubscription } from './cancelSubscription.ts';

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

/** The customer, and their active subscription to the plan if they have one. */
const customerWithPlan = prepareQuery(
  (db, param: Param<{ customer_id: string; plan_id: string }>) =>
    db
      .selectFrom('customers')
      .leftJoin('subscriptions', (join) =>
        join
          .onRef('subscriptions.customer_id', '=', 'customers.id')
          .on('subscriptions.plan_id', '=', param('plan_id'))
          .on('subscriptions.status', '=', 'active'),
      )
      .selectAll('customers')
      .select('subscriptions.id as subscription_id')
      .where('customers.id', '=', param('customer_id')),
);

/**
 * Records a plan's succeeded charge, in one transaction: the payment (first, by the one rule
 * of `markPaymentSucceeded`: a payment recorded before returns what was recorded), the customer
 * (the one the phone was verified for, else created, or found if another checkout created it
 * meanwhile), the card reference, the subscription, the session's completion, and the webhook
 * events announcing them (one multi-row insert into the outbox). A customer has one plan at a
 * time: another plan's subscription is cancelled, never one to this plan; a customer who has
 * this plan already (got meanwhile) keeps it, and the charge is reported for a refund.
 */
export async function recordSubscription(
  db: Db,
  input: RecordPaymentInput,
): Promise<RecordedPayment> {
  const { payment, merchant, plan, paymentMethod, at } = input;
  const sessionId = payment.session_id;
  if (sessionId === null || payment.phone === null) {
    throw new Error(`Lava Checkout: payment ${payment.id} buys a plan without a checkout session.`);
  }
  const iso = at.toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await markPaymentSucceeded(trx, payment, input.chargeRef))) {
      return recordedBefore(trx, sessionId, plan.id);
    }

    let customer: Tables['customers'];
    let returning = input.customerId !== null;
    let subscribed: string | null = null;
    const events: Tables['webhook_events'][] = [];
    if (input.customerId !== null) {
      // The webhook events carry the customer as the API shows it.
      const { rows } = await customerWithPlan(trx, {
        customer_id: input.customerId,
        plan_id: plan.id,
      });
      const found = rows[0];
      if (!found) throw new Error(`Lava Checkout: customer ${input.customerId} is missing.`);
      const { subscription_id, ...row } = found;
      customer = row;
      subscribed = subscription_id;
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
      } else {
        // Another checkout made the customer meanwhile, and may have sold them the plan.
        subscribed =
          (await customerWithPlan(trx, { customer_id: customer.id, plan_id: plan.id })).rows[0]
            ?.subscription_id ?? null;
      }
    }
    const customerId = customer.id;
    if (subscribed !== null) {
      reportChargeToRefund('a customer was charged for a plan they already had', input);
      await completeSession(trx, { id: sessionId, at: iso, customer_id: customerId });
      const summary = toRestCustomer(customer, {
        id: subscribed,
        plan_id: plan.id,
        name: plan.name,
        status: 'active',
      });
      await insertWebhookEvents(trx, [
        checkoutCompleted(merchant, at, sessionId, summary, plan.id, subscribed),
      ]);
      return {
        status: 'succeeded',
        checkout_session_id: sessionId,
        customer_id: customerId,
        subscription_id: subscribed,
      };
    }

    const paymentMethodId = createId('pm', merchant.environment);
    await insertPaymentMethod(
      trx,
      paymentMethodRow(paymentMethodId, customerId, paymentMethod, iso),
    );
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
      checkout_session_id: sessionId,
      payment_method_id: paymentMethodId,
      started_at: iso,
      cycle_end_at: addBillingInterval(at, plan.billing_interval).toISOString(),
    });
    await completeSession(trx, { id: sessionId, at: iso, customer_id: customerId });
    await grantCycleCredit(trx, { merchant, customerId, subscriptionId, plan, at });
    const summary = toRestCustomer(customer, {
      id: subscriptionId,
      plan_id: plan.id,
      name: plan.name,
      status: 'active',
    });
    events.push(
      webhookEvent('subscription.created', merchant, at, {
        ...summary,
        subscription_id: subscriptionId,
        plan_id: plan.id,
      }),
      checkoutCompleted(merchant, at, sessionId, summary, plan.id, subscriptionId),
    );
    await insertWebhookEvents(trx, events);
    return {
      status: 'succeeded',
      checkout_session_id: sessionId,
      customer_id: customerId,
      subscription_id: subscriptionId,
    };
  });
}

/** What an earlier recording of the session's payment recorded: its subscription. */
async function recordedBefore(
  trx: Db,
  sessionId: string,
  planId: string,
): Promise<RecordedPayment> {
  const session = await trx
    .selectFrom('checkout_sessions')
    .leftJoin('subscriptions', 'subscriptions.checkout_session_id', 'checkout_sessions.id')
    .select(['checkout_sessions.customer_id', 'subscriptions.id as subscription_id'])
    .where('checkout_sessions.id', '=', sessionId)
    .executeTakeFirstOrThrow();
  if (session.customer_id === null) {
    throw new Error(`Lava Checkout: session ${sessionId} was paid but completed for no customer.`);
  }
  // A customer who had the plan already: the session completed with their subscription.
  const subscriptionId =
    session.subscription_id ??
    (
      await trx
        .selectFrom('subscriptions')
        .select('id')
        .where('customer_id', '=', session.customer_id)
        .where('plan_id', '=', planId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  return {
    status: 'succeeded',
    checkout_session_id: sessionId,
    customer_id: session.customer_id,
    subscription_id: subscriptionId,
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
