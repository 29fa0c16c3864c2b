import { writeAutoTopUp } from '../credits/setAutoTopUp.ts';
import type { Services } from '../Services.ts';
import { findSubscriptionOrThrow } from './findSubscriptionOrThrow.ts';

/**
 * Sets which credit bundle tops a subscription up (`null`: auto top-up off; left out:
 * unchanged). It must be a live bundle of the subscription's plan (see `setAutoTopUp`).
 */
export async function setAutoTopUpBundle(
  services: Pick<Services, 'db'>,
  merchantId: string,
  subscriptionId: string,
  bundleId: string | null | undefined,
) {
  const { db } = services;
  const subscription = await findSubscriptionOrThrow(db, merchantId, subscriptionId);
  if (bundleId !== undefined) await writeAutoTopUp(db, subscription, bundleId);
}
