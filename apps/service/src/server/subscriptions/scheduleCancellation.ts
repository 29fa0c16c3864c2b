import type { RestSubscriptionBase } from '@lava-checkout/server';
import type { Services } from '../Services.ts';
import { findMerchantOf } from './findMerchantOf.ts';
import { setPendingChange } from './setPendingChange.ts';

/**
 * Cancels a subscription at the end of its cycle: a pending change of type `cancellation`
 * (replacing a pending downgrade), effective at `cycle_end_at`. Until then the customer keeps
 * the plan and its credits; then the subscription ends, uncharged, and the customer is put on
 * the Free plan. `clearPendingChange` takes it back. Announced by `subscription.updated`.
 */
export async function scheduleCancellation(
  services: Pick<Services, 'db' | 'now'>,
  input: { merchantId: string; subscriptionId: string },
): Promise<NonNullable<RestSubscriptionBase['pending_change']>> {
  const merchant = await findMerchantOf(services.db, input.merchantId);
  const pending = await setPendingChange(services.db, {
    merchant,
    subscriptionId: input.subscriptionId,
    change: { type: 'cancellation' },
    at: services.now(),
  });
  if (!pending) throw new Error('Lava Checkout: a cancellation was set but reads back as none.');
  return pending;
}
