import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/** A request the merchant recorded, by its `request_id`, or a 404. */
export async function findRequestOrThrow(db: Db, merchantId: string, requestId: string) {
  const row = await db
    .selectFrom('usage_requests')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!row) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no request ${requestId} in this account. Use the request_id you recorded with POST /v1/requests.`,
    );
  }
  return row;
}
