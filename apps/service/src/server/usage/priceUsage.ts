import type { StoredTier, TierType } from '../catalog/toRestMeter.ts';
import { Money } from '../platform/money/Money.ts';

/** The usage a request reports; whole numbers, as the REST API takes them. */
export interface UsageCounts {
  input_tokens: number;
  output_tokens: number;
  input_characters: number;
  output_characters: number;
  input_seconds: number;
  output_seconds: number;
}

/** A request that reports no usage: what a request's own counts are added to. */
export const NO_USAGE: Readonly<UsageCounts> = {
  input_tokens: 0,
  output_tokens: 0,
  input_characters: 0,
  output_characters: 0,
  input_seconds: 0,
  output_seconds: 0,
};

/** What a meter charges for part of a request in one of its tiers. */
export interface TierCharge {
  tier: { start: number; rate: string; type: TierType };
  tokens: number;
  characters: number;
  seconds: number;
  /** Exact. */
  cost: Money;
}

/** Units a tier's rate is per: a million tokens or characters, a minute, a request. */
const PER: Record<TierType, number> = {
  tokens_1m: 1_000_000,
  characters_1m: 1_000_000,
  minutes: 1,
  requests: 1,
};

/** How much of a meter's unit a request used (tokens, characters, minutes or one request). */
export function meterQuantity(type: TierType, usage: UsageCounts): Money {
  switch (type) {
    case 'tokens_1m':
      return new Money(usage.input_tokens).plus(usage.output_tokens);
    case 'characters_1m':
      return new Money(usage.input_characters).plus(usage.output_characters);
    case 'minutes':
      return new Money(usage.input_seconds).plus(usage.output_seconds).div(60);
    case 'requests':
      return new Money(1);
    default:
      return type satisfies never;
  }
}

/**
 * Prices `quantity` units of a meter, graduated: the customer has already used `before` units
 * this period, so each unit is charged at the rate of the tier it falls in (units 0 to 9,999 at
 * the first tier's rate, from 10,000 at the second's, ...). A `fixed` meter's rate is credits
 * per unit; a `percentage` meter marks up the provider's cost, which usage recorded through the
 * API does not carry, so it charges nothing. Exact: no rounding here.
 */
export function priceUsage(
  meter: { rate_type: 'fixed' | 'percentage'; tier_type: TierType; tiers: StoredTier[] },
  before: Money,
  quantity: Money,
): { charge: Money; breakdown: TierCharge[] } {
  const end = before.plus(quantity);
  const breakdown: TierCharge[] = [];
  let charge = new Money(0);
  meter.tiers.forEach((tier, index) => {
    const next = meter.tiers[index + 1];
    const from = Money.max(before, tier.start);
    const to = next ? Money.min(end, next.start) : end;
    if (!to.gt(from)) return;
    const units = to.minus(from);
    const cost =
      meter.rate_type === 'fixed' ? units.times(tier.rate).div(PER[meter.tier_type]) : new Money(0);
    charge = charge.plus(cost);
    breakdown.push({
      tier: { start: Number(tier.start), rate: tier.rate, type: meter.tier_type },
      tokens: meter.tier_type === 'tokens_1m' ? units.toNumber() : 0,
      characters: meter.tier_type === 'characters_1m' ? units.toNumber() : 0,
      seconds: meter.tier_type === 'minutes' ? units.times(60).toNumber() : 0,
      cost,
    });
  });
  return { charge, breakdown };
}
