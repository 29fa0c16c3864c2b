import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';

/**
 * Usage beyond the credits that a payment charged, inside that payment's transaction: an
 * `overage` entry for it (positive: the opposite of the entries that made it due) and the same
 * taken off the account's `overage_due`. Usage recorded after the payment was claimed stays
 * due, for the next one: never lost, never charged twice.
 */
export async function settleOverage(
  trx: Db,
  input: {
    merchant: { id: string; environment: 'test' | 'live' };
    customerId: string;
    /** In credit units; more than 0. */
    amount: bigint;
    at: Date;
  },
): Promise<void> {
  const at = input.at.toISOString();
  await trx
    .updateTable('credit_accounts')
    .set({
      overage_due: sql`overage_due - ${input.amount}`,
      updated_at: at,
      balance_version: sql`balance_version + 1`,
    })
    .where('customer_id', '=', input.customerId)
    .execute();
  await trx
    .insertInto('credit_entries')
    .values({
      id: createId('cen', input.merchant.environment),
      merchant_id: input.merchant.id,
      customer_id: input.customerId,
      grant_id: null,
      kind: 'overage',
      amount: input.amount,
      request_id: null,
      created_at: at,
    })
    .execute();
}
