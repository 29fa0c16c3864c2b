import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/**
 * A live customer of the merchant, by `con_...` id or by the merchant's reference id, or a
 * 404: another merchant's customers do not exist here.
 */
export async function findCustomerOrThrow(
  db: Db,
  merchantId: string,
  idOrReference: string,
  param?: string,
) {
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('deleted_at', 'is', null)
    .where((eb) =>
      idOrReference.startsWith(`${ID_PREFIXES.customer}_`)
        ? eb('id', '=', idOrReference)
        : eb('reference_id', '=', idOrReference),
    )
    .executeTakeFirst();
  if (!customer) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no customer ${idOrReference} in this account. Use the customer_id that checkout reported, or your reference_id.`,
      param ? { param } : {},
    );
  }
  return customer;
}
