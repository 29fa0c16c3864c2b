import type { Db, Tables } from '../db/Database.ts';

/**
 * The customer a session was minted for (`customer_id`), when it names one of the merchant's
 * customers: the code then goes to the phone on file.
 */
export async function findReturningCustomer(
  db: Db,
  session: Pick<Tables['checkout_sessions'], 'merchant_id' | 'customer_id'>,
): Promise<{ id: string; phone: string } | null> {
  if (!session.customer_id) return null;
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'phone'])
    .where('merchant_id', '=', session.merchant_id)
    .where('id', '=', session.customer_id)
    .executeTakeFirst();
  return customer ?? null;
}
