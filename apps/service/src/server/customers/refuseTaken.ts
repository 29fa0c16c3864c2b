import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/**
 * Refuses a phone or reference id that another live customer of the merchant has (`except`:
 * the customer being changed).
 */
export async function refuseTaken(
  db: Db,
  merchantId: string,
  field: 'phone' | 'reference_id',
  value: string,
  except?: string,
) {
  let q = db
    .selectFrom('customers')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where(field, '=', value)
    .where('deleted_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  if (await q.executeTakeFirst()) {
    throw new ServiceError(
      'already_exists',
      `Lava Checkout: another customer of this account has this ${field}. Look that customer up instead (GET /v1/customers/:id), or use another ${field}.`,
      { param: field },
    );
  }
}
