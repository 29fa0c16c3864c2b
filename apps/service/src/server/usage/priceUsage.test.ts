import { describe, expect, it } from 'vitest';
import { Money } from '../platform/money/Money.ts';
import { meterQuantity, priceUsage } from './priceUsage.ts';

const tokens = {
  rate_type: 'fixed',
  tier_type: 'tokens_1m',
  tiers: [{ start: '0', rate: '3.00' }],
} as const;
const requests = {
  rate_type: 'fixed',
  tier_type: 'requests',
  tiers: [
    { start: '0', rate: '0.01' },
    { start: '10000', rate: '0.005' },
  ],
} as const;
const counts = {
  input_tokens: 1200,
  output_tokens: 300,
  input_characters: 0,
  output_characters: 0,
  input_seconds: 0,
  output_seconds: 90,
};

describe('priceUsage', () => {
  it('charges $3.00 per million tokens exactly: 1,500 tokens cost 0.0045', () => {
    const priced = priceUsage(
      { ...tokens, tiers: [...tokens.tiers] },
      new Money(0),
      meterQuantity('tokens_1m', counts),
    );
    expect(priced.charge.toString()).toBe('0.0045');
    expect(priced.breakdown).toEqual([
      expect.objectContaining({ tokens: 1500, characters: 0, seconds: 0 }),
    ]);
  });

  it('graduates: the request that crosses 10,000 pays the second tier', () => {
    const meter = { ...requests, tiers: [...requests.tiers] };
    expect(priceUsage(meter, new Money(9999), new Money(1)).charge.toString()).toBe('0.01');
    expect(priceUsage(meter, new Money(10000), new Money(1)).charge.toString()).toBe('0.005');
    const split = priceUsage(meter, new Money(9998), new Money(4));
    expect(split.charge.toString()).toBe('0.03');
    expect(split.breakdown.map((b) => [b.tier.start, b.cost.toString()])).toEqual([
      [0, '0.02'],
      [10000, '0.01'],
    ]);
  });

  it('prices minutes from seconds, and one request per request', () => {
    expect(meterQuantity('minutes', counts).toString()).toBe('1.5');
    expect(meterQuantity('requests', counts).toString()).toBe('1');
  });

  it('charges nothing on a percentage meter, which needs a provider cost', () => {
    const priced = priceUsage(
      { rate_type: 'percentage', tier_type: 'tokens_1m', tiers: [{ start: '0', rate: '20' }] },
      new Money(0),
      new Money(1500),
    );
    expect(priced.charge.isZero()).toBe(true);
  });
});
