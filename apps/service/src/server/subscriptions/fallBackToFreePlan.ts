import type { Db, Tables } from '../platform/db/Database.ts';
import { subscribeWithoutCheckout } from './subscribeWithoutCheckout.ts';

/**
 * Puts a customer whose subscription ended (cancelled at the end of its cycle, or after its
 * last failed renewal) on the merchant's Free plan, inside the caller's transaction; nothing
 * when the merchant has none, or the plan that ended was Free itself.
 */
export async function fallBackToFreePlan(
  trx: Db,
  input: {
    merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
    customer: Tables['customers'];
    /** The plan that ended. */
    endedPlanId: string;
    at: Date;
  },
): Promise<void> {
  const { merchant, customer, at } = input;
  const free = await trx
    .selectFrom('plans')
    .select(['id', 'name', 'billing_interval', 'included_credit'])
    .where('merchant_id', '=', merchant.id)
    .where('is_free', '=', 1)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (free && free.id !== input.endedPlanId) {
    await subscribeWithoutCheckout(trx, { merchant, customer, plan: free, at });
  }
}
