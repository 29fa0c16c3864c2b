import type { RestSubscriptionBase } from '@lava-checkout/server';
import type { Db, Tables } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { announceSubscriptionUpdated } from './announceSubscriptionUpdated.ts';
import { findSubscriptionOrThrow } from './findSubscriptionOrThrow.ts';
import { toRestPendingChange } from './loadSubscriptions.ts';

/** A change for the end of the cycle, or none. */
export type PendingChangeInput =
  | { type: 'cancellation' }
  | { type: 'downgrade'; planId: string }
  | null;

/**
 * Sets (or, with `null`, clears) what happens to an active subscription when its cycle ends,
 * in the caller's transaction or one of its own, and announces it (`subscription.updated`).
 * Setting what is set already changes nothing and announces nothing. Returns the pending change
 * as the REST API shows it.
 */
export async function setPendingChange(
  db: Db,
  input: {
    merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
    subscriptionId: string;
    change: PendingChangeInput;
    at: Date;
  },
): Promise<RestSubscriptionBase['pending_change']> {
  if (!db.isTransaction) return db.transaction().execute((trx) => setPendingChange(trx, input));
  const { merchant, subscriptionId, change, at } = input;
  const subscription = await findSubscriptionOrThrow(db, merchant.id, subscriptionId);
  if (subscription.status !== 'active') {
    throw new ServiceError(
      'invalid_state',
      `Lava Checkout: subscription ${subscriptionId} was cancelled on ${subscription.cancelled_at}, so nothing can change at the end of its cycle. Subscribe the customer again through a checkout session (or POST /v1/subscriptions for a $0 plan).`,
      { param: 'id' },
    );
  }
  const type = change?.type ?? null;
  const planId = change?.type === 'downgrade' ? change.planId : null;
  if (subscription.pending_change === type && subscription.pending_plan_id === planId) {
    return toRestPendingChange(subscription);
  }
  await db
    .updateTable('subscriptions')
    .set({ pending_change: type, pending_plan_id: planId })
    .where('id', '=', subscription.id)
    .where('status', '=', 'active')
    .execute();
  const updated = await findSubscriptionOrThrow(db, merchant.id, subscriptionId);
  const pendingChange = toRestPendingChange(updated);
  await announceSubscriptionUpdated(db, {
    merchant,
    subscriptionId,
    change: type === null ? 'pending_change_cleared' : 'pending_change_set',
    pendingChange,
    at,
  });
  return pendingChange;
}
