import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { readCreditUnits } from './creditUnits.ts';
import { type CreditEntry, insertCreditEntry } from './insertCreditEntry.ts';

/** What a draw took, in credit units: from cycle (and rollover) credit, from the rest, and beyond. */
export interface Draw {
  cycle: bigint;
  bundle: bigint;
  /** What no credit covered: an `overage` entry, added to the account's `overage_due`. */
  overage: bigint;
}

/**
 * Rollover credit first, then the cycle's own credit (both given at the cycle's start: the
 * rollover, which never carries again, goes before the credit that may); then bundles, top-ups
 * and adjustments, oldest first.
 */
const DRAW_ORDER = sql<number>`case source when 'rollover' then 0 when 'cycle' then 1 else 2 end`;

// Prepared: a gateway call draws on every settle, and building these queries anew each time
// cost more CPU than SQLite takes to run them.
const touchAccount = prepareQuery((db, param: Param<{ customer_id: string; at: string }>) =>
  db
    .updateTable('credit_accounts')
    .set({ updated_at: param('at') })
    .where('customer_id', '=', param('customer_id')),
);
const openAccount = prepareQuery(
  (db, param: Param<{ customer_id: string; merchant_id: string; at: string }>) =>
    db
      .insertInto('credit_accounts')
      .values({
        customer_id: param('customer_id'),
        merchant_id: param('merchant_id'),
        available: 0n,
        reserved: 0n,
        overage_due: 0n,
        updated_at: param('at'),
      })
      .onConflict((oc) => oc.column('customer_id').doNothing()),
);
const findGrants = prepareQuery((db, param: Param<{ customer_id: string; at: string }>) =>
  db
    .selectFrom('credit_grants')
    .select(['id', 'source', 'remaining'])
    .where('customer_id', '=', param('customer_id'))
    .where('remaining', '>', 0n)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', param('at'))]))
    .orderBy(DRAW_ORDER)
    .orderBy('created_at')
    .orderBy('id'),
);
const takeFromGrant = prepareQuery((db, param: Param<{ id: string; take: bigint }>) =>
  db
    .updateTable('credit_grants')
    .set({ remaining: sql`remaining - ${param('take')}` })
    .where('id', '=', param('id')),
);
const takeFromAccount = prepareQuery(
  (db, param: Param<{ customer_id: string; drawn: bigint; overage: bigint; at: string }>) =>
    db
      .updateTable('credit_accounts')
      .set({
        available: sql`available - ${param('drawn')}`,
        overage_due: sql`overage_due + ${param('overage')}`,
        balance_version: sql`balance_version + 1`,
        updated_at: param('at'),
      })
      .where('customer_id', '=', param('customer_id')),
);

/**
 * Draws `amount` from a customer's credits, inside the caller's transaction, and never refuses:
 * cycle and rollover credit first, then bundle, top-up and adjustment credit oldest first,
 * expired grants never; one `draw` entry per grant touched; what the credits cannot cover
 * becomes one `overage` entry and is added to the account's `overage_due`. The account row is
 * updated first: on PostgreSQL its row lock makes draws of one customer take turns. A caller
 * that updated the account row already in this transaction (`accountLocked`: settling a
 * reservation takes its hold off first) saves that statement.
 */
export async function drawCredits(
  trx: Db,
  input: {
    merchant: { id: string; environment: 'test' | 'live' };
    customerId: string;
    amount: bigint;
    /** The request it pays for (`usage_requests.id`). */
    requestId: string | null;
    at: Date;
    /** The account row exists and this transaction updated it already (so holds its lock). */
    accountLocked?: boolean;
  },
): Promise<Draw> {
  const { merchant, customerId } = input;
  const at = input.at.toISOString();
  const draw: Draw = { cycle: 0n, bundle: 0n, overage: 0n };
  if (input.amount <= 0n) return draw;
  if (!input.accountLocked) {
    const locked = await touchAccount(trx, { customer_id: customerId, at });
    if (locked.numAffectedRows === 0n) {
      await openAccount(trx, { customer_id: customerId, merchant_id: merchant.id, at });
    }
  }
  const { rows: grants } = await findGrants(trx, { customer_id: customerId, at });
  let left = input.amount;
  const entries: CreditEntry[] = [];
  for (const grant of grants) {
    if (left === 0n) break;
    const remaining = readCreditUnits(grant.remaining);
    // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
    const take = left < remaining ? left : remaining;
    await takeFromGrant(trx, { id: grant.id, take });
    entries.push({
      id: createId('cen', merchant.environment),
      merchant_id: merchant.id,
      customer_id: customerId,
      grant_id: grant.id,
      kind: 'draw',
      amount: -take,
      request_id: input.requestId,
      created_at: at,
    });
    if (grant.source === 'cycle' || grant.source === 'rollover') draw.cycle += take;
    else draw.bundle += take;
    left -= take;
  }
  if (left > 0n) {
    draw.overage = left;
    entries.push({
      id: createId('cen', merchant.environment),
      merchant_id: merchant.id,
      customer_id: customerId,
      grant_id: null,
      kind: 'overage',
      amount: -left,
      request_id: input.requestId,
      created_at: at,
    });
  }
  for (const entry of entries) await insertCreditEntry(trx, entry);
  await takeFromAccount(trx, {
    customer_id: customerId,
    drawn: draw.cycle + draw.bundle,
    overage: draw.overage,
    at,
  });
  return draw;
}
