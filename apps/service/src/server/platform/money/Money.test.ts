import { describe, expect, it } from 'vitest';
import { formatMoney, formatUsage, Money } from './Money.ts';

describe('Money', () => {
  it('adds exactly where floating point drifts', () => {
    let sum = new Money(0);
    let float = 0;
    for (let i = 0; i < 1000; i++) {
      sum = sum.plus('0.1');
      float += 0.1;
    }
    expect(sum.toString()).toBe('100');
    expect(float).not.toBe(100);
  });

  it('writes prices with at least two places and balances exactly', () => {
    expect(formatMoney('25')).toBe('25.00');
    expect(formatMoney('24.999997')).toBe('24.999997');
    expect(formatMoney('3.10')).toBe('3.10');
  });

  it('writes usage amounts with ten places, rounding halves up', () => {
    expect(formatUsage('0.0581')).toBe('0.0581000000');
    expect(formatUsage('0.00000000005')).toBe('0.0000000001');
  });
});
