import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { readCreditUnits } from './creditUnits.ts';

/**
 * Pays a customer's usage beyond the credits (`overage_due`) out of a grant just made, inside
 * its transaction: as much of what is due as the grant holds is drawn from it (a `draw` entry
 * on the grant) and taken off `overage_due` (a positive `overage` entry, the opposite of the
 * entries that made it due). A renewal then no longer charges it: its overage part is what is
 * still due when it is claimed. Returns what it paid, in credit units.
 */
export async function coverOverage(
  trx: Db,
  input: {
    merchant: { id: string; environment: 'test' | 'live' };
    customerId: string;
    grantId: string;
    /** What the grant holds, in credit units. */
    grantAmount: bigint;
    at: Date;
  },
): Promise<bigint> {
  const account = await trx
    .selectFrom('credit_accounts')
    .select('overage_due')
    .where('customer_id', '=', input.customerId)
    .executeTakeFirst();
  const due = readCreditUnits(account?.overage_due);
  // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
  const paid = due < input.grantAmount ? due : input.grantAmount;
  if (paid <= 0n) return 0n;
  const at = input.at.toISOString();
  await trx
    .updateTable('credit_grants')
    .set({ remaining: sql`remaining - ${paid}` })
    .where('id', '=', input.grantId)
    .execute();
  const entry = (grantId: string | null, kind: 'draw' | 'overage', amount: bigint) => ({
    id: createId('cen', input.merchant.environment),
    merchant_id: input.merchant.id,
    customer_id: input.customerId,
    grant_id: grantId,
    kind,
    amount,
    request_id: null,
    created_at: at,
  });
  await trx
    .insertInto('credit_entries')
    .values([entry(input.grantId, 'draw', -paid), entry(null, 'overage', paid)])
    .execute();
  await trx
    .updateTable('credit_accounts')
    .set({
      available: sql`available - ${paid}`,
      overage_due: sql`overage_due - ${paid}`,
      updated_at: at,
      balance_version: sql`balance_version + 1`,
    })
    .where('customer_id', '=', input.customerId)
    .execute();
  return paid;
}
