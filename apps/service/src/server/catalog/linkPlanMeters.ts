import type { Db } from '../platform/db/Database.ts';

/** Links a plan to meters, in `trx`. */
export async function linkPlanMeters(trx: Db, planId: string, meterIds: readonly string[]) {
  if (meterIds.length === 0) return;
  await trx
    .insertInto('plan_meters')
    .values(meterIds.map((meterId) => ({ plan_id: planId, meter_id: meterId })))
    .execute();
}
