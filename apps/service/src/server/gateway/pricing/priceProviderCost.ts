import { Money } from '../../platform/money/Money.ts';
import type { NormalizedUsage } from '../usage/NormalizedUsage.ts';
import type { ModelPrice } from './MODEL_PRICES.ts';

type Tokens = Pick<
  NormalizedUsage,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'
>;

/** What a call's tokens cost at the provider's list price, in dollars, exactly (no rounding). */
export function priceProviderCost(usage: Tokens, price: ModelPrice): Money {
  return new Money(usage.inputTokens)
    .times(price.input)
    .plus(new Money(usage.outputTokens).times(price.output))
    .plus(new Money(usage.cacheReadTokens).times(price.cacheRead))
    .plus(new Money(usage.cacheWriteTokens).times(price.cacheWrite))
    .div(1_000_000);
}
