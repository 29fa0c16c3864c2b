import { describe, expect, it } from 'vitest';
import { joinAmountParts, splitAmount } from './AmountParts.ts';
import { formatUsage } from './Money.ts';

describe('splitAmount and joinAmountParts', () => {
  it('split an amount into whole numbers below 10^12 that sum back to it exactly', () => {
    expect(splitAmount('0.0045000000')).toEqual({ trillions: 0, ones: 0, fraction: 45_000_000 });
    expect(splitAmount('3.0000000001')).toEqual({ trillions: 0, ones: 3, fraction: 1 });
    expect(splitAmount('33333333333333333333333.3333333333')).toEqual({
      trillions: 33_333_333_333,
      ones: 333_333_333_333,
      fraction: 3_333_333_333,
    });
    expect(formatUsage(joinAmountParts(splitAmount('33333333333333333333333.3333333333')))).toBe(
      '33333333333333333333333.3333333333',
    );
  });

  it('sum many amounts exactly, where floating point drifts', () => {
    const amounts = Array.from({ length: 1000 }, (_, i) => `${i}.${String(i).padStart(10, '7')}`);
    const parts = amounts.map(splitAmount);
    const sums = {
      trillions: parts.reduce((sum, p) => sum + p.trillions, 0),
      ones: parts.reduce((sum, p) => sum + p.ones, 0),
      // As PostgreSQL answers a sum of bigints: a numeric, read as a string.
      fraction: String(parts.reduce((sum, p) => sum + p.fraction, 0)),
    };
    expect(formatUsage(joinAmountParts(sums))).toBe('500277.7777570200');
    expect(amounts.reduce((sum, a) => sum + Number(a), 0)).not.toBe(500277.77775702);
  });

  it('rounds to 10 places as stored amounts are, and refuses a negative amount', () => {
    expect(splitAmount('0.00000000005')).toEqual({ trillions: 0, ones: 0, fraction: 1 });
    expect(() => splitAmount('-1')).toThrow(/negative/);
  });
});
