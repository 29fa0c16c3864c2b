import type { RestMeter } from '@lava-checkout/server';
import type { Tables } from '../platform/db/Database.ts';

export type TierType = Tables['meters']['tier_type'];
/** A tier as stored: where it starts (in the meter's unit) and its rate, both decimal strings. */
export interface StoredTier {
  start: string;
  rate: string;
}

export const readTiers = (meter: Pick<Tables['meters'], 'tiers'>): StoredTier[] =>
  JSON.parse(meter.tiers) as StoredTier[];

/** A meter in the REST API's `RestMeter` shape: tier starts are numbers there. */
export function toRestMeter(meter: Tables['meters']) {
  return {
    meter_id: meter.id,
    meter_slug: meter.slug,
    name: meter.name,
    rate_type: meter.rate_type,
    tiers: readTiers(meter).map((tier) => ({
      start: Number(tier.start),
      rate: tier.rate,
      type: meter.tier_type,
    })),
    created_at: meter.created_at,
  } satisfies RestMeter;
}
