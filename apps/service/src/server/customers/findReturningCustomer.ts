import type { Db } from '../platform/db/Database.ts';

/**
 * The customer a session was minted for (`customer_id`, resolved to a `con_...` id by
 * `resolveSessionCustomer`), when it names one of the merchant's customers with a phone on
 * file: the code then goes to that phone. A customer deleted, or made without a phone, is not
 * one: the customer types their number.
 */
export async function findReturningCustomer(
  db: Db,
  merchantId: string,
  customerId: string,
): Promise<{ id: string; phone: string } | null> {
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'phone'])
    .where('merchant_id', '=', merchantId)
    .where('id', '=', customerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return customer?.phone ? { id: customer.id, phone: customer.phone } : null;
}
