import { describe, expect, it } from 'vitest';
import { formatCardNumber } from './formatCardNumber.ts';
import { formatExpiry } from './formatExpiry.ts';

describe('formatCardNumber', () => {
  it.each([
    ['4242424242424242', '4242 4242 4242 4242', 'Visa', 3],
    ['42424242424242429999', '4242 4242 4242 4242 999', 'Visa', 3],
    ['378282246310005', '3782 822463 10005', 'American Express', 4],
    ['5555-5555-5555-4444', '5555 5555 5555 4444', 'Mastercard', 3],
    ['42', '42', 'Visa', 3],
    ['', '', null, 3],
  ])('formats %s as %s, a %s card with a %i-digit code', (typed, text, brand, cvcLength) => {
    expect(formatCardNumber(typed)).toEqual({ text, brand, cvcLength });
  });
});

describe('formatExpiry', () => {
  it.each([
    ['1', '', '1'],
    ['12', '1', '12 / '],
    ['12 / 3', '12 / ', '12 / 3'],
    ['12 / 345', '12 / 34', '12 / 34'],
    ['4', '', '04 / '],
    ['1234', '', '12 / 34'],
    ['12 /', '12 / ', '1'],
    ['12 / ', '12 / 3', '12'],
  ])('turns %j (after %j) into %j', (next, previous, formatted) => {
    expect(formatExpiry(next, previous)).toBe(formatted);
  });
});
