import { findCustomerOrThrow } from '../customers/findCustomerOrThrow.ts';
import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';

/** A subscription's auto top-up after a change: the bundle it buys, `null` when it is off. */
export interface AutoTopUpSetting {
  subscription_id: string;
  auto_top_up_bundle_id: string | null;
}

/**
 * Sets which credit bundle auto top-up buys for a customer's active subscription when their
 * credits run out: a live bundle of its plan, or `null` to turn auto top-up off. Until this is
 * called, a subscription tops up with its plan's `default_auto_top_up_bundle_id` (none when the
 * plan has none). `customerId` is the `con_...` id or the merchant's reference id.
 */
export async function setAutoTopUp(
  services: Pick<Services, 'db'>,
  input: { merchantId: string; customerId: string; bundleId: string | null },
): Promise<AutoTopUpSetting> {
  const { db } = services;
  const customer = await findCustomerOrThrow(db, input.merchantId, input.customerId, 'customer_id');
  const subscription = await db
    .selectFrom('subscriptions')
    .select(['id', 'plan_id'])
    .where('customer_id', '=', customer.id)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!subscription) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: customer ${customer.id} has no active subscription to top up. Auto top-up buys a bundle of the customer's plan: subscribe them first.`,
      { param: 'customer_id' },
    );
  }
  return writeAutoTopUp(db, subscription, input.bundleId);
}

/**
 * Writes a subscription's auto top-up bundle (`null`: off), after checking that the bundle is a
 * live one of its plan. Shared with `PATCH /v1/subscriptions/:id`.
 */
export async function writeAutoTopUp(
  db: Db,
  subscription: { id: string; plan_id: string },
  bundleId: string | null,
): Promise<AutoTopUpSetting> {
  if (bundleId !== null) {
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
        `Lava Checkout: auto_top_up_bundle_id names no credit bundle of this subscription's plan (${subscription.plan_id}). Use one of the plan's credit_bundles, or null to turn auto top-up off.`,
        { param: 'auto_top_up_bundle_id' },
      );
    }
  }
  await db
    .updateTable('subscriptions')
    .set({ auto_top_up_bundle_id: bundleId, auto_top_up_off: bundleId === null ? 1 : 0 })
    .where('id', '=', subscription.id)
    .execute();
  return { subscription_id: subscription.id, auto_top_up_bundle_id: bundleId };
}
