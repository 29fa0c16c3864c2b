import type { Db } from '../platform/db/Database.ts';
import { liveRowOf } from '../platform/db/liveRowsOf.ts';
import { orNotFound } from '../platform/orNotFound.ts';

/**
 * A meter of the merchant, or a 404: another merchant's meters do not exist here. A deleted
 * meter is found only with `includeDeleted` (usage recorded against it still names it).
 */
export async function findMeterOrThrow(
  db: Db,
  merchantId: string,
  meterId: string,
  options: { param?: string; includeDeleted?: boolean } = {},
) {
  const meter = options.includeDeleted
    ? await db
        .selectFrom('meters')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('id', '=', meterId)
        .executeTakeFirst()
    : await liveRowOf(db, 'meters', merchantId, meterId);
  return orNotFound(
    meter,
    `Lava Checkout: no meter ${meterId} in this account. Use a meter_id that POST /v1/meters returned.`,
    options.param,
  );
}
