import type { Db } from '../platform/db/Database.ts';
import { orNotFound } from '../platform/orNotFound.ts';
import { subscriptionsQuery } from './loadSubscriptions.ts';

/** A subscription to one of the merchant's plans, with its plan and credits, or a 404. */
export async function findSubscriptionOrThrow(db: Db, merchantId: string, subscriptionId: string) {
  return orNotFound(
    await subscriptionsQuery(db, merchantId)
      .where('subscriptions.id', '=', subscriptionId)
      .executeTakeFirst(),
    `Lava Checkout: no subscription ${subscriptionId} in this account. Use a subscription_id from GET /v1/subscriptions.`,
  );
}
