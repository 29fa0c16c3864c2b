import type { Services } from '../Services.ts';
import { findMerchantOf } from './findMerchantOf.ts';
import { setPendingChange } from './setPendingChange.ts';

/**
 * Takes back what was to happen at the end of a subscription's cycle (a cancellation or a
 * downgrade): it renews on its plan as before. Announced by `subscription.updated` when there
 * was a pending change; without one, nothing changes.
 */
export async function clearPendingChange(
  services: Pick<Services, 'db' | 'now'>,
  input: { merchantId: string; subscriptionId: string },
): Promise<null> {
  const merchant = await findMerchantOf(services.db, input.merchantId);
  await setPendingChange(services.db, {
    merchant,
    subscriptionId: input.subscriptionId,
    change: null,
    at: services.now(),
  });
  return null;
}
