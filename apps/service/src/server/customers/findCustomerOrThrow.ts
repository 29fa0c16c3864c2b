import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { ServiceError } from '../platform/ServiceError.ts';

// Prepared: every usage record and most `/v1` calls start here.
const liveCustomerBy = (column: 'id' | 'reference_id') =>
  prepareQuery((db, param: Param<{ merchant_id: string; id: string }>) =>
    db
      .selectFrom('customers')
      .selectAll()
      .where('merchant_id', '=', param('merchant_id'))
      .where('deleted_at', 'is', null)
      .where(column, '=', param('id')),
  );
const byId = liveCustomerBy('id');
const byReference = liveCustomerBy('reference_id');

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
  const find = idOrReference.startsWith(`${ID_PREFIXES.customer}_`) ? byId : byReference;
  const [customer] = (await find(db, { merchant_id: merchantId, id: idOrReference })).rows;
  if (!customer) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no customer ${idOrReference} in this account. Use the customer_id that checkout reported, or your reference_id.`,
      param ? { param } : {},
    );
  }
  return customer;
}
