import type { PaymentFailure } from '../payments/PaymentProcessor.ts';
import type { PaymentRow } from '../payments/paymentRow.ts';
import type { Db } from '../platform/db/Database.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { endOntoFreePlan } from './endOntoFreePlan.ts';
import { readSubscriptionHolder } from './readSubscriptionHolder.ts';
import { parseRenewalKey, RENEWAL_RESUME_MS, renewalDueAt } from './renewalKey.ts';

/**
 * A renewal charge that failed (declined, authentication required), inside the transaction
 * that marks its payment failed: `subscription.payment_failed` says which decline it was and
 * when the next attempt is (`RENEWAL_RETRY_DAYS`, kept in `renewal_retry_at` for the job);
 * after the last, the subscription is cancelled (`cancelSubscription`) and the customer put on
 * the merchant's Free plan. A charge that never reached the card (`processing_error`) is no
 * decline: it is tried again shortly (`RENEWAL_RESUME_MS`), announced to nobody.
 */
export async function recordRenewalFailure(
  trx: Db,
  payment: PaymentRow,
  failure: Pick<PaymentFailure, 'code'>,
  at: Date,
): Promise<void> {
  const key = parseRenewalKey(payment.idempotency_key);
  if (key === null || payment.subscription_id === null) return;
  if (failure.code === 'processing_error') {
    // The charge never reached the card: not the customer's decline. The cycle is charged again
    // by a job run after `RENEWAL_RESUME_MS`, under the next attempt's key.
    await trx
      .updateTable('subscriptions')
      .set({ renewal_retry_at: new Date(at.getTime() + RENEWAL_RESUME_MS).toISOString() })
      .where('id', '=', payment.subscription_id)
      .execute();
    return;
  }
  const { subscription, customer, merchant, restCustomer } = await readSubscriptionHolder(
    trx,
    payment.subscription_id,
  );
  const { id: subscription_id, plan_id, cycle_end_at } = subscription;
  // This cycle's declines, this one included (its payment is marked failed in this transaction).
  const declines = (
    await trx
      .selectFrom('payments')
      .select(['created_at', 'failure_code', 'idempotency_key'])
      .where('subscription_id', '=', subscription_id)
      .where('kind', '=', 'renewal')
      .where('status', '=', 'failed')
      .orderBy('created_at')
      .execute()
  ).filter(
    (row) =>
      row.failure_code !== 'processing_error' &&
      parseRenewalKey(row.idempotency_key ?? '')?.cycleStartAt === key.cycleStartAt,
  );
  const next = renewalDueAt(cycle_end_at, declines[0]?.created_at ?? null, declines.length);
  const last = next === null;
  await trx
    .updateTable('subscriptions')
    .set({ renewal_retry_at: next?.toISOString() ?? null })
    .where('id', '=', subscription_id)
    .execute();
  await insertWebhookEvents(trx, [
    webhookEvent('subscription.payment_failed', merchant, at, {
      ...restCustomer,
      subscription_id,
      plan_id,
      payment_id: payment.id,
      amount: payment.amount,
      failure_code: failure.code,
      attempt: declines.length,
      /** When it is tried again; `null`: it was the last try, and the subscription ends. */
      next_attempt_at: next?.toISOString() ?? null,
    }),
  ]);
  if (!last) return;
  await endOntoFreePlan(trx, { merchant, customer, subscription, at });
}
