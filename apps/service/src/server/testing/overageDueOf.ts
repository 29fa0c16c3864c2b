import type { Db } from '../platform/db/Database.ts';

/** What a customer owes in overage, in credit units, as its credit account keeps it. */
export async function overageDueOf(db: Db, customerId: string): Promise<bigint> {
  const account = await db
    .selectFrom('credit_accounts')
    .select('overage_due')
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return BigInt(account.overage_due);
}
