import type { RestSubscriptionBase, SubscriptionChange } from '@lava-checkout/server';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';

/**
 * Writes `subscription.updated` to the outbox, inside the caller's transaction: the customer
 * with their subscription as it is now, what changed, and the pending change it concerns (the
 * one set, or applied; `null` when one was cleared).
 */
export async function announceSubscriptionUpdated(
  trx: Db,
  input: {
    merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
    subscriptionId: string;
    change: SubscriptionChange;
    pendingChange: RestSubscriptionBase['pending_change'];
    at: Date;
    /** Extra facts of the change (an upgrade's payment and amount). */
    extra?: Record<string, string | null>;
  },
): Promise<void> {
  const row = await trx
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .selectAll('customers')
    .select([
      'subscriptions.id as subscription_id',
      'subscriptions.plan_id',
      'subscriptions.status as subscription_status',
      'subscriptions.cycle_start_at',
      'subscriptions.cycle_end_at',
      'plans.name as plan_name',
    ])
    .where('subscriptions.id', '=', input.subscriptionId)
    .executeTakeFirstOrThrow();
  const {
    subscription_id,
    plan_id,
    subscription_status,
    cycle_start_at,
    cycle_end_at,
    plan_name,
    ...customer
  } = row;
  await insertWebhookEvents(trx, [
    webhookEvent('subscription.updated', input.merchant, input.at, {
      ...toRestCustomer(customer, {
        id: subscription_id,
        plan_id,
        name: plan_name,
        status: subscription_status,
      }),
      subscription_id,
      plan_id,
      cycle_start_at,
      cycle_end_at,
      change: input.change,
      pending_change: input.pendingChange,
      ...input.extra,
    }),
  ]);
}
