import { definedOf } from '../platform/definedOf.ts';
import type { Services } from '../Services.ts';
import { findMeterOrThrow } from './findMeterOrThrow.ts';
import type { StoredTier } from './toRestMeter.ts';

/** Renames a meter or changes its tiers, and returns it as it now is. */
export async function updateMeter(
  services: Pick<Services, 'db'>,
  merchantId: string,
  meterId: string,
  input: { name?: string | undefined; tiers?: StoredTier[] | undefined },
) {
  const { db } = services;
  const meter = await findMeterOrThrow(db, merchantId, meterId);
  const changes = definedOf({
    name: input.name,
    tiers: input.tiers === undefined ? undefined : JSON.stringify(input.tiers),
  });
  if (Object.keys(changes).length > 0) {
    await db.updateTable('meters').set(changes).where('id', '=', meter.id).execute();
  }
  return { ...meter, ...changes };
}
