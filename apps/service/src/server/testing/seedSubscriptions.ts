import type { Insertable } from 'kysely';
import { grantCycleCredit } from '../credits/grantCycleCredit.ts';
import type { Db, Tables } from '../platform/db/Database.ts';

export interface SeedSubscriptionsInput {
  merchant: { id: string; environment: 'test' | 'live' };
  plan: { id: string; included_credit: string };
  /** How many customers, each with a card and an active subscription to the plan. */
  count: number;
  /** The saved card's processor reference (`testPaymentMethod().payment_method`). */
  card: string;
  cycleStartAt: string;
  cycleEndAt: string;
  /** Ids are `con_<prefix><n>`, `pm_<prefix><n>`, `sub_<prefix><n>`. @default 's' */
  prefix?: string;
  /** The first `n`, for several calls under one prefix (phones follow it). @default 0 */
  first?: number;
}

/**
 * Customers subscribed to a plan as a checkout leaves them (a saved card, the plan's included
 * credit granted for the cycle), written straight into the database in one transaction: how
 * benchmarks and crash tests get thousands of subscriptions without thousands of checkouts.
 */
export async function seedSubscriptions(db: Db, input: SeedSubscriptionsInput): Promise<string[]> {
  const prefix = input.prefix ?? 's';
  const first = input.first ?? 0;
  const ids: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < input.count; from += 500) {
      const n = Array.from(
        { length: Math.min(500, input.count - from) },
        (_, i) => first + from + i,
      );
      // Each table's rows, one for each `n`.
      const insert = async <T extends keyof Tables>(
        table: T,
        row: (i: number) => Insertable<Tables[T]>,
      ) => {
        await trx.insertInto(table).values(n.map(row)).execute();
      };
      await insert('customers', (i) => ({
        id: `con_${prefix}${i}`,
        merchant_id: input.merchant.id,
        phone: `+1415${String(6_000_000 + i).padStart(7, '0')}`,
        created_at: input.cycleStartAt,
      }));
      await insert('payment_methods', (i) => ({
        id: `pm_${prefix}${i}`,
        customer_id: `con_${prefix}${i}`,
        processor_ref: input.card,
        brand: 'visa',
        last4: '4242',
        exp_month: 12,
        exp_year: 2034,
        created_at: input.cycleStartAt,
      }));
      await insert('subscriptions', (i) => ({
        id: `sub_${prefix}${i}`,
        customer_id: `con_${prefix}${i}`,
        plan_id: input.plan.id,
        checkout_session_id: null,
        payment_method_id: `pm_${prefix}${i}`,
        status: 'active' as const,
        started_at: input.cycleStartAt,
        cycle_start_at: input.cycleStartAt,
        cycle_end_at: input.cycleEndAt,
        cancelled_at: null,
        created_at: input.cycleStartAt,
      }));
      for (const i of n) {
        await grantCycleCredit(trx, {
          merchant: input.merchant,
          customerId: `con_${prefix}${i}`,
          subscriptionId: `sub_${prefix}${i}`,
          plan: input.plan,
          at: new Date(input.cycleStartAt),
        });
        ids.push(`sub_${prefix}${i}`);
      }
    }
  });
  return ids;
}
