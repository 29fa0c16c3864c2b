import type { StoredTier, TierType } from '../../catalog/toRestMeter.ts';
import { Money } from '../../platform/money/Money.ts';
import {
  meterQuantity,
  priceUsage,
  type TierCharge,
  type UsageCounts,
} from '../../usage/priceUsage.ts';
import type { NormalizedUsage } from '../usage/NormalizedUsage.ts';

/** A meter as pricing needs it: the stored columns, tiers parsed. */
export interface PricedMeter {
  rate_type: 'fixed' | 'percentage';
  tier_type: TierType;
  tiers: StoredTier[];
}

/** What a meter charges for a call. */
export interface MeterCharge {
  /** Exact; round where it is recorded. */
  charge: Money;
  /** Per tier the call reached: its units and what they cost. */
  breakdown: TierCharge[];
  /** The call's quantity in the meter's unit. */
  quantity: Money;
}

/**
 * A gateway call's usage in the REST API's counts: every input token counts, cached or not
 * (the meter prices tokens; the cache only changes the provider's cost). Calls carry no
 * characters or seconds.
 */
export function toUsageCounts(
  usage: Pick<
    NormalizedUsage,
    'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'
  >,
): UsageCounts {
  return {
    input_tokens: usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
    output_tokens: usage.outputTokens,
    input_characters: 0,
    output_characters: 0,
    input_seconds: 0,
    output_seconds: 0,
  };
}

/** The units of one tier's part of a call, in the meter's unit. */
function tierUnits(part: TierCharge, type: TierType, quantity: Money): Money {
  switch (type) {
    case 'tokens_1m':
      return new Money(part.tokens);
    case 'characters_1m':
      return new Money(part.characters);
    case 'minutes':
      return new Money(part.seconds).div(60);
    case 'requests':
      return quantity;
    default:
      return type satisfies never;
  }
}

/**
 * What a meter charges for a call, graduated over what the customer used of it this period
 * (`before`, in the meter's unit), by `priceUsage`:
 *
 * - `fixed`: each unit at the rate of the tier it falls in (credits per million tokens or
 *   characters, per minute, per request).
 * - `percentage`: the provider's cost marked up by the tier's rate in percent, the cost split
 *   over the tiers in proportion to the units in each. With the service's provider key
 *   (`managed`) the customer pays the cost and the markup (rate 20: 1.20 times the cost); with
 *   the caller's own key (`unmanaged`) the provider bills that key for the cost, so only the
 *   markup is charged. Without a provider cost (a model the price table lacks) it cannot be
 *   priced: `null`.
 */
export function priceMeterCharge(
  meter: PricedMeter,
  input: {
    counts: UsageCounts;
    before: Money;
    providerCost: Money | null;
    keyType: 'managed' | 'unmanaged';
  },
): MeterCharge | null {
  const quantity = meterQuantity(meter.tier_type, input.counts);
  const priced = priceUsage(meter, input.before, quantity);
  if (meter.rate_type === 'fixed') return { ...priced, quantity };
  const cost = input.providerCost;
  if (cost === null) return null;
  let charge = new Money(0);
  const breakdown = priced.breakdown.map((part) => {
    const units = tierUnits(part, meter.tier_type, quantity);
    const share = quantity.isZero() ? new Money(0) : cost.times(units).div(quantity);
    const markup = share.times(part.tier.rate).div(100);
    const partCharge = input.keyType === 'managed' ? share.plus(markup) : markup;
    charge = charge.plus(partCharge);
    return { ...part, cost: partCharge };
  });
  return { charge, breakdown, quantity };
}
