import type { Db } from '../platform/db/Database.ts';
import { orNotFound } from '../platform/orNotFound.ts';
import { findRecordedRequest } from './findRecordedRequest.ts';

/** A request the merchant recorded, by its `request_id`, or a 404. */
export async function findRequestOrThrow(db: Db, merchantId: string, requestId: string) {
  return orNotFound(
    (await findRecordedRequest(db, { merchant_id: merchantId, request_id: requestId })).rows[0],
    `Lava Checkout: no request ${requestId} in this account. Use the request_id you recorded with POST /v1/requests.`,
  );
}
