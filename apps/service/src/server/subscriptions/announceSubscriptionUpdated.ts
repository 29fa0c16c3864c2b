import type { RestSubscriptionBase, SubscriptionChange } from '@lava-checkout/server';
import type { Db, Tables } from '../platform/db/Database.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { readSubscriptionHolder } from './readSubscriptionHolder.ts';

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
  const { subscription, restCustomer } = await readSubscriptionHolder(trx, input.subscriptionId);
  await insertWebhookEvents(trx, [
    webhookEvent('subscription.updated', input.merchant, input.at, {
      ...restCustomer,
      subscription_id: subscription.id,
      plan_id: subscription.plan_id,
      cycle_start_at: subscription.cycle_start_at,
      cycle_end_at: subscription.cycle_end_at,
      change: input.change,
      pending_change: input.pendingChange,
      ...input.extra,
    }),
  ]);
}
