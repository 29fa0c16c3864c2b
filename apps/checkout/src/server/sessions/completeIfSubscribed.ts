import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import type { Db } from '../db/Database.ts';
import { findCustomer } from './findCustomer.ts';
import type { ActiveSession } from './openCheckoutSession.ts';
import { refuseClaim } from './refuseClaim.ts';

/**
 * A customer who already has the plan is not charged again: the session completes for that
 * customer, naming the subscription they have. Returns `null` when they do not have it.
 */
export async function completeIfSubscribed(
  db: Db,
  opened: ActiveSession,
  phone: string,
  now: Date,
): Promise<Extract<SubscribeResponse, { status: 'succeeded' }> | null> {
  const { session, plan, merchant } = opened;
  const customer = await findCustomer(db, merchant.id, {
    customerId: session.customer_id,
    phone,
  });
  const current = customer
    ? await db
        .selectFrom('subscriptions')
        .select('id')
        .where('customer_id', '=', customer.id)
        .where('plan_id', '=', plan.id)
        .where('status', '=', 'active')
        .executeTakeFirst()
    : undefined;
  if (!customer || !current) return null;
  const completed = await db
    .updateTable('checkout_sessions')
    .set({
      status: 'completed',
      completed_at: now.toISOString(),
      updated_at: now.toISOString(),
      customer_id: customer.id,
    })
    .where('id', '=', session.id)
    .where('status', '=', 'phone_verified')
    .executeTakeFirst();
  if (completed.numUpdatedRows === 0n) return refuseClaim(db, session.id);
  return {
    status: 'succeeded',
    checkout_session_id: session.id,
    customer_id: customer.id,
    subscription_id: current.id,
  };
}
