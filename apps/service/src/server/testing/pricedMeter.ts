import type { PricedMeter } from '../gateway/pricing/priceMeterCharge.ts';

/**
 * A meter as pricing takes it, for tests: its rate type, its unit and its tiers in order, each
 * `[start, rate]` as decimal strings.
 */
export function pricedMeter(
  rate_type: PricedMeter['rate_type'],
  tier_type: PricedMeter['tier_type'],
  ...tiers: [start: string, rate: string][]
): PricedMeter {
  return { rate_type, tier_type, tiers: tiers.map(([start, rate]) => ({ start, rate })) };
}
