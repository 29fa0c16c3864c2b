import type { Db } from '../db/Database.ts';

/**
 * The merchant's customer for a checkout: the one the session was minted for, when it names
 * one of ours, else the one with the verified phone.
 */
export async function findCustomer(
  db: Db,
  merchantId: string,
  wanted: { customerId: string | null; phone: string },
): Promise<{ id: string } | undefined> {
  const byId = wanted.customerId
    ? await db
        .selectFrom('customers')
        .select('id')
        .where('merchant_id', '=', merchantId)
        .where('id', '=', wanted.customerId)
        .executeTakeFirst()
    : undefined;
  return (
    byId ??
    db
      .selectFrom('customers')
      .select('id')
      .where('merchant_id', '=', merchantId)
      .where('phone', '=', wanted.phone)
      .executeTakeFirst()
  );
}
