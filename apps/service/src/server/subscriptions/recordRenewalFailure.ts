import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { PaymentFailure } from '../payments/PaymentProcessor.ts';
import type { PaymentRow } from '../payments/paymentRow.ts';
import type { Db } from '../platform/db/Database.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { cancelSubscription } from './cancelSubscription.ts';
import { fallBackToFreePlan } from './fallBackToFreePlan.ts';
import { parseRenewalKey, RENEWAL_RETRY_DAYS, renewalDueAt, renewalKey } from './renewalKey.ts';

/**
 * A renewal charge that failed (declined, authentication required), inside the transaction
 * that marks its payment failed: `subscription.payment_failed` says which attempt it was and
 * when the next one is (`RENEWAL_RETRY_DAYS`); after the last, the subscription is cancelled
 * (`cancelSubscription`) and the customer put on the merchant's Free plan.
 */
export async function recordRenewalFailure(
  trx: Db,
  payment: PaymentRow,
  failure: Pick<PaymentFailure, 'code'>,
  at: Date,
): Promise<void> {
  const key = parseRenewalKey(payment.idempotency_key);
  if (key === null || payment.subscription_id === null) return;
  const row = await trx
    .selectFrom('subscriptions')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .innerJoin('merchants', 'merchants.id', 'customers.merchant_id')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .selectAll('customers')
    .select([
      'subscriptions.id as subscription_id',
      'subscriptions.plan_id',
      'subscriptions.status as subscription_status',
      'subscriptions.cycle_end_at',
      'plans.name as plan_name',
      'merchants.environment',
    ])
    .where('subscriptions.id', '=', payment.subscription_id)
    .executeTakeFirstOrThrow();
  const {
    subscription_id,
    plan_id,
    subscription_status,
    cycle_end_at,
    plan_name,
    environment,
    ...customer
  } = row;
  const merchant = { id: customer.merchant_id, environment };
  const first =
    key.attempt === 0
      ? payment.created_at
      : ((
          await trx
            .selectFrom('payments')
            .select('created_at')
            .where('idempotency_key', '=', renewalKey(subscription_id, key.cycleStartAt, 0))
            .executeTakeFirst()
        )?.created_at ?? payment.created_at);
  const next = renewalDueAt(cycle_end_at, first, key.attempt + 1);
  const last = key.attempt >= RENEWAL_RETRY_DAYS.length;
  await insertWebhookEvents(trx, [
    webhookEvent('subscription.payment_failed', merchant, at, {
      ...toRestCustomer(customer, {
        id: subscription_id,
        plan_id,
        name: plan_name,
        status: subscription_status,
      }),
      subscription_id,
      plan_id,
      payment_id: payment.id,
      amount: payment.amount,
      failure_code: failure.code,
      attempt: key.attempt + 1,
      /** When it is tried again; `null`: it was the last try, and the subscription ends. */
      next_attempt_at: last ? null : (next?.toISOString() ?? null),
    }),
  ]);
  if (!last) return;
  await cancelSubscription(trx, {
    merchant,
    customerId: customer.id,
    which: { subscriptionId: subscription_id },
    at,
    customer,
  });
  await fallBackToFreePlan(trx, { merchant, customer, endedPlanId: plan_id, at });
}
