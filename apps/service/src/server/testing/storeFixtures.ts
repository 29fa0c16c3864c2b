import { grantCycleCredit } from '../credits/grantCycleCredit.ts';
import { insertMerchant } from '../merchants/insertMerchant.ts';
import type { Db } from '../platform/db/Database.ts';
import { insertCompletedSubscription } from './insertCompletedSubscription.ts';
import { PRO_PLAN_TERMS } from './PRO_PLAN_TERMS.ts';

export const AT = '2026-11-22T12:00:00.000Z';

/**
 * A merchant with the seeds' meter and plan (25.00 included), and a customer subscribed to it,
 * with the plan's credit granted, written straight into a database: what store tests start
 * from.
 */
export async function storeFixtures(
  db: Db,
  tiers = [{ start: '0', rate: '3.00' }],
  /** `false` for a database migrated only up to before the credit ledger. */
  options: { credits?: boolean } = {},
) {
  const ids = {
    merchant: 'mer_test_1',
    customer: 'con_test_1',
    meter: 'prd_test_1',
    plan: 'sc_test_1',
    session: 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R',
    subscription: 'sub_test_1',
  };
  await insertMerchant(db, { id: ids.merchant, name: 'M', environment: 'test' }, AT);
  await db
    .insertInto('customers')
    .values({ id: ids.customer, merchant_id: ids.merchant, phone: '+14155550100', created_at: AT })
    .execute();
  await db
    .insertInto('meters')
    .values({
      id: ids.meter,
      merchant_id: ids.merchant,
      name: 'Tokens',
      slug: 'tokens',
      rate_type: 'fixed',
      tier_type: 'tokens_1m',
      tiers: JSON.stringify(tiers),
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('plans')
    .values({
      id: ids.plan,
      merchant_id: ids.merchant,
      ...PRO_PLAN_TERMS,
      created_at: AT,
    })
    .execute();
  await db.insertInto('plan_meters').values({ plan_id: ids.plan, meter_id: ids.meter }).execute();
  await db
    .insertInto('payment_methods')
    .values({
      id: 'pm_1',
      customer_id: ids.customer,
      processor_ref: 'pm_test.x',
      brand: 'visa',
      last4: '4242',
      exp_month: 12,
      exp_year: 2034,
      created_at: AT,
    })
    .execute();
  await insertCompletedSubscription(db, ids);
  // What the checkout grants: the plan's included credit for the first cycle.
  if (options.credits === false) return ids;
  await grantCycleCredit(db, {
    merchant: { id: ids.merchant, environment: 'test' },
    customerId: ids.customer,
    subscriptionId: ids.subscription,
    plan: { id: ids.plan, included_credit: '25.00' },
    at: new Date(AT),
  });
  return ids;
}
