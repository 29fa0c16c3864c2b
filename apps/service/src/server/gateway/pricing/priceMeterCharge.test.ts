import { describe, expect, it } from 'vitest';
import { Money } from '../../platform/money/Money.ts';
import { pricedMeter } from '../../testing/pricedMeter.ts';
import { MODEL_PRICES } from './MODEL_PRICES.ts';
import { priceMeterCharge, toUsageCounts } from './priceMeterCharge.ts';
import { priceProviderCost } from './priceProviderCost.ts';

const usage = {
  inputTokens: 1000,
  outputTokens: 500,
  cacheReadTokens: 2000,
  cacheWriteTokens: 1000,
};
const sonnet = MODEL_PRICES.providers.anthropic['claude-sonnet-4-5'];

/** The meter's charge for `usage`, after `before` units of it this cycle. */
const charge = (
  meter: Parameters<typeof priceMeterCharge>[0],
  before: number,
  providerCost: string | null,
  keyType: 'managed' | 'unmanaged',
) =>
  priceMeterCharge(meter, {
    counts: toUsageCounts(usage),
    before: new Money(before),
    providerCost: providerCost === null ? null : new Money(providerCost),
    keyType,
  });

describe('priceProviderCost', () => {
  it('prices input, output, cache reads and cache writes each at its rate per million', () => {
    // 1,000 x 3 + 500 x 15 + 2,000 x 0.30 + 1,000 x 3.75, per million.
    expect(priceProviderCost(usage, sonnet).toString()).toBe('0.01485');
  });
});

describe('priceMeterCharge', () => {
  it('charges a fixed meter by its tiers, counting every input token, cached or not', () => {
    const meter = pricedMeter('fixed', 'tokens_1m', ['0', '3.00']);
    const charged = charge(meter, 0, null, 'managed');
    // 4,500 tokens at 3.00 per million.
    expect(charged?.charge.toString()).toBe('0.0135');
    expect(charged?.quantity.toString()).toBe('4500');
  });

  it('graduates a fixed meter over what was used before', () => {
    const meter = pricedMeter('fixed', 'requests', ['0', '0.01'], ['10', '0.005']);
    expect(charge(meter, 9, null, 'managed')?.charge.toString()).toBe('0.01');
    expect(charge(meter, 10, null, 'managed')?.charge.toString()).toBe('0.005');
  });

  it('marks up the provider cost on a percentage meter: cost and markup with our key, the markup alone with theirs', () => {
    const meter = pricedMeter('percentage', 'tokens_1m', ['0', '20']);
    expect(charge(meter, 0, '0.01', 'managed')?.charge.toString()).toBe('0.012');
    expect(charge(meter, 0, '0.01', 'unmanaged')?.charge.toString()).toBe('0.002');
  });

  it("splits the cost over a percentage meter's tiers by the units in each", () => {
    const meter = pricedMeter('percentage', 'tokens_1m', ['0', '20'], ['5000', '10']);
    // 4,500 tokens after 3,000: 2,000 in the first tier, 2,500 in the second.
    const charged = charge(meter, 3000, '0.009', 'unmanaged');
    // 0.004 x 20% + 0.005 x 10%.
    expect(charged?.charge.toString()).toBe('0.0013');
    expect(charged?.breakdown.map((b) => [b.tokens, b.cost.toString()])).toEqual([
      [2000, '0.0008'],
      [2500, '0.0005'],
    ]);
  });

  it('cannot price a percentage meter without a provider cost', () => {
    const meter = pricedMeter('percentage', 'tokens_1m', ['0', '20']);
    expect(charge(meter, 0, null, 'managed')).toBeNull();
  });
});
