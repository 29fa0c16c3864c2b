import { Money } from '../../platform/money/Money.ts';
import type { UsageCounts } from '../../usage/priceUsage.ts';
import type { RequestFacts } from '../inspectRequest.ts';
import type { ModelPrice } from './MODEL_PRICES.ts';
import { type MeterCharge, type PricedMeter, priceMeterCharge } from './priceMeterCharge.ts';
import { priceProviderCost } from './priceProviderCost.ts';

/**
 * Bytes of request body counted as one input token. English runs about 4 characters a token,
 * and a JSON body adds its keys and quotes, so this over-counts text; it also counts images
 * and audio sent inline as base64 as if they were text, which over-counts them much more.
 * The reservation only holds credits until the call settles at its real usage.
 */
export const BODY_BYTES_PER_INPUT_TOKEN = 4;
/** Output reserved for a call that sets no limit (`max_tokens` and the like). */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
/** Characters reserved per output token, on a meter that counts characters. */
export const CHARACTERS_PER_OUTPUT_TOKEN = 4;
/** Seconds reserved for a call, on a meter that counts minutes: nothing in the body says. */
export const DEFAULT_RESERVED_SECONDS = 60;

/** What a call could cost before it is sent, and the usage that estimate assumes. */
export interface Reservation extends MeterCharge {
  inputTokens: number;
  outputTokens: number;
}

/**
 * What a call could cost at most, before it is sent, to reserve against the customer's credits:
 * its input estimated from the body's size (`BODY_BYTES_PER_INPUT_TOKEN`), its output at the
 * limit it sets or `DEFAULT_MAX_OUTPUT_TOKENS`, priced by the meter as the call would be
 * (`priceMeterCharge`). On a `percentage` meter the provider cost counts every input token at
 * the dearer of the input and cache-write rates, and is `null` without a price for the model.
 * A call that produces more than its limit (a provider ignoring it, or no limit set and more
 * than the default produced) costs more than its reservation: that one call's overshoot.
 */
export function estimateReservation(input: {
  meter: PricedMeter;
  facts: Pick<RequestFacts, 'bodyBytes' | 'maxOutputTokens'>;
  price: ModelPrice | null;
  before: Money;
  keyType: 'managed' | 'unmanaged';
}): Reservation | null {
  const inputTokens = Math.ceil(input.facts.bodyBytes / BODY_BYTES_PER_INPUT_TOKEN);
  const outputTokens = input.facts.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  const counts: UsageCounts = {
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    input_characters: input.facts.bodyBytes,
    output_characters: outputTokens * CHARACTERS_PER_OUTPUT_TOKEN,
    input_seconds: DEFAULT_RESERVED_SECONDS,
    output_seconds: 0,
  };
  let providerCost: Money | null = null;
  if (input.price) {
    const dearerInput = Money.max(input.price.input, input.price.cacheWrite);
    providerCost = priceProviderCost(
      { inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 },
      { ...input.price, input: dearerInput.toString() },
    );
  }
  const charge = priceMeterCharge(input.meter, {
    counts,
    before: input.before,
    providerCost,
    keyType: input.keyType,
  });
  return charge && { ...charge, inputTokens, outputTokens };
}
