import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/** Checks that every id of a plan's `meter_ids` names one of the merchant's meters. */
export async function checkMetersExist(db: Db, merchantId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await db
        .selectFrom('meters')
        .select('id')
        .where('merchant_id', '=', merchantId)
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute()
    ).map((row) => row.id),
  );
  const missing = ids.findIndex((meterId) => !found.has(meterId));
  if (missing >= 0) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: meter_ids.${missing} names no meter of this account (${ids[missing]}). Use meter_ids that POST /v1/meters returned.`,
      { param: `meter_ids.${missing}` },
    );
  }
}
