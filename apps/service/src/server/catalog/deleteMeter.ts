import type { Services } from '../Services.ts';
import { findMeterOrThrow } from './findMeterOrThrow.ts';

/** Deletes a meter and unlinks it from its plans; recorded usage keeps pointing at it. */
export async function deleteMeter(
  services: Pick<Services, 'db' | 'now'>,
  merchantId: string,
  meterId: string,
) {
  const meter = await findMeterOrThrow(services.db, merchantId, meterId);
  await services.db.transaction().execute(async (trx) => {
    // The slug is freed for a new meter.
    await trx
      .updateTable('meters')
      .set({ deleted_at: services.now().toISOString(), slug: `deleted:${meter.id}` })
      .where('id', '=', meter.id)
      .execute();
    await trx.deleteFrom('plan_meters').where('meter_id', '=', meter.id).execute();
  });
  return meter;
}
