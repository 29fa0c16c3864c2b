import { type Insertable, sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { readCreditUnits, toCreditUnits } from './creditUnits.ts';
import { grantCredits } from './grantCredits.ts';

export interface RenewCycleCreditsInput {
  merchant: { id: string; environment: 'test' | 'live' };
  customerId: string;
  subscriptionId: string;
  plan: Pick<Tables['plans'], 'included_credit' | 'rollover_type' | 'bundle_rollover_type'>;
  /** The cycle that starts, and when it ends. */
  cycleStartAt: string;
  cycleEndAt: string;
  at: Date;
}

/**
 * A subscription's credits as its next cycle starts, inside the renewal's transaction: what is
 * left of the ending cycle's credit expires, except that a plan with `rollover_type: 'full'`
 * carries the unused cycle credit into a `rollover` grant that expires with the new cycle
 * (rollover credit does not roll over twice); bundle and top-up credit expires when the plan's
 * `bundle_rollover_type` is `none` and stays otherwise; then the plan's `included_credit` is
 * granted for the new cycle. Every expiry is an `expire` entry taken off the account.
 */
export async function renewCycleCredits(trx: Db, input: RenewCycleCreditsInput): Promise<void> {
  const { merchant, customerId, plan } = input;
  const at = input.at.toISOString();
  // The account row first: on PostgreSQL its lock makes this wait for the customer's draws.
  await trx
    .updateTable('credit_accounts')
    .set({ updated_at: at })
    .where('customer_id', '=', customerId)
    .execute();
  const expiring = await trx
    .selectFrom('credit_grants')
    .select(['id', 'source', 'remaining'])
    .where('subscription_id', '=', input.subscriptionId)
    .where('remaining', '>', 0n)
    .where(
      'source',
      'in',
      plan.bundle_rollover_type === 'none'
        ? ['cycle', 'rollover', 'bundle', 'top_up']
        : ['cycle', 'rollover'],
    )
    .execute();
  let expired = 0n;
  let carried = 0n;
  const entries: Insertable<Tables['credit_entries']>[] = [];
  for (const grant of expiring) {
    const remaining = readCreditUnits(grant.remaining);
    await trx
      .updateTable('credit_grants')
      .set({ remaining: sql`remaining - ${remaining}` })
      .where('id', '=', grant.id)
      .execute();
    entries.push({
      id: createId('cen', merchant.environment),
      merchant_id: merchant.id,
      customer_id: customerId,
      grant_id: grant.id,
      kind: 'expire',
      amount: -remaining,
      request_id: null,
      created_at: at,
    });
    expired += remaining;
    if (grant.source === 'cycle') carried += remaining;
  }
  if (entries.length > 0) {
    await trx.insertInto('credit_entries').values(entries).execute();
    await trx
      .updateTable('credit_accounts')
      .set({ available: sql`available - ${expired}`, balance_version: sql`balance_version + 1` })
      .where('customer_id', '=', customerId)
      .execute();
  }
  const grant = (source: 'cycle' | 'rollover', amount: bigint, expiresAt: string | null) =>
    grantCredits(trx, {
      merchant,
      customerId,
      subscriptionId: input.subscriptionId,
      source,
      amount,
      cycleStartAt: input.cycleStartAt,
      expiresAt,
      at: input.at,
    });
  if (plan.rollover_type === 'full' && carried > 0n) {
    await grant('rollover', carried, input.cycleEndAt);
  }
  const included = toCreditUnits(plan.included_credit);
  if (included > 0n) await grant('cycle', included, null);
}
