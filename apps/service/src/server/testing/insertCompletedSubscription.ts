import type { Db } from '../platform/db/Database.ts';

const AT = '2026-11-22T12:00:00.000Z';

/**
 * An active subscription of a customer to a plan, paid with the saved card `pm_1`, and the
 * completed checkout session it came from, both made at the store fixtures' moment (cycle to
 * Dec 22), written straight into a database.
 */
export async function insertCompletedSubscription(
  db: Db,
  ids: { merchant: string; customer: string; plan: string; session: string; subscription: string },
): Promise<void> {
  await db
    .insertInto('checkout_sessions')
    .values({
      id: ids.session,
      merchant_id: ids.merchant,
      mode: 'subscription',
      origin_url: 'https://a.com',
      plan_id: ids.plan,
      customer_id: ids.customer,
      status: 'completed',
      phone: '+14155550100',
      code_sends: 1,
      payment_attempts: 1,
      expires_at: AT,
      created_at: AT,
      completed_at: AT,
      updated_at: AT,
      code_hash: null,
      code_expires_at: null,
      code_sent_at: null,
      code_attempts: 0,
    })
    .execute();
  await db
    .insertInto('subscriptions')
    .values({
      id: ids.subscription,
      customer_id: ids.customer,
      plan_id: ids.plan,
      checkout_session_id: ids.session,
      payment_method_id: 'pm_1',
      status: 'active',
      started_at: AT,
      cycle_start_at: AT,
      cycle_end_at: '2026-12-22T12:00:00.000Z',
      cancelled_at: null,
      created_at: AT,
    })
    .execute();
}
