import { describe, expect, it } from 'vitest';
import { toMinorUnits } from './toMinorUnits.ts';

describe('toMinorUnits', () => {
  it.each([
    ['49.00', 4900],
    ['49', 4900],
    ['0.5', 50],
    ['0.29', 29],
    ['1.10', 110],
    ['999999999999.99', 99999999999999],
  ])('turns %s into %i cents without a float', (amount, cents) => {
    expect(toMinorUnits(amount)).toBe(cents);
  });

  it.each(['', '-1.00', '1.005', '1,00', '1e3', ' 49.00', 'NaN'])('refuses %j', (amount) => {
    expect(() => toMinorUnits(amount)).toThrow(/at most two decimals/);
  });
});
