import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';

export interface CancelSubscriptionInput {
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
  customerId: string;
  /**
   * Which of the customer's active subscriptions end: one (`DELETE /v1/subscriptions/:id`),
   * all of them (the customer is deleted), or all but those to a plan (they bought another
   * plan: a customer has one plan at a time).
   */
  which: { subscriptionId: string } | { all: true } | { exceptPlanId: string };
  at: Date;
  /** The customer as it is before the change, when the caller has it; read otherwise. */
  customer?: Tables['customers'];
}

/**
 * The one way a subscription ends: each active subscription `which` names becomes `cancelled`
 * at `at`, and a `subscription.cancelled` event per subscription goes to the outbox in the
 * same transaction (the caller's, else one of its own). A subscription already cancelled is
 * left alone and announced no second time. Returns the subscriptions it cancelled.
 */
export async function cancelSubscription(
  db: Db,
  input: CancelSubscriptionInput,
): Promise<{ id: string; plan_id: string }[]> {
  if (!db.isTransaction) return db.transaction().execute((trx) => cancelSubscription(trx, input));
  const { merchant, customerId, which, at } = input;
  let update = db
    .updateTable('subscriptions')
    .set({ status: 'cancelled', cancelled_at: at.toISOString() })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'active');
  if ('subscriptionId' in which) update = update.where('id', '=', which.subscriptionId);
  if ('exceptPlanId' in which) update = update.where('plan_id', '!=', which.exceptPlanId);
  const cancelled = await update.returning(['id', 'plan_id']).execute();
  if (cancelled.length === 0) return cancelled;
  const customer =
    input.customer ??
    (await db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow());
  await insertWebhookEvents(
    db,
    cancelled.map((subscription) =>
      webhookEvent('subscription.cancelled', merchant, at, {
        ...toRestCustomer(customer, null),
        subscription_id: subscription.id,
        plan_id: subscription.plan_id,
      }),
    ),
  );
  return cancelled;
}
