import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

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
  let query = db
    .selectFrom('meters')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('id', '=', meterId);
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
  const meter = await query.executeTakeFirst();
  if (!meter) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no meter ${meterId} in this account. Use a meter_id that POST /v1/meters returned.`,
      options.param ? { param: options.param } : {},
    );
  }
  return meter;
}
