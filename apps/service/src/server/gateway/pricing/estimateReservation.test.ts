import { describe, expect, it } from 'vitest';
import { Money } from '../../platform/money/Money.ts';
import { pricedMeter } from '../../testing/pricedMeter.ts';
import { DEFAULT_MAX_OUTPUT_TOKENS, estimateReservation } from './estimateReservation.ts';
import { MODEL_PRICES, type ModelPrice } from './MODEL_PRICES.ts';
import type { PricedMeter } from './priceMeterCharge.ts';

const tokens = pricedMeter('fixed', 'tokens_1m', ['0', '3.00']);
const estimate = (
  meter: PricedMeter,
  bodyBytes: number,
  maxOutputTokens: number | null,
  price: ModelPrice | null = MODEL_PRICES.providers.anthropic['claude-sonnet-4-5'],
) =>
  estimateReservation({
    meter,
    facts: { bodyBytes, maxOutputTokens },
    price,
    before: new Money(0),
    keyType: 'managed',
  });

describe('estimateReservation', () => {
  it('counts a token of input per 4 bytes of body and the output limit the call sets, at the meter rate', () => {
    const reserved = estimate(tokens, 4000, 500);
    expect(reserved).toMatchObject({ inputTokens: 1000, outputTokens: 500 });
    // 1,500 tokens at 3.00 per million.
    expect(reserved?.charge.toString()).toBe('0.0045');
  });

  it('reserves the default output for a call that sets no limit', () => {
    const reserved = estimate(tokens, 400, null);
    expect(reserved?.outputTokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
    expect(reserved?.charge.toString()).toBe(
      new Money(100 + DEFAULT_MAX_OUTPUT_TOKENS).times(3).div(1e6).toString(),
    );
  });

  it('reserves one request on a request meter', () => {
    const requests = pricedMeter('fixed', 'requests', ['0', '0.01']);
    expect(estimate(requests, 4000, 500)?.charge.toString()).toBe('0.01');
  });

  it('marks up the dearest provider cost the call could have on a percentage meter, and cannot without a price', () => {
    const percent = pricedMeter('percentage', 'tokens_1m', ['0', '20']);
    // Input at the cache-write rate (3.75 > 3.00): (1,000 x 3.75 + 500 x 15) per million, plus 20%.
    expect(estimate(percent, 4000, 500)?.charge.toString()).toBe('0.0135');
    expect(estimate(percent, 4000, 500, null)).toBeNull();
  });
});
