import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { readCreditUnits, toCreditUnits } from './creditUnits.ts';
import { grantCredits } from './grantCredits.ts';
import { insertCreditEntry } from './insertCreditEntry.ts';

// The statements of every renewal, prepared once (see prepareQuery).
const lockAccount = prepareQuery((db, param: Param<{ customer_id: string; at: string }>) =>
  db
    .updateTable('credit_accounts')
    .set({ updated_at: param('at') })
    .where('customer_id', '=', param('customer_id')),
);
/** The grants that expire as a cycle ends: bundle and top-up credit too, or only the cycle's. */
const findExpiringOf = (sources: Tables['credit_grants']['source'][]) =>
  prepareQuery((db, param: Param<{ subscription_id: string }>) =>
    db
      .selectFrom('credit_grants')
      .select(['id', 'source', 'remaining'])
      .where('subscription_id', '=', param('subscription_id'))
      .where('remaining', '>', 0n)
      .where('source', 'in', sources),
  );
const findExpiring = {
  all: findExpiringOf(['cycle', 'rollover', 'bundle', 'top_up']),
  cycle: findExpiringOf(['cycle', 'rollover']),
};
const expireGrant = prepareQuery((db, param: Param<{ id: string; amount: bigint }>) =>
  db
    .updateTable('credit_grants')
    .set({ remaining: sql`remaining - ${param('amount')}` })
    .where('id', '=', param('id')),
);
const takeExpired = prepareQuery((db, param: Param<{ customer_id: string; amount: bigint }>) =>
  db
    .updateTable('credit_accounts')
    .set({
      available: sql`available - ${param('amount')}`,
      balance_version: sql`balance_version + 1`,
    })
    .where('customer_id', '=', param('customer_id')),
);

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
  await lockAccount(trx, { customer_id: customerId, at });
  const { rows: expiring } = await (plan.bundle_rollover_type === 'none'
    ? findExpiring.all
    : findExpiring.cycle)(trx, { subscription_id: input.subscriptionId });
  let expired = 0n;
  let carried = 0n;
  for (const grant of expiring) {
    const remaining = readCreditUnits(grant.remaining);
    await expireGrant(trx, { id: grant.id, amount: remaining });
    await insertCreditEntry(trx, {
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
  if (expiring.length > 0) await takeExpired(trx, { customer_id: customerId, amount: expired });
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
