import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { findSubscriptionOrThrow } from './findSubscriptionOrThrow.ts';

/**
 * Sets which credit bundle tops a subscription up (`null`: none; left out: unchanged). It must
 * be a live bundle of the subscription's plan.
 */
export async function setAutoTopUpBundle(
  services: Pick<Services, 'db'>,
  merchantId: string,
  subscriptionId: string,
  bundleId: string | null | undefined,
) {
  const { db } = services;
  const subscription = await findSubscriptionOrThrow(db, merchantId, subscriptionId);
  if (typeof bundleId === 'string') {
    const bundle = await db
      .selectFrom('credit_bundles')
      .select('id')
      .where('id', '=', bundleId)
      .where('plan_id', '=', subscription.plan_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!bundle) {
      throw new ServiceError(
        'not_found',
        `Lava Checkout: auto_top_up_bundle_id names no credit bundle of this subscription's plan (${subscription.plan_id}). Use one of the plan's credit_bundles, or null.`,
        { param: 'auto_top_up_bundle_id' },
      );
    }
  }
  if (bundleId !== undefined) {
    await db
      .updateTable('subscriptions')
      .set({ auto_top_up_bundle_id: bundleId })
      .where('id', '=', subscription.id)
      .execute();
  }
}
