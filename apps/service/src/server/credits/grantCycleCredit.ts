import type { Db, Tables } from '../platform/db/Database.ts';
import { toCreditUnits } from './creditUnits.ts';
import { grantCredits } from './grantCredits.ts';

/**
 * Grants a new subscription its plan's included credit for its first cycle, inside the
 * transaction that records it. The plan as checkouts hold it carries `included_credit`; one
 * without it is read.
 */
export async function grantCycleCredit(
  trx: Db,
  input: {
    merchant: { id: string; environment: 'test' | 'live' };
    customerId: string;
    subscriptionId: string;
    plan: Pick<Tables['plans'], 'id'> & Partial<Pick<Tables['plans'], 'included_credit'>>;
    at: Date;
  },
): Promise<void> {
  const included =
    input.plan.included_credit ??
    (
      await trx
        .selectFrom('plans')
        .select('included_credit')
        .where('id', '=', input.plan.id)
        .executeTakeFirstOrThrow()
    ).included_credit;
  const amount = toCreditUnits(included);
  if (amount <= 0n) return;
  await grantCredits(trx, {
    merchant: input.merchant,
    customerId: input.customerId,
    subscriptionId: input.subscriptionId,
    source: 'cycle',
    amount,
    cycleStartAt: input.at.toISOString(),
    at: input.at,
  });
}
