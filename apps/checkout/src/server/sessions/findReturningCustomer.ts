import type { Db } from '../db/Database.ts';

/**
 * The customer a session was minted for (`customer_id`), when it names one of the merchant's
 * customers: the code then goes to the phone on file.
 */
export async function findReturningCustomer(
  db: Db,
  merchantId: string,
  customerId: string,
): Promise<{ id: string; phone: string | null } | null> {
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'phone'])
    .where('merchant_id', '=', merchantId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  return customer ?? null;
}
