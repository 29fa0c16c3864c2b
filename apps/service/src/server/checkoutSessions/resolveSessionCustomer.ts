import { ID_PREFIXES, type SessionClaims } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';

/**
 * A session's claims with its customer as the service knows them. A session minted offline
 * (`createCheckoutSession`) may name the customer by the merchant's own reference id: it
 * becomes the customer's `con_...` id here, as `POST /v1/checkout_sessions` does when it mints,
 * so the rest of the checkout finds the returning customer. A reference id that names none of
 * the merchant's customers names nobody: the checkout is a new customer's. Costs a query only
 * for a reference id.
 */
export async function resolveSessionCustomer(
  db: Db,
  merchantId: string,
  claims: SessionClaims,
): Promise<SessionClaims> {
  const { customer } = claims;
  if (customer === undefined || customer.startsWith(`${ID_PREFIXES.customer}_`)) return claims;
  const found = await db
    .selectFrom('customers')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('reference_id', '=', customer)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const { customer: _reference, ...rest } = claims;
  return found ? { ...rest, customer: found.id } : rest;
}
